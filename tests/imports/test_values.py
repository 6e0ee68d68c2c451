"""Cells as Chinese spreadsheets hold them: headers and dates."""

from datetime import date, datetime

import pytest

from orgwork.core.imports.readers import decode_csv
from orgwork.core.imports.values import ValueProblem, normalize_header, parse_date, parse_date_text


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("镇（街道）", "镇(街道)"),
        ("出生\n年月", "出生年月"),
        (" 身份证号 * ", "身份证号"),
        ("任职\u3000日期", "任职日期"),
        ("ＩＤ", "id"),
    ],
)
def test_headers_are_normalized(raw, expected):
    assert normalize_header(raw) == expected


@pytest.mark.parametrize(
    "raw,expected",
    [
        (datetime(1985, 3, 1, 0, 0), date(1985, 3, 1)),
        ("1985.03", date(1985, 3, 1)),
        ("1985.3", date(1985, 3, 1)),
        ("1985-3-1", date(1985, 3, 1)),
        ("1985/03/01", date(1985, 3, 1)),
        ("1985年3月", date(1985, 3, 1)),
        ("1985年3月12日", date(1985, 3, 12)),
        ("198503", date(1985, 3, 1)),
        (198503, date(1985, 3, 1)),
        ("19850312", date(1985, 3, 12)),
        (1985.03, date(1985, 3, 1)),
        (31107, date(1985, 3, 1)),  # an Excel serial number
        ("1985-03-01 00:00:00", date(1985, 3, 1)),
        ("", None),
    ],
)
def test_dates_in_the_usual_forms(raw, expected):
    assert parse_date(raw) == expected


def test_year_and_month_only_is_marked():
    assert parse_date_text("1985.03") == "1985-03"
    assert parse_date_text("1985年3月") == "1985-03"
    assert parse_date_text("1985-03-01") == "1985-03-01"


@pytest.mark.parametrize("raw", ["明年", "1985-13-01", "12345678901"])
def test_not_a_date(raw):
    with pytest.raises(ValueProblem):
        parse_date(raw)


def test_csv_encodings():
    text = "姓名,身份证号\n张三,1\n"
    assert decode_csv(text.encode("utf-8")) == text
    assert decode_csv(b"\xef\xbb\xbf" + text.encode("utf-8")) == text
    assert decode_csv(text.encode("gb18030")) == text
