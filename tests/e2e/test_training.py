"""An organizer in a real browser: adds a session to a class, ticks attendance on its roster, and
the trainee's hours go up."""

from datetime import date
from pathlib import Path

import pytest

from tests.factories import make_org, make_person, make_user
from tests.training.factories import enroll, make_course, make_session, mark

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[2] / "test-results"


def test_organizer_takes_attendance_and_hours_go_up(page, live_server):
    city = make_org("苏州市委", kind="committee", level="city", code="320500")
    district = make_org("蓬江区委", city, kind="committee", level="district", code="440703")
    town = make_org("环市街道党工委", district, kind="committee", level="town", code="440703001")
    village = make_org(
        "篁庄村党委", town, kind="committee", level="village", sector="village", code="440703001201"
    )
    trainee = make_person("梁晓敏", village, birth=date(1992, 6, 1), sex="F")
    other = make_person("陈志强", village, birth=date(1990, 2, 3))
    course = make_course(
        district,
        "蓬江夜校第3期（制造业当家专题）",
        kind="night_school",
        series="蓬江夜校",
        starts_on=date(2024, 3, 1),
        ends_on=date(2024, 6, 30),
    )
    e_trainee, e_other = enroll(course, trainee, other, tier="township")
    mark(make_session(course, date(2024, 3, 6), "2.5", topic="招商引资实务"), e_trainee)
    make_user("pengjiang", "org_admin", district, password="Pengjiang@2026x")

    page.goto("/accounts/login/")
    page.fill("input[name=username]", "pengjiang")
    page.fill("input[name=password]", "Pengjiang@2026x")
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")

    page.goto(f"/training/people/{trainee.pk}/hours/?year=2024")
    assert page.locator("#hours-done").inner_text().startswith("2.5")

    # The class page: add a session.
    page.goto(course.get_absolute_url())
    page.get_by_role("link", name="添加课程").click()
    page.wait_for_load_state("networkidle")
    page.fill("input[name=date]", "2024-03-13")
    page.fill("input[name=topic]", "财政预算改革")
    page.select_option("select[name=teacher_kind]", "expert")
    page.fill("input[name=teacher_name]", "王教授")
    page.fill("input[name=hours]", "3")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state("networkidle")
    assert "财政预算改革" in page.content()

    # Its roster: tick the trainee present, the other on leave, save.
    page.get_by_role("link", name="考勤点名").first.click()
    page.wait_for_load_state("networkidle")
    page.get_by_label("梁晓敏 出勤").check()
    page.get_by_label("陈志强 请假").check()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "training_roster.png"), full_page=True)
    page.locator("#save-attendance").click()
    page.wait_for_load_state("networkidle")
    assert "考勤已保存" in page.content()

    # The trainee's hours went up from 2.5 to 5.5.
    page.goto(f"/training/people/{trainee.pk}/hours/?year=2024")
    assert page.locator("#hours-done").inner_text().startswith("5.5")
    assert "财政预算改革" in page.content()
    page.screenshot(path=str(SHOTS / "training_hours.png"), full_page=True)
