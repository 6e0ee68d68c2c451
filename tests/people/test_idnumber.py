from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orgwork.people.idnumber import IdNumberError, check_char, mask_id_number, parse_id_number


def test_known_valid_number_parses_birth_and_sex():
    # The GB 11643 worked example: 11010519491231002X, a woman born 1949-12-31.
    parsed = parse_id_number("11010519491231002x")
    assert parsed.birth_date == date(1949, 12, 31)
    assert parsed.sex == "F"
    assert parsed.number.endswith("X")


@pytest.mark.parametrize(
    "value, message",
    [
        ("110105194912310021", "校验位错误:应为X"),
        ("11010519491231002", "应为18位"),
        ("11010519491331002X", "出生日期"),
        ("99010519491231002X", "地址码"),
        ("1101051949123100AX", "前17位须为数字"),
    ],
)
def test_invalid_numbers_are_refused_with_a_chinese_reason(value, message):
    with pytest.raises(IdNumberError, match=message):
        parse_id_number(value)


def test_future_birth_date_is_refused():
    body = "32050920990101001"
    with pytest.raises(IdNumberError, match="合理范围"):
        parse_id_number(body + check_char(body), today=date(2026, 1, 1))


@given(st.dates(min_value=date(1920, 1, 1), max_value=date(2020, 12, 31)), st.integers(0, 999))
def test_every_number_with_its_own_check_char_is_valid_and_one_digit_off_is_not(birth, seq):
    body = "320509{}{:03d}".format(birth.strftime("%Y%m%d"), seq)
    good = body + check_char(body)
    assert parse_id_number(good).birth_date == birth
    wrong = body + ("0" if check_char(body) != "0" else "1")
    with pytest.raises(IdNumberError):
        parse_id_number(wrong)


def test_mask_keeps_area_prefix_and_last_four():
    assert mask_id_number("320509198505201234") == "3205**********1234"
