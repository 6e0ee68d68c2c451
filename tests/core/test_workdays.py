"""Working days across Spring Festival and National Day with their make-up days; the user-maintained
table overrides the built-in data; a year without data counts weekends only and says so."""

from datetime import date

import pytest
from django.urls import reverse

from orgwork.core import workdays
from orgwork.core.models import CalendarDay
from tests.factories import login_verified, make_user


@pytest.fixture(autouse=True)
def _fresh_calendar():
    workdays.clear_cache()
    yield
    workdays.clear_cache()


@pytest.mark.django_db
class TestBuiltInCalendar:
    def test_spring_festival_2026(self):
        # 2026: 15–23 Feb off; Sat 14 Feb and Sat 28 Feb are make-up working days.
        assert workdays.is_workday(date(2026, 2, 14))
        assert not workdays.is_workday(date(2026, 2, 16))
        assert workdays.is_workday(date(2026, 2, 28))
        # assigned on Fri 13 Feb with 3 working days: Sat 14 (make-up), Tue 24, Wed 25
        assert workdays.add_workdays(date(2026, 2, 13), 3) == date(2026, 2, 25)
        assert workdays.workdays_between(date(2026, 2, 13), date(2026, 2, 25)) == 3

    def test_national_day_2026(self):
        # 1–7 Oct off; Sun 20 Sep and Sat 10 Oct are make-up working days.
        assert workdays.is_workday(date(2026, 9, 20))
        assert not workdays.is_workday(date(2026, 10, 5))
        assert workdays.add_workdays(date(2026, 9, 30), 1) == date(2026, 10, 8)
        assert workdays.add_workdays(date(2026, 10, 9), 1) == date(2026, 10, 10)  # a Saturday, worked
        info = workdays.day_info(date(2026, 10, 1))
        assert info == (False, "国庆节", workdays.SOURCE_LIBRARY)

    def test_zero_days_and_reverse_counting(self):
        assert workdays.add_workdays(date(2026, 10, 3), 0) == date(2026, 10, 8)
        assert workdays.workdays_between(date(2026, 10, 12), date(2026, 10, 9)) == -2

    def test_year_without_data_counts_weekends_and_warns(self):
        assert workdays.year_source(2031) == workdays.SOURCE_WEEKENDS
        assert workdays.add_workdays(date(2031, 1, 31), 1) == date(2031, 2, 3)  # Fri → Mon
        [warning] = workdays.warnings_for(date(2031, 1, 1))
        assert "2031" in warning and "周末" in warning
        assert workdays.warnings_for(date(2026, 5, 1)) == []


@pytest.mark.django_db
def test_entered_days_replace_the_built_in_data_for_their_year():
    # 2027 Spring Festival as users enter it: 6–12 Feb off, Sat 13 Feb worked.
    for day in range(6, 13):
        CalendarDay.objects.create(date=date(2027, 2, day), is_workday=False, name="春节")
    CalendarDay.objects.create(date=date(2027, 2, 13), is_workday=True, name="春节调休")
    workdays.clear_cache()
    assert workdays.year_source(2027) == workdays.SOURCE_TABLE
    assert workdays.warnings_for(date(2027, 3, 1)) == []
    assert workdays.add_workdays(date(2027, 2, 5), 2) == date(2027, 2, 15)  # Sat 13 worked, then Mon 15
    assert not workdays.is_workday(date(2027, 2, 8))  # a Monday, off


@pytest.mark.django_db
def test_system_admin_enters_a_holiday_period(client, tree):
    admin = make_user("sysadm", "system_admin")
    login_verified(client, admin)
    url = reverse("core:calendar")
    page = client.get(url + "?year=2028")
    assert page.status_code == 200
    assert "2028" in page.content.decode() and "周末" in page.content.decode()
    response = client.post(
        url, {"year": 2028, "start": "2028-10-01", "end": "2028-10-07", "is_workday": "0", "name": "国庆节"}
    )
    assert response.status_code == 302
    assert CalendarDay.objects.filter(date__year=2028, is_workday=False).count() == 7
    assert not workdays.is_workday(date(2028, 10, 2))
    bad = client.post(url, {"year": 2028, "start": "2028-10-07", "end": "2028-10-01", "is_workday": "0"})
    assert bad.status_code == 400
    assert "结束日期早于开始日期" in bad.content.decode()
    staff = make_user("staff_x", "org_staff", tree["town_a"])
    client.force_login(staff)
    assert client.get(url).status_code == 403
