"""A branch secretary in a real browser records a deed on the 先锋365 page and sees the
completion rate change."""

from datetime import date
from pathlib import Path

import pytest

from tests.factories import make_org, make_seat, make_user
from tests.grassroots.factories import make_deed, make_member

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[2] / "test-results"


def test_branch_secretary_records_a_deed_and_sees_the_rate_change(page, live_server):
    city = make_org("苏州市委", kind="committee", level="city", code="320500")
    district = make_org("相城区委", city, kind="committee", level="district", code="320507")
    town = make_org("黄桥街道党工委", district, kind="committee", level="town", code="320507004")
    branch = make_org("黄桥实小党支部", town, kind="branch", sector="school", code="320507004901")
    secretary = make_member("马海青", branch)
    make_seat(branch, secretary, role="secretary")
    member = make_member("陈晓燕", branch, sex="F", birth=date(1990, 4, 2))
    year = date.today().year
    make_deed(secretary, "enterprise_need", date(year, 1, 2))
    make_user("mahq", "org_staff", branch, password="Huangqiao@2026x")

    page.goto("/accounts/login/")
    page.fill("input[name=username]", "mahq")
    page.fill("input[name=password]", "Huangqiao@2026x")
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")

    page.goto("/grassroots/pledges/")
    assert page.get_by_text("黄桥实小党支部").first.is_visible()
    # 2 members × 4 deed items = 8 pledges, 1 reached.
    assert page.locator("#completion-rate").inner_text().strip() == "12.5%"

    form = page.locator("#quick-deed")
    form.locator("select[name=person]").select_option(label="陈晓燕")
    form.locator("select[name=item_code]").select_option(label="排摸企业需求")
    form.locator("input[name=done_on]").fill(date(year, 1, 3).isoformat())
    form.locator("input[name=description]").fill("走访辖区企业排摸用工需求")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")

    assert "已为陈晓燕记录事迹" in page.content()
    assert page.locator("#completion-rate").inner_text().strip() == "25.0%"
    behind = page.locator("#members-behind").inner_text()
    assert "陈晓燕" in behind and "争取政策支持" in behind
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "grassroots-pledge-completion.png"), full_page=True)
    assert member.pk
