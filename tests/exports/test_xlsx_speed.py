"""The faster cell writer (core.xlsx_speed) writes the very bytes openpyxl's own writer does."""

import io
import zipfile
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.worksheet import _writer as sheet_writer
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from orgwork.core import xlsx_speed

ROWS = [
    ["张三", "男", date(1980, 1, 31), "3205**********1234", 42, 3.25, None],
    [" 前后空格 ", "a<b & c>d", datetime(2026, 11, 24, 8, 30), "", -7, 1e20, "="],
    [None, None, None],
    [],
    [
        "#N/A",
        "x",
        datetime(1999, 12, 31, 23, 59, 59),
        date(1900, 3, 1),
        10**17,
    ],  # an error code: openpyxl's way
    ["   ", "换行\n第二行", date(1900, 3, 1), "=不是公式", 0, float("nan"), "x"],  # a formula: openpyxl's way
    [True, "是"],  # a boolean: openpyxl's way
    ("元组", 1),  # not a list: openpyxl's way
]


def _sheet_xml(fast: bool) -> bytes:
    saved = sheet_writer.write_cell, WriteOnlyWorksheet._write_rows
    sheet_writer.write_cell = getattr(saved[0], "__wrapped__", saved[0])
    WriteOnlyWorksheet._write_rows = getattr(saved[1], "__wrapped__", saved[1])
    try:
        if fast:
            from openpyxl import LXML

            xlsx_speed.install()
            assert LXML or sheet_writer.write_cell._orgwork_fast
            assert LXML or WriteOnlyWorksheet._write_rows is not getattr(saved[1], "__wrapped__", saved[1])
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
        sheet_writer.write_cell, WriteOnlyWorksheet._write_rows = saved
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
        return b"".join(z.read(n) for n in ("xl/worksheets/sheet1.xml", "xl/styles.xml"))


def test_fast_cells_are_byte_for_byte_the_same():
    slow = _sheet_xml(fast=False)
    fast = _sheet_xml(fast=True)
    assert b"inlineStr" in slow
    assert fast == slow
