"""Spreadsheet export: xlsx streamed with openpyxl's write-only mode, or CSV with a BOM for Excel."""

import csv
import io
from datetime import date, datetime

from django.http import HttpResponse
from django.utils import timezone

__all__ = ["xlsx_response", "csv_response", "cell"]


def cell(value):
    """A value as Excel should see it: aware datetimes in local time, no tz; lists joined."""
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(tzinfo=None)
    if isinstance(value, date) or value is None or isinstance(value, int | float):
        return value
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    return str(value)


def xlsx_response(filename: str, title: str, headers: list[str], rows) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title[:31])
    bold = Font(bold=True)
    head = []
    for h in headers:
        c = WriteOnlyCell(ws, value=str(h))
        c.font = bold
        head.append(c)
    ws.append(head)
    for row in rows:
        ws.append([cell(v) for v in row])
    buf = io.BytesIO()
    wb.save(buf)
    response = HttpResponse(
        buf.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = "attachment; filename*=UTF-8''{}".format(_quote(filename + ".xlsx"))
    return response


def csv_response(filename: str, headers: list[str], rows) -> HttpResponse:
    buf = io.StringIO()
    buf.write("\ufeff")  # Excel on Chinese Windows needs the BOM to read UTF-8
    writer = csv.writer(buf)
    writer.writerow([str(h) for h in headers])
    for row in rows:
        writer.writerow(["" if v is None else cell(v) for v in row])
    response = HttpResponse(buf.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = "attachment; filename*=UTF-8''{}".format(_quote(filename + ".csv"))
    return response


def _quote(name):
    from urllib.parse import quote

    return quote(name)
