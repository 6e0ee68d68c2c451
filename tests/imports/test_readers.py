"""The xlsx reader: a sheet without a <dimension> element, and large files parsed by a child process."""

from datetime import date, datetime

import pytest
from openpyxl import Workbook

from orgwork.core.imports import readers
from orgwork.core.imports.readers import open_sheet


def _workbook(path, *, write_only, rows):
    wb = Workbook(write_only=write_only)
    ws = wb.create_sheet("名册") if write_only else wb.active
    if not write_only:
        ws.title = "名册"
    ws.append(["某某镇党员名册"])  # a title row above the header
    ws.append([])
    ws.append(["姓名", "身份证号", "出生日期", "学历", "人数"])
    for i in range(rows):
        if i == 3:
            ws.append([])  # blank rows are skipped
        ws.append([f"张{i}", f"32050{i:013d}", date(1980, 1, 1 + i % 28), "大学本科" if i % 2 else "大专", i])
    ws.append(["最后", None, datetime(1990, 5, 6, 0, 0), None, 2.5])
    wb.save(path)
    return path


def _read(path):
    sheet = open_sheet(path)
    try:
        return sheet.headers, sheet.header_row, sheet.total, list(sheet.rows)
    finally:
        sheet.close()


@pytest.mark.parametrize("write_only", [True, False])
def test_child_process_reads_the_same_rows(tmp_path, monkeypatch, write_only):
    """Above the threshold the rows come from a child process: exactly what this process reads."""
    path = _workbook(tmp_path / "roster.xlsx", write_only=write_only, rows=40)
    in_process = _read(path)
    monkeypatch.setattr(readers, "LARGE_FILE_ROWS", 10)
    by_child = _read(path)
    assert by_child == in_process
    headers, header_row, total, rows = by_child
    assert headers == ["姓名", "身份证号", "出生日期", "学历", "人数"]
    assert header_row == 3
    assert len(rows) == 41
    assert rows[0] == (4, ["张0", "320500000000000000", datetime(1980, 1, 1), "大专", 0])
    assert rows[-1][1] == ["最后", None, datetime(1990, 5, 6), None, 2.5]
    assert total >= 41  # for the progress bar, from the sheet's rows


def test_sheet_without_dimension_still_gives_a_row_count(tmp_path):
    """openpyxl's write-only mode writes no <dimension>: the progress total is counted from the rows."""
    path = _workbook(tmp_path / "wo.xlsx", write_only=True, rows=25)
    headers, _row, total, rows = _read(path)
    assert len(rows) == 26
    assert total == 29  # 30 row elements (title, blank, header, 25 + 1 rows, a blank) but the first


def test_a_child_that_dies_is_a_read_error(tmp_path, monkeypatch):
    path = _workbook(tmp_path / "roster.xlsx", write_only=True, rows=40)
    monkeypatch.setattr(readers, "LARGE_FILE_ROWS", 10)
    sheet = open_sheet(path)
    path.write_bytes(b"not a workbook any more")  # the child opens the file after this
    with pytest.raises(readers.ReadError):
        list(sheet.rows)
    sheet.close()
