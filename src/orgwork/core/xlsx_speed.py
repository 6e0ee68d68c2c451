"""A measured speed-up of openpyxl (3.1) writing xlsx without lxml: plain cells as one string,
and in write-only sheets plain rows as one string.

Without lxml, openpyxl serializes every cell through ``et_xmlfile``'s pure-Python incremental
tree: an ``Element`` per cell (two more for a string), namespaces resolved per element. Writing
100,000 persons × 7 columns spent about two thirds of its time there (bench/exports.py). For the
cells an export writes (text, numbers, dates; no formula, rich text or hyperlink) the XML is fixed,
so it is written as one string; anything else goes to openpyxl's own function. In a write-only
sheet a row of plain values (text, numbers, dates, None) is written as one string without making a
cell object per value; a row with anything else (a styled cell, a formula, an error code) takes
openpyxl's own way. The bytes written
are the same (tests/exports/test_xlsx_speed.py compares whole sheets). With lxml installed,
openpyxl uses its own lxml writer and this does nothing.
"""

from xml.etree.ElementTree import _escape_cdata

__all__ = ["install"]


def install():
    from openpyxl import LXML
    from openpyxl.worksheet import _writer as sheet_writer

    if LXML or getattr(sheet_writer.write_cell, "_orgwork_fast", False):
        return
    original = sheet_writer.write_cell
    from openpyxl.utils.datetime import to_excel

    def number(v):
        return "%.16g" % v  # noqa: UP031 - exactly openpyxl.compat.safe_string's format

    def write_cell(xf, worksheet, cell, styled=None):
        out = getattr(xf, "_file", None)
        value = cell._value
        t = cell.data_type
        if out is None or cell.hyperlink is not None or value is None or value == "":
            return original(xf, worksheet, cell, styled)
        style = ' s="{}"'.format(cell.style_id) if styled else ""
        if t == "s" and type(value) is str:
            stripped = value.strip()  # openpyxl.xml.functions.whitespace
            space = ' xml:space="preserve"' if stripped and stripped != value else ""
            out(
                '<c r="{}"{} t="inlineStr"><is><t{}>{}</t></is></c>'.format(
                    cell.coordinate, style, space, _escape_cdata(value)
                )
            )
        elif t == "n" and type(value) in (int, float):
            if value != value or value in (float("inf"), float("-inf")):
                return original(xf, worksheet, cell, styled)
            out('<c r="{}"{} t="n"><v>{}</v></c>'.format(cell.coordinate, style, number(value)))
        elif t == "d" and not worksheet.parent.iso_dates and getattr(value, "tzinfo", None) is None:
            serial = to_excel(value, worksheet.parent.epoch)
            out('<c r="{}"{} t="n"><v>{}</v></c>'.format(cell.coordinate, style, number(serial)))
        else:
            return original(xf, worksheet, cell, styled)

    write_cell._orgwork_fast = True
    write_cell.__wrapped__ = original
    sheet_writer.write_cell = write_cell
    _install_rows(number, to_excel)


def _install_rows(number, to_excel):
    from datetime import date, datetime

    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

    letters = [get_column_letter(i) for i in range(1, 200)]
    errors = frozenset(ERROR_CODES)
    illegal = ILLEGAL_CHARACTERS_RE.search

    def date_style(ws, t):
        # The style openpyxl gives a date or datetime cell, registered on first use as it would be.
        styles = ws.__dict__.setdefault("_orgwork_date_styles", {})
        sid = styles.get(t)
        if sid is None:
            sid = styles[t] = WriteOnlyCell(ws, value=t(2000, 1, 1)).style_id
        return sid

    def fast_row(ws, out, values, row_idx):
        """The row's XML as openpyxl would write it, or None when it has anything but plain values."""
        if len(values) >= len(letters) or row_idx in ws.row_dimensions:
            return None
        parts = ['<row r="{}">'.format(row_idx)]
        wb = ws.parent
        for i, v in enumerate(values):
            if v is None:
                continue
            t = type(v)
            ref = letters[i] + str(row_idx)
            if t is str:
                if not v:
                    parts.append('<c r="{}" t="inlineStr" />'.format(ref))
                    continue
                if v[0] == "=" and len(v) > 1 or v in errors or len(v) > 32767 or illegal(v):
                    return None
                stripped = v.strip()
                space = ' xml:space="preserve"' if stripped and stripped != v else ""
                parts.append(
                    '<c r="{}" t="inlineStr"><is><t{}>{}</t></is></c>'.format(ref, space, _escape_cdata(v))
                )
            elif t is int or t is float:
                if v != v or v in (float("inf"), float("-inf")):
                    return None
                parts.append('<c r="{}" t="n"><v>{}</v></c>'.format(ref, number(v)))
            elif (t is date or t is datetime) and not wb.iso_dates and getattr(v, "tzinfo", None) is None:
                parts.append(
                    '<c r="{}" s="{}" t="n"><v>{}</v></c>'.format(
                        ref, date_style(ws, t), number(to_excel(v, wb.epoch))
                    )
                )
            else:
                return None
        parts.append("</row>")
        return "".join(parts)

    def _write_rows(self):
        try:
            xf = self._writer.xf.send(True)
        except StopIteration:
            self._already_saved()
        out = getattr(xf, "_file", None)
        with xf.element("sheetData"):
            row_idx = 1
            try:
                while True:
                    row = yield
                    xml = fast_row(self, out, row, row_idx) if out is not None and type(row) is list else None
                    if xml is None:
                        self._writer.write_row(xf, self._values_to_row(row, row_idx), row_idx)
                    else:
                        out(xml)
                    row_idx += 1
            except GeneratorExit:
                pass
        self._writer.xf.send(None)

    _write_rows.__wrapped__ = WriteOnlyWorksheet._write_rows
    WriteOnlyWorksheet._write_rows = _write_rows
