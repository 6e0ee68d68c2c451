"""An organizer in a real browser: open a vacancy, see the eligible cadres with the rules checked and
the failing rule of the others, and download the appointment form, which opens with python-docx and
carries the cadre's data."""

import io
from datetime import date
from pathlib import Path

import pytest

from orgwork.cadres.models import Vacancy
from orgwork.core.services import create_object
from tests.cadres.factories import make_appraisal, make_cadre, make_post
from tests.factories import make_org, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[2] / "test-results"


def test_organizer_fills_a_vacancy(page, live_server):
    from docx import Document

    city = make_org("苏州市委", kind="committee", level="city", code="320500")
    district = make_org("吴江区委", city, kind="committee", level="district", code="320509")
    town = make_org("震泽镇党委", district, kind="committee", level="town", code="320509101")
    other_town = make_org("盛泽镇党委", district, kind="committee", level="town", code="320509102")
    ready = make_cadre("周合格", town, rank="0142", rank_since=date(2021, 3, 1), title="震泽镇党委组织委员")
    make_post(
        ready,
        title="科员",
        rank="0150",
        started_on=date(2012, 7, 1),
        ended_on=date(2021, 2, 28),
        grassroots=True,
    )
    make_post(ready, title="党委组织委员", rank="0142", started_on=date(2021, 3, 1))
    make_appraisal(ready, 2024, "1")
    make_cadre("吴年轻", town, rank="0142", rank_since=date(2025, 1, 1))
    make_cadre("郑外镇", other_town, rank="0142", rank_since=date(2019, 1, 1))
    vacancy = create_object(
        Vacancy(org=town, title="震泽镇党委副书记", rank="0141", opened_on=date(2025, 6, 1)), actor=None
    )
    make_user("zhenze", "org_admin", town, password="Zhenze@2026x")

    page.goto("/accounts/login/")
    page.fill("input[name=username]", "zhenze")
    page.fill("input[name=password]", "Zhenze@2026x")
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")

    page.goto("/cadres/vacancies/")
    link = page.get_by_role("link", name="震泽镇党委副书记").first
    assert link.get_attribute("href").endswith(f"/cadres/vacancies/{vacancy.pk}/")
    page.goto(link.get_attribute("href"))
    page.wait_for_selector("#eligible-table")
    eligible = page.locator("#eligible-table")
    assert eligible.get_by_text("周合格").count() == 1
    assert "下级职务任职年限" in eligible.inner_text()  # each rule with its explanation
    assert "第八条三" in eligible.inner_text()
    ineligible = page.locator("#ineligible-table")
    assert "吴年轻" in ineligible.inner_text()
    assert "须 2 年以上" in ineligible.inner_text()  # the failing rule
    assert "郑外镇" not in page.content()  # another township's cadre is never a candidate here
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "cadres_vacancy.png"), full_page=True)

    with page.expect_download() as info:
        eligible.get_by_role("link", name="任免审批表").first.click()
    path = info.value.path()
    doc = Document(io.BytesIO(Path(path).read_bytes()))
    text = "\n".join(cell.text for t in doc.tables for row in t.rows for cell in row.cells)
    assert "周合格" in text
    assert "震泽镇党委组织委员" in text
    assert "2012.07--2021.02" in text
    assert "2024年度考核优秀" in text
