"""Working-day deadlines across Spring Festival and National Day 2026 (with their 调休 days),
the user-maintained table for a year the library does not know, and the escalation thresholds."""

from datetime import date, datetime

import pytest

from orgwork.casework import rules
from orgwork.core import workdays
from orgwork.core.models import CalendarDay

CONF = dict(rules.ESCALATION_DEFAULTS)


@pytest.fixture(autouse=True)
def _fresh_calendar(db):
    workdays.clear_cache()
    yield
    workdays.clear_cache()


def test_spring_festival_2026_with_its_make_up_saturday():
    # Thu 12 Feb: Fri 13 (1), Sat 14 is a make-up working day (2), 15–23 Feb are off, Tue 24 (3).
    snap = rules.deadline_dates(date(2026, 2, 12), 3, CONF)
    assert snap["due"] == "2026-02-24"
    assert snap["remind"] == "2026-02-14"  # 80% of 3 days = 2 working days
    assert snap["escalate"] == "2026-02-27"  # 3 working days after the deadline


def test_national_day_2026_with_its_make_up_saturday():
    # Wed 30 Sep: 1–7 Oct off, Thu 8 (1), Fri 9 (2), Sat 10 Oct make-up (3), Mon 12 (4).
    assert rules.deadline_dates(date(2026, 9, 30), 2, CONF)["due"] == "2026-10-09"
    assert rules.deadline_dates(date(2026, 9, 30), 4, CONF)["due"] == "2026-10-12"
    # Sun 20 Sep is a make-up working day too.
    assert rules.deadline_dates(date(2026, 9, 18), 1, CONF)["due"] == "2026-09-20"


def test_a_year_without_data_counts_weekends_and_warns_then_the_table_takes_over():
    # 2027: chinese-calendar has no data. Fri 1 Jan 2027 + 1 → Mon 4 Jan (weekends only).
    assert rules.deadline_dates(date(2026, 12, 31), 1, CONF)["due"] == "2027-01-01"
    assert workdays.warnings_for(date(2027, 1, 1))
    CalendarDay.objects.create(date=date(2027, 1, 1), is_workday=False, name="元旦")
    workdays.clear_cache()
    assert rules.deadline_dates(date(2026, 12, 31), 1, CONF)["due"] == "2027-01-04"
    assert not workdays.warnings_for(date(2027, 1, 1))


def test_reminder_at_80_percent_at_least_one_day():
    start = date(2026, 3, 2)  # Monday
    assert rules.deadline_dates(start, 10, CONF)["remind"] == "2026-03-12"  # 8th working day
    assert rules.deadline_dates(start, 1, CONF)["remind"] == "2026-03-03"  # never day 0
    assert rules.deadline_dates(start, 5, {**CONF, "remind_percent": 50})["remind"] == "2026-03-04"


def test_level_edges():
    r, d, e = date(2026, 3, 12), date(2026, 3, 16), date(2026, 3, 19)
    assert rules.level_due(date(2026, 3, 11), r, d, e) == 0
    assert rules.level_due(r, r, d, e) == rules.LEVEL_REMIND
    assert rules.level_due(d, r, d, e) == rules.LEVEL_REMIND  # the deadline day is still in time
    assert rules.level_due(date(2026, 3, 17), r, d, e) == rules.LEVEL_OVERDUE
    assert rules.level_due(e, r, d, e) == rules.LEVEL_COMMITTEE


def test_never_send_at_night_or_on_a_day_off():
    assert rules.may_send_at(datetime(2026, 3, 12, 8, 30), CONF)
    assert rules.may_send_at(datetime(2026, 3, 12, 17, 59), CONF)
    assert not rules.may_send_at(datetime(2026, 3, 12, 18, 0), CONF)
    assert not rules.may_send_at(datetime(2026, 3, 12, 2, 0), CONF)
    assert not rules.may_send_at(datetime(2026, 3, 14, 10, 0), CONF)  # Saturday
    assert not rules.may_send_at(datetime(2026, 10, 2, 10, 0), CONF)  # National Day
    assert rules.may_send_at(datetime(2026, 10, 10, 10, 0), CONF)  # make-up Saturday
