"""A branch secretary in a real browser: the "due this month" page lists the applicant whose talk
falls due, the secretary records the talk in place, and the applicant moves on to the next step."""

from pathlib import Path

import pytest
from django.utils import timezone

from orgwork.members import services
from orgwork.orgs.rules import add_months
from tests.factories import make_org, make_user
from tests.members.factories import make_recruitment

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[2] / "test-results"


def test_branch_secretary_records_a_due_step(page, live_server):
    city = make_org("苏州市委", kind="committee", level="city", code="320500")
    town = make_org("震泽镇党委", city, kind="committee", level="town", code="320509101")
    branch = make_org("震泽镇机关第一党支部", town, code="320509101301")
    other = make_org("盛泽镇机关党支部", city, code="320509102301")
    applied = add_months(timezone.localdate().replace(day=1), -1)
    rec = make_recruitment(branch, "林晓雯", applied=applied)
    services.record_step(rec, 1, done_on=applied, actor=None)
    make_recruitment(other, "外支部申请人", applied=applied)
    make_user("zhibu", "org_staff", branch, password="Zhibu@2026xx")

    page.goto("/accounts/login/")
    page.fill("input[name=username]", "zhibu")
    page.fill("input[name=password]", "Zhibu@2026xx")
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")

    page.goto("/members/due-this-month/")
    row = page.locator("tr[data-recruitment='{}']".format(rec.pk))
    row.wait_for()
    assert "2 党组织派人谈话" in row.inner_text()
    assert page.get_by_text("外支部申请人").count() == 0
    row.locator("summary").click()
    row.locator("input[name=people]").fill("支部书记 王建华")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "members-due-this-month.png"), full_page=True)
    row.locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert page.locator(".alert-success, .toast, [role=alert]").first.is_visible()
    # The talk is recorded; the next step (activist) has no deadline this month, so the row is gone.
    assert page.locator("tr[data-recruitment='{}']".format(rec.pk)).count() == 0
    rec.refresh_from_db()
    assert rec.last_step == 2
    page.goto("/members/recruitments/{}/".format(rec.pk))
    assert "王建华" in page.locator("#steps-table").inner_text()
    page.screenshot(path=str(SHOTS / "members-recruitment.png"), full_page=True)
