"""Working days: the one calendar service every module counts deadlines with.

For each year the truth comes from, in order:
1. the ``CalendarDay`` table that users maintain (when a year has any row there, that year's
   holidays and make-up working days are exactly the rows; other days follow the weekend rule);
2. the ``chinese-calendar`` package (statutory holidays and 调休 up to 2026);
3. weekends only — with a warning the pages show, since deadlines may then be too short.
"""

from __future__ import annotations

import threading
import time
from datetime import date, timedelta

from django.utils.translation import gettext as _

__all__ = [
    "SOURCE_TABLE",
    "SOURCE_LIBRARY",
    "SOURCE_WEEKENDS",
    "is_workday",
    "day_info",
    "add_workdays",
    "workdays_between",
    "year_source",
    "warnings_for",
    "clear_cache",
]

SOURCE_TABLE = "table"
SOURCE_LIBRARY = "library"
SOURCE_WEEKENDS = "weekends"

_HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利纪念日",
}

_CACHE_SECONDS = 60.0
_cache: dict[int, tuple[float, dict | None]] = {}
_lock = threading.Lock()


def clear_cache() -> None:
    with _lock:
        _cache.clear()


def _table_year(year: int) -> dict | None:
    """{date: (is_workday, name)} of the user-maintained table for ``year``, or None if it has none."""
    now = time.monotonic()
    hit = _cache.get(year)
    if hit and now - hit[0] < _CACHE_SECONDS:
        return hit[1]
    from orgwork.core.models import CalendarDay

    rows = CalendarDay.objects.filter(date__year=year).values_list("date", "is_workday", "name")
    table = {d: (w, n) for d, w, n in rows} or None
    with _lock:
        _cache[year] = (now, table)
    return table


def _library_covers(year: int) -> bool:
    import chinese_calendar

    try:
        chinese_calendar.is_workday(date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


def year_source(year: int) -> str:
    if _table_year(year) is not None:
        return SOURCE_TABLE
    if _library_covers(year):
        return SOURCE_LIBRARY
    return SOURCE_WEEKENDS


def day_info(d: date) -> tuple[bool, str, str]:
    """(is working day, name of the holiday or make-up day or "", source)."""
    table = _table_year(d.year)
    if table is not None:
        if d in table:
            workday, name = table[d]
            return workday, name, SOURCE_TABLE
        return d.weekday() < 5, "", SOURCE_TABLE
    import chinese_calendar

    try:
        workday = chinese_calendar.is_workday(d)
        on_holiday, name = chinese_calendar.get_holiday_detail(d)
    except NotImplementedError:
        return d.weekday() < 5, "", SOURCE_WEEKENDS
    name = _HOLIDAY_NAMES.get(name, name or "")
    if workday and d.weekday() >= 5:
        name = _("make-up working day") + (f" ({name})" if name else "")
    elif not on_holiday:
        name = ""
    return workday, name, SOURCE_LIBRARY


def is_workday(d: date) -> bool:
    return day_info(d)[0]


def add_workdays(start: date, n: int) -> date:
    """The n-th working day after ``start`` (``start`` itself not counted); n = 0 gives ``start``
    if it is a working day, else the next one. Deadlines: ``add_workdays(assigned_on, 10)``."""
    if n < 0:
        raise ValueError("n must be >= 0")
    d = start
    if n == 0:
        while not is_workday(d):
            d += timedelta(days=1)
        return d
    counted = 0
    while counted < n:
        d += timedelta(days=1)
        if is_workday(d):
            counted += 1
    return d


def workdays_between(start: date, end: date) -> int:
    """Working days in (start, end]: how many working days have passed from ``start`` to ``end``.
    Negative when ``end`` is before ``start``."""
    if end < start:
        return -workdays_between(end, start)
    count, d = 0, start
    while d < end:
        d += timedelta(days=1)
        if is_workday(d):
            count += 1
    return count


def warnings_for(start: date, end: date | None = None) -> list[str]:
    """Warnings for the years from ``start`` to ``end`` that only know weekends."""
    end = end or start
    out = []
    for year in range(start.year, end.year + 1):
        if year_source(year) == SOURCE_WEEKENDS:
            out.append(
                _(
                    "No holiday calendar for %(year)d: working days count weekends only. "
                    "Enter the %(year)d holidays and make-up days under Working-day calendar."
                )
                % {"year": year}
            )
    return out
