"""Read an uploaded spreadsheet as (row number, cells): xlsx streamed with openpyxl's read-only mode,
CSV in UTF-8 (with or without BOM) or GB18030, which Excel on Chinese Windows writes."""

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

__all__ = ["Sheet", "open_sheet", "ReadError", "decode_csv", "SUFFIXES", "NOTES_SHEET", "LARGE_FILE_ROWS"]

SUFFIXES = (".xlsx", ".csv")
NOTES_SHEET = "填写说明"


class ReadError(ValueError):
    """The file cannot be read at all (wrong format, no header)."""


@dataclass
class Sheet:
    headers: list  # cells of the header row
    header_row: int  # its 1-based row number
    rows: object  # iterator of (row_number, list of cells), empty rows skipped
    total: int | None  # data rows expected (an estimate for progress), None when unknown
    close: object = None


def decode_csv(data: bytes) -> str:
    """UTF-8 with or without BOM first (a BOM is proof); otherwise GB18030, a superset of GBK/GB2312."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise ReadError(
            _("The CSV file is neither UTF-8 nor GB18030 text. Save it again as CSV (UTF-8).")
        ) from None


def _blank(cells) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def open_sheet(path: Path, name: str = "") -> Sheet:
    suffix = Path(name or str(path)).suffix.lower()
    if suffix == ".csv":
        return _open_csv(path)
    if suffix == ".xlsx":
        return _open_xlsx(path)
    raise ReadError(_("Upload an Excel workbook (.xlsx) or a CSV file (.csv)."))


def _rows_after_header(numbered, header_limit=20):
    """Skip blank rows and title rows above the header: the header is the first row with at least
    two filled cells within the first rows (a merged title like “某某镇村两委名册” has one)."""
    for number, cells in numbered:
        if _blank(cells):
            continue
        filled = sum(1 for c in cells if c not in (None, ""))
        if filled >= 2 or number > header_limit:
            return number, list(cells)
    raise ReadError(_("The file has no header row."))


def _data(numbered, width):
    for number, cells in numbered:
        cells = list(cells)
        if _blank(cells):
            continue
        if len(cells) < width:
            cells += [None] * (width - len(cells))
        yield number, cells


def _open_csv(path: Path) -> Sheet:
    text = decode_csv(Path(path).read_bytes())
    total = max(0, text.count("\n") - 1)
    reader = csv.reader(io.StringIO(text, newline=""))
    numbered = ((i, row) for i, row in enumerate(reader, start=1))
    header_row, headers = _rows_after_header(numbered)
    return Sheet(headers, header_row, _data(numbered, len(headers)), total)


def _open_xlsx(path: Path) -> Sheet:
    from openpyxl import load_workbook

    _install_fast_size()
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # zipfile.BadZipFile, KeyError, InvalidFileException …: not a workbook
        raise ReadError(_("The file is not a valid Excel workbook (.xlsx).")) from None
    names = [n for n in wb.sheetnames if n != NOTES_SHEET] or wb.sheetnames
    ws = wb[names[0]]
    total = ws.max_row - 1 if ws.max_row else _count_rows(ws) - 1
    numbered = _fast_rows(wb, ws)
    try:
        header_row, headers = _rows_after_header(numbered)
    except ReadError:
        wb.close()
        raise
    if total is not None and total >= LARGE_FILE_ROWS:
        wb.close()
        rows = _child_rows(path, ws.title, header_row, len(headers))
        return Sheet(headers, header_row, rows, total, close=rows.close)
    return Sheet(headers, header_row, _data(numbered, len(headers)), total, close=wb.close)


# A file of this many data rows or more is large: a workbook is then parsed by a child process while
# this one validates and writes (parsing is a sixth of an import, and the machine has a second
# core), and the importer tunes the garbage collector (``Importer.run``).
LARGE_FILE_ROWS = 5000
_BATCH = 1000


def _child_rows(path, sheet_name, header_row, width):
    """The data rows of the sheet (as ``_data`` gives them) parsed by ``python -m
    orgwork.core.imports.readers`` and received in pickled batches over a pipe. The child only
    reads the file; it is stopped when the rows are closed (an import cancelled or failed) and
    stops by itself when this process is gone (a broken pipe)."""
    import pickle
    import subprocess
    import sys

    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "orgwork.core.imports.readers",
            str(path),
            sheet_name,
            str(header_row),
            str(width),
        ],
        stdout=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=_child_env(),
    )
    try:
        while True:
            try:
                batch = pickle.load(proc.stdout)
            except EOFError:
                batch = "failed"
            if batch is None:
                break
            if not isinstance(batch, list):
                proc.wait()
                detail = proc.stderr.read().decode("utf-8", "replace").strip().splitlines()
                raise ReadError(
                    _("The workbook could not be read to the end: {}").format(detail[-1] if detail else batch)
                )
            yield from batch
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        proc.stdout.close()
        proc.stderr.close()


def _child_env():
    """This process's environment, with this very copy of the package first on the child's path."""
    import os

    import orgwork

    src = str(Path(orgwork.__file__).resolve().parent.parent)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH", "")) if p)
    return env


def _child_main(argv):
    """``python -m orgwork.core.imports.readers PATH SHEET HEADER_ROW WIDTH``: the data rows of the
    sheet below its header row, to stdout as pickled lists of ``_BATCH`` rows, then None."""
    import pickle
    import sys

    from openpyxl import load_workbook

    path, sheet_name, header_row, width = argv[0], argv[1], int(argv[2]), int(argv[3])
    out = sys.stdout.buffer
    _install_fast_size()
    wb = load_workbook(path, read_only=True, data_only=True)
    numbered = (item for item in _fast_rows(wb, wb[sheet_name]) if item[0] > header_row)
    batch = []
    for item in _data(numbered, width):
        batch.append(item)
        if len(batch) >= _BATCH:
            pickle.dump(batch, out, protocol=pickle.HIGHEST_PROTOCOL)
            batch = []
    if batch:
        pickle.dump(batch, out, protocol=pickle.HIGHEST_PROTOCOL)
    pickle.dump(None, out)
    out.flush()
    wb.close()


def _install_fast_size():
    """openpyxl's read-only sheet looks for the ``<dimension>`` element when it is opened, waiting
    for the *end* of ``<sheetData>`` to give up: a sheet written without one (openpyxl's write-only
    mode, many exporting systems) was parsed whole before the first row was read, a twentieth of a
    100,000-row import. The element comes before ``<sheetData>`` (the schema's order), so the
    search stops at the start of ``<sheetData>``: the same dimensions when there are some, none
    (openpyxl's answer too) otherwise."""
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    if getattr(ReadOnlyWorksheet._get_size, "_orgwork_fast", False):
        return
    from xml.etree.ElementTree import iterparse

    from openpyxl.worksheet.dimensions import SheetDimension

    def _get_size(self):
        with self._get_source() as src:
            for _event, element in iterparse(src, events=("start",)):
                if element.tag == _DIMENSION:
                    (
                        self._min_column,
                        self._min_row,
                        self._max_column,
                        self._max_row,
                    ) = SheetDimension.from_tree(element).boundaries
                    return
                if element.tag == _SHEET_DATA:
                    return

    _get_size._orgwork_fast = True
    ReadOnlyWorksheet._get_size = _get_size


_ROW_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")


def _count_rows(ws) -> int:
    """The rows of a sheet without a ``<dimension>``, for the progress bar: its row elements
    counted in the raw XML (decompressed, not parsed; chunks overlap so that none is missed)."""
    n, tail = 0, b""
    with ws._get_source() as src:
        while chunk := src.read(1 << 20):
            data = tail + chunk
            n += len(_ROW_START.findall(data))
            tail = data[-32:]
            n -= len(_ROW_START.findall(tail))
    return n + len(_ROW_START.findall(tail))


_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _CELL, _VALUE, _INLINE, _TEXT = (_NS + t for t in ("row", "c", "v", "is", "t"))
_DIMENSION, _SHEET_DATA = _NS + "dimension", _NS + "sheetData"
_RUN_TEXT = f"{_NS}r/{_NS}t"


def _column_index(ref: str) -> int:
    """ "AB12" → 28 (1-based)."""
    n = 0
    for ch in ref:
        if ch.isdigit():
            break
        n = n * 26 + ord(ch.upper()) - 64
    return n


def _fast_rows(wb, ws):
    """The sheet's rows as (row number, cell values), as openpyxl's ``iter_rows(values_only=True)``
    gives them (shared strings, numbers, dates by the cell's number format, booleans, the cached
    value of a formula), parsed with the C-accelerated ``iterparse`` directly: openpyxl builds an
    object per cell, which costs a third of an import. The workbook's shared strings, date styles
    and epoch come from openpyxl's own loading."""
    from xml.etree.ElementTree import iterparse

    from openpyxl.utils.datetime import from_excel, from_ISO8601

    strings = ws._shared_strings
    date_formats = wb._date_formats
    timedelta_formats = wb._timedelta_formats
    epoch = wb.epoch
    with ws._get_source() as src:
        row_number = 0
        for _event, el in iterparse(src):
            if el.tag != _ROW:
                continue
            r = el.get("r")
            row_number = int(float(r)) if r else row_number + 1
            cells = []
            for c in el:
                if c.tag != _CELL:
                    continue
                ref = c.get("r")
                if ref:
                    col = _column_index(ref)
                    if col > len(cells) + 1:
                        cells.extend([None] * (col - 1 - len(cells)))
                kind = c.get("t", "n")
                if kind == "inlineStr":
                    node = c.find(_INLINE)
                    value = None
                    if node is not None:  # plain text and rich-text runs, not phonetic guides
                        plain = node.find(_TEXT)
                        runs = [plain.text or ""] if plain is not None else []
                        runs += [t.text or "" for t in node.iterfind(_RUN_TEXT)]
                        value = "".join(runs)
                else:
                    value = c.findtext(_VALUE) or None
                    if value is not None:
                        if kind == "n":
                            value = float(value) if any(x in value for x in ".eE") else int(value)
                            style = int(c.get("s", 0))
                            if style and style in date_formats:
                                try:
                                    value = from_excel(value, epoch, timedelta=style in timedelta_formats)
                                except (OverflowError, ValueError):
                                    value = "#VALUE!"
                        elif kind == "s":
                            value = strings[int(value)]
                        elif kind == "b":
                            value = bool(int(value))
                        elif kind == "d":
                            value = from_ISO8601(value)
                cells.append(value)
            el.clear()
            yield row_number, cells


if __name__ == "__main__":
    import sys

    _child_main(sys.argv[1:])
