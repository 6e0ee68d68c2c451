"""A talent's one-stop service in a real browser: the district talent office registers a talent,
files a school-enrolment request assigned to the education bureau, the bureau closes it, and the
talent's page shows the request with its deadline and state. Once the office has verified it, the
talent logs in with their own account (no role, linked to their person) and rates it under 我的."""

from datetime import date
from pathlib import Path

import pytest

from tests.factories import make_org, make_person, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[2] / "test-results"


def login(page, username, password):
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "/accounts/login" not in page.url


def choose(page, field, text):
    box = page.locator(".ac:has(select[name={}])".format(field)).first
    box.locator(".ac-input").fill(text)
    box.locator(".ac-menu .dropdown-item", has_text=text).first.click()


def test_office_registers_talent_files_schooling_request_bureau_closes_it(page, live_server):
    city = make_org("苏州市委", kind="committee", level="city", code="320500")
    district = make_org("相城区委", city, kind="committee", level="district", code="320507")
    town = make_org("阳澄湖镇党委", district, kind="committee", level="town", code="320507101")
    bureau = make_org("相城区教育局党委", district, kind="committee", level="unit", code="320507801")
    person = make_person("林海川", town, birth=date(1984, 4, 2))
    make_user("rcb", "org_staff", district, password="Rencai@2026x")
    make_user("jyj", "org_staff", bureau, password="Jiaoyu@2026x")

    # The talent office registers the talent.
    login(page, "rcb", "Rencai@2026x")
    page.goto("/talent/talents/add/")
    choose(page, "person", "林海川")
    choose(page, "org", "阳澄湖镇党委")
    page.select_option("select[name=category]", "overseas")
    page.select_option("select[name=level]", "B")
    page.select_option("select[name=industry]", "biomed")
    page.fill("input[name=employer_name]", "苏州海川生物医药有限公司")
    page.fill("input[name=employer_code]", "91350100M000100Y44")  # wrong check character
    page.select_option("select[name=origin]", "returnee")
    page.fill("input[name=arrived_on]", "2024-05-06")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state("networkidle")
    assert "校验码不正确" in page.content()
    page.fill("input[name=employer_code]", "91350100M000100Y43")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state("networkidle")
    assert "/talent/talents/" in page.url and "/add/" not in page.url
    talent_url = page.url
    assert "林海川" in page.locator("h2, .page-title").first.inner_text()
    assert "暂无服务事项" in page.locator("#service-requests").inner_text()

    # …and files a school-enrolment request, assigned to the education bureau.
    page.click("#file-request")
    page.wait_for_load_state("networkidle")
    page.select_option("select[name=category]", "schooling")
    page.fill("input[name=title]", "子女就读小学一年级")
    page.fill("textarea[name=description]", "儿子今年秋季入学，希望就近安排阳澄湖镇中心小学。")
    choose(page, "lead", "相城区教育局党委")
    page.locator("#form-request button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert page.url == talent_url
    requests = page.locator("#service-requests")
    assert "子女就读小学一年级" in requests.inner_text()
    assert "相城区教育局党委" in requests.inner_text()
    assert "已交办" in requests.inner_text()
    case_url = requests.get_by_role("link", name="子女就读小学一年级").get_attribute("href")

    # The education bureau closes it on the casework page.
    login(page, "jyj", "Jiaoyu@2026x")
    page.goto(case_url)
    assert page.locator("#case-state").inner_text() == "已交办"
    page.fill("#form-close textarea[name=reply]", "已协调阳澄湖镇中心小学，9月1日入学。")
    page.click("#form-close button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("#case-state").inner_text() == "已申请办结"

    # The talent's page shows the request closed by the bureau.
    login(page, "rcb", "Rencai@2026x")
    page.goto(talent_url)
    state = page.locator("#service-requests .request-state").first.inner_text()
    assert state == "已申请办结"
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "talent-service-request.png"), full_page=True)

    # The office verifies the closure; the talent rates it from their own portal.
    page.goto(case_url)
    page.click("#form-verify button[type=submit]")
    page.wait_for_load_state("networkidle")
    own = make_user("linhc", password="Linhai@2026x")
    own.person = person
    own.save()
    login(page, "linhc", "Linhai@2026x")
    page.goto("/me/")
    mine = page.locator("#me-requests")
    assert "子女就读小学一年级" in mine.inner_text()
    mine.locator("select[name=rating]").select_option("5")
    mine.locator("input[name=note]").fill("学校安排及时")
    mine.locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert "5 / 5" in page.locator("#me-requests").inner_text()
    assert "学校安排及时" in page.locator("#me-requests").inner_text()
    page.screenshot(path=str(SHOTS / "talent-me.png"), full_page=True)
