"""The faster cell writer (core.xlsx_speed) writes the very bytes openpyxl's own writer does."""

import io
import zipfile
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.worksheet import _writer as sheet_writer

from orgwork.core import xlsx_speed

ROWS = [
    ["张三", "男", date(1980, 1, 31), "3205**********1234", 42, 3.25, None],
    [" 前后空格 ", "a<b & c>d", datetime(2026, 11, 24, 8, 30), "", -7, 1e20, True],
    ["   ", "换行\n第二行", date(1900, 3, 1), "=不是公式", 0, float("nan"), "x"],
]


def _sheet_xml(fast: bool) -> bytes:
    original = getattr(sheet_writer.write_cell, "__wrapped__", sheet_writer.write_cell)
    saved = sheet_writer.write_cell
    sheet_writer.write_cell = original
    try:
        if fast:
            from openpyxl import LXML

            xlsx_speed.install()
            assert LXML or sheet_writer.write_cell._orgwork_fast
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("表")
        head = WriteOnlyCell(ws, value="姓名")
        head.font = Font(bold=True)
        ws.append([head, "出生日期"])
        for row in ROWS:
            ws.append(row)
        buf = io.BytesIO()
        wb.save(buf)
    finally:
        sheet_writer.write_cell = saved
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
        return z.read("xl/worksheets/sheet1.xml")


def test_fast_cells_are_byte_for_byte_the_same():
    slow = _sheet_xml(fast=False)
    fast = _sheet_xml(fast=True)
    assert b"inlineStr" in slow
    assert fast == slow
