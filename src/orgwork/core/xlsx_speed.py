"""A measured speed-up of openpyxl (3.1) writing xlsx without lxml: plain cells as one string.

Without lxml, openpyxl serializes every cell through ``et_xmlfile``'s pure-Python incremental
tree: an ``Element`` per cell (two more for a string), namespaces resolved per element. Writing
100,000 persons × 7 columns spent about two thirds of its time there (bench/exports.py). For the
cells an export writes (text, numbers, dates; no formula, rich text or hyperlink) the XML is fixed,
so it is written as one string; anything else goes to openpyxl's own function. The bytes written
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
