"""A case in a real browser: the township registers it, assigns it to a village, the village
closes it, the township reopens it with a reason, the village closes it again, the township
verifies it."""

from pathlib import Path

import pytest

from tests.factories import make_org, make_user

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


def choose_org(page, form, text):
    box = page.locator(f"{form} .ac").first
    box.locator(".ac-input").fill(text)
    box.locator(".ac-menu .dropdown-item", has_text=text).first.click()


def test_register_assign_close_reopen_verify(page, live_server):
    city = make_org("苏州市委", kind="committee", level="city", code="320500")
    district = make_org("吴江区委", city, kind="committee", level="district", code="320509")
    town = make_org("震泽镇党委", district, kind="committee", level="town", code="320509101")
    make_org("众安桥村党委", town, kind="committee", level="village", sector="village", code="320509101201")
    make_user("zhenze", "org_admin", town, password="Zhenze@2026x")
    make_user("zhongan", "org_staff", town.children.get(), password="Zhongan@2026x")

    login(page, "zhenze", "Zhenze@2026x")
    page.goto(f"/casework/cases/add/?org={town.pk}")
    page.fill("#id_title", "众安桥村路灯大面积损坏")
    page.fill("#id_description", "村民反映：众安桥村好多路灯不亮了，夜里出行看不见，希望尽快解决。")
    page.select_option("#id_source", "secretary_forum")
    page.select_option("#id_category", "infrastructure")
    page.fill("#id_raised_by_name", "王建国")
    page.locator("#case-suggestions").get_by_text("没有").first.wait_for()  # suggestions answered
    page.click("button[name=_save]")
    page.wait_for_load_state("networkidle")
    assert "/casework/cases/" in page.url
    case_url = page.url
    assert page.locator("#case-state").inner_text() == "已登记"

    choose_org(page, "#form-assign", "众安桥村党委")
    page.fill("#form-assign input[name=lead_days]", "10")
    page.click("#form-assign button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("#case-state").inner_text() == "已交办"
    assert "众安桥村党委" in page.locator("#participants").inner_text()

    login(page, "zhongan", "Zhongan@2026x")
    page.goto(case_url)
    page.fill("#form-close textarea[name=reply]", "已更换全部损坏路灯")
    page.click("#form-close button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("#case-state").inner_text() == "已申请办结"

    login(page, "zhenze", "Zhenze@2026x")
    page.goto(case_url)
    page.fill("#form-reopen textarea[name=reason]", "回访发现仍有两盏不亮")
    page.click("#form-reopen button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("#case-state").inner_text() == "办理中"

    login(page, "zhongan", "Zhongan@2026x")
    page.goto(case_url)
    page.fill("#form-close textarea[name=reply]", "剩余两盏已修复")
    page.click("#form-close button[type=submit]")
    page.wait_for_load_state("networkidle")

    login(page, "zhenze", "Zhenze@2026x")
    page.goto(case_url)
    page.click("#form-verify button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("#case-state").inner_text() == "已核验"
    history = page.locator("#case-history").inner_text()
    for word in ("已登记", "已交办", "已申请办结", "已重新办理", "已核验", "回访发现仍有两盏不亮"):
        assert word in history, word
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "casework-verified.png"), full_page=True)
