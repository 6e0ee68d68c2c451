"""Resident ID numbers per GB 11643-1999: 6-digit area code, 8-digit birth date, 3-digit sequence
(odd for men, even for women) and an ISO 7064 MOD 11-2 check character."""

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from django.utils.translation import gettext as _

__all__ = ["IdNumberError", "ParsedId", "check_char", "parse_id_number", "mask_id_number"]

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
# First two digits of GB/T 2260 province-level codes.
PROVINCES = {
    "11",
    "12",
    "13",
    "14",
    "15",
    "21",
    "22",
    "23",
    "31",
    "32",
    "33",
    "34",
    "35",
    "36",
    "37",
    "41",
    "42",
    "43",
    "44",
    "45",
    "46",
    "50",
    "51",
    "52",
    "53",
    "54",
    "61",
    "62",
    "63",
    "64",
    "65",
    "71",
    "81",
    "82",
    "83",
    "91",
}


class IdNumberError(ValueError):
    """The number breaks GB 11643; the message says how, in the active language."""


@dataclass(frozen=True)
class ParsedId:
    number: str
    area_code: str
    birth_date: date
    sex: str  # "M" or "F"


def check_char(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True))
    return CHECK_CHARS[total % 11]


def parse_id_number(value: str, *, today: date | None = None) -> ParsedId:
    return _parse((value or "").strip().upper(), today or date.today())


@lru_cache(maxsize=1024)
def _parse(s: str, today: date) -> ParsedId:
    # Kept for the few numbers just read: an import reads a row's number two or three times (the
    # form, the model's clean, a birth month beside it). Errors are raised anew each time.
    if len(s) != 18:
        raise IdNumberError(_("The ID number must have 18 characters, not {}.").format(len(s)))
    if not s[:17].isdigit() or not (s[17].isdigit() or s[17] == "X"):
        raise IdNumberError(
            _("The first 17 characters of the ID number must be digits, the last a digit or X.")
        )
    if s[:2] not in PROVINCES:
        raise IdNumberError(
            _("The area code “{}” of the ID number is not a valid province code.").format(s[:6])
        )
    try:
        birth = date(int(s[6:10]), int(s[10:12]), int(s[12:14]))
    except ValueError:
        raise IdNumberError(
            _("The birth date “{}” in the ID number is not a valid date.").format(s[6:14])
        ) from None
    if birth > today or birth.year < 1900:
        raise IdNumberError(
            _("The birth date “{}” in the ID number is outside the plausible range.").format(s[6:14])
        )
    expected = check_char(s[:17])
    if s[17] != expected:
        raise IdNumberError(
            _("The check character of the ID number is wrong: it should be {expected}, not {actual}.").format(
                expected=expected, actual=s[17]
            )
        )
    sex = "M" if int(s[16]) % 2 == 1 else "F"
    return ParsedId(number=s, area_code=s[:6], birth_date=birth, sex=sex)


def mask_id_number(value: str) -> str:
    """3205**********1234: area prefix and last four kept."""
    if not value:
        return ""
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]
