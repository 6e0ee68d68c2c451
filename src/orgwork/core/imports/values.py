"""Cell values as people type them in Chinese spreadsheets: headers, dates, pick-list labels."""

import re
import unicodedata
from datetime import date, datetime, timedelta

from django.utils.translation import gettext as _

__all__ = ["normalize_header", "parse_date", "parse_date_text", "text", "ValueProblem", "EXCEL_EPOCH"]

EXCEL_EPOCH = date(1899, 12, 30)
_SPACE = re.compile(r"\s+")
_REQUIRED_MARK = re.compile(r"[*＊]")


class ValueProblem(ValueError):
    """A cell that cannot be read as its column's kind; the message is for the user."""


def normalize_header(value) -> str:
    """ "出生 年月（必填）\\n" → "出生年月(必填)": NFKC folds full-width brackets and spaces, then
    every space and line break goes, and the required-column star."""
    s = unicodedata.normalize("NFKC", str(value or ""))
    s = _SPACE.sub("", s)
    s = _REQUIRED_MARK.sub("", s)
    return s.lower()


def text(value) -> str:
    """A cell as text: numbers typed into text columns lose Excel's ".0"; spaces trimmed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    return unicodedata.normalize("NFKC", str(value)).strip() if not isinstance(value, str) else value.strip()


_DATE_PATTERNS = [
    # 1985-03-01, 1985/3/1, 1985.3.1, 1985年3月1日, 1985-3, 1985.03, 1985年3月, with optional trailing 日/号
    re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:[-/.月]\s*(\d{1,2})\s*[日号]?|月)?$"),
]


def parse_date(value) -> date | None:
    """Dates as Chinese spreadsheets hold them: Excel dates, 1985.03, 1985-3-1, 1985年3月,
    198503, 19850301, an Excel serial number. A year and month alone mean the first of the month."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float):
        n = int(value)
        if isinstance(value, float) and not value.is_integer():
            # 1985.03 typed into a number cell: year.month
            s = "{:.2f}".format(value)
            return _ymd(s[:4], s[5:7], None, value)
        return _from_digits(str(n), value)
    s = unicodedata.normalize("NFKC", str(value)).strip()
    if not s:
        return None
    s = s.split(" ")[0] if re.match(r"^\d{4}-\d{2}-\d{2}[ T]", s) else s
    if s.isdigit():
        return _from_digits(s, value)
    for pattern in _DATE_PATTERNS:
        m = pattern.match(s)
        if m:
            return _ymd(m.group(1), m.group(2), m.group(3), value)
    raise ValueProblem(_("“{}” is not a date; write it as 1985-03-01, 1985.03 or 1985年3月.").format(value))


def parse_date_text(value) -> str:
    """``parse_date`` as ISO text, "YYYY-MM" when the cell gives only a year and month (the
    importer then decides the day: a birth date from the ID number, otherwise the 1st)."""
    d = parse_date(value)
    if d is None:
        return ""
    if d.day == 1 and _month_only(value):
        return d.isoformat()[:7]
    return d.isoformat()


def _month_only(value) -> bool:
    if isinstance(value, datetime | date):
        return False
    if isinstance(value, float) and not value.is_integer():
        return True
    s = unicodedata.normalize("NFKC", str(value)).strip()
    if s.isdigit():
        return len(s) in (4, 6)
    m = _DATE_PATTERNS[0].match(s)
    return bool(m) and not m.group(3)


def _from_digits(s: str, raw) -> date:
    if len(s) == 8:
        return _ymd(s[:4], s[4:6], s[6:], raw)
    if len(s) == 6:
        return _ymd(s[:4], s[4:], None, raw)
    if len(s) == 4 and 1900 <= int(s) <= 2100:
        return _ymd(s, "1", None, raw)
    if 1 <= len(s) <= 5:
        # An Excel serial day number that lost its date format (e.g. in a CSV export).
        return EXCEL_EPOCH + timedelta(days=int(s))
    raise ValueProblem(_("“{}” is not a date; write it as 1985-03-01, 1985.03 or 1985年3月.").format(raw))


def _ymd(y, m, d, raw) -> date:
    try:
        return date(int(y), int(m), int(d) if d else 1)
    except (TypeError, ValueError):
        raise ValueProblem(_("“{}” is not a valid date.").format(raw)) from None
