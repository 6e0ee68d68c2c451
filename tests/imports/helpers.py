"""Build spreadsheets for import tests."""

import csv
import io
from pathlib import Path

from openpyxl import Workbook

__all__ = ["write_xlsx", "write_csv"]


def write_xlsx(path: Path, headers, rows, *, title_row=None) -> Path:
    wb = Workbook()
    ws = wb.active
    if title_row:
        ws.append([title_row])
    ws.append(list(headers))
    for r in rows:
        ws.append(list(r))
    wb.save(path)
    return path


def write_csv(path: Path, headers, rows, *, encoding="utf-8-sig") -> Path:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(headers)
    for r in rows:
        w.writerow(["" if v is None else v for v in r])
    Path(path).write_bytes(buf.getvalue().encode(encoding))
    return path
