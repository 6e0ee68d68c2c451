"""A township organizer in a real browser: log in, browse the tree, search by initials, see the
masked ID number, and fail to open another township's person by URL."""

import re
from datetime import date
from pathlib import Path

import pytest

from tests.factories import make_org, make_person, make_seat, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[2] / "test-results"


def test_township_organizer_journey(page, live_server):
    city = make_org("苏州市委", kind="committee", level="city", code="320500")
    district = make_org("吴江区委", city, kind="committee", level="district", code="320509")
    town_a = make_org("震泽镇党委", district, kind="committee", level="town", code="320509101")
    town_b = make_org("盛泽镇党委", district, kind="committee", level="town", code="320509102")
    village_a = make_org(
        "众安桥村党委", town_a, kind="committee", level="village", sector="village", code="320509101201"
    )
    village_b = make_org(
        "黄家溪村党总支",
        town_b,
        kind="general_branch",
        level="village",
        sector="village",
        code="320509102201",
    )
    mine = make_person("张晓峰", village_a, birth=date(1988, 3, 9))
    make_seat(village_a, mine, role="secretary")
    other = make_person("张小飞", village_b, birth=date(1990, 1, 2))
    make_user("zhenze", "org_admin", town_a, password="Zhenze@2026x")

    page.goto("/accounts/login/")
    page.fill("input[name=username]", "zhenze")
    page.fill("input[name=password]", "Zhenze@2026x")
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "/accounts/login" not in page.url

    # The tree starts at the user's own township; the village loads on demand.
    page.goto("/orgs/")
    assert page.get_by_text("震泽镇党委").first.is_visible()
    assert page.get_by_text("盛泽镇党委").count() == 0
    if page.get_by_text("众安桥村党委").count() == 0:
        page.locator(".ow-tree-toggle").first.click()
    page.get_by_text("众安桥村党委").first.wait_for()

    # Global search by initials finds our person, not the other township's namesake.
    page.fill(".ow-search input[name=q]", "zxf")
    page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")
    page.get_by_text("张晓峰").first.wait_for()
    assert page.get_by_text("张小飞").count() == 0
    page.get_by_text("张晓峰").first.click()
    page.wait_for_load_state("networkidle")
    body = page.content()
    assert mine.masked_id_number in body
    assert mine.id_number not in body

    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "person_detail.png"), full_page=True)

    # The township page shows its team statistics.
    page.goto(f"/orgs/orgs/{town_a.pk}/")
    assert re.search("震泽镇党委", page.content())

    # Another township's person by URL: 404, nothing shown.
    response = page.goto(f"/people/people/{other.pk}/")
    assert response.status == 404
    assert "张小飞" not in page.content()
    response = page.goto(f"/orgs/orgs/{town_b.pk}/")
    assert response.status == 404
