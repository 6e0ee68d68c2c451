"""A township organizer in a real browser: upload the 班子 roster in the common Chinese layout, see
the preview's errors, fix the file, commit, then export the seats list and compare the file."""

import io
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from orgwork.orgs.models import TeamSeat
from orgwork.people.models import Person
from tests.factories import id_number_for, make_org, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[2] / "test-results"
HEADERS = ["姓名", "性别", "身份证号", "出生日期", "学历", "镇(街道)", "党组织", "职务", "任职日期"]


def roster(path: Path, rows) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["震泽镇村党组织班子成员名册"])  # a title row above the headers, as such files have
    ws.append(HEADERS)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def test_roster_upload_preview_fix_commit_and_export(page, live_server, tmp_path):
    city = make_org("苏州市委", kind="committee", level="city", code="320500")
    district = make_org("吴江区委", city, kind="committee", level="district", code="320509")
    town = make_org("震泽镇党委", district, kind="committee", level="town", code="320509101")
    other_town = make_org("盛泽镇党委", district, kind="committee", level="town", code="320509102")
    make_org("众安桥村党委", town, kind="committee", level="village", sector="village", code="320509101201")
    make_org("黄家溪村党总支", other_town, kind="general_branch", level="village", code="320509102201")
    make_user("zhenze", "org_admin", town, password="Zhenze@2026x", sensitive=True)

    wang = id_number_for(date(1985, 3, 12), "M", seq=11)
    li = id_number_for(date(1990, 7, 1), "F", seq=12)
    bad_id = li[:-1] + ("0" if li[-1] != "0" else "1")  # wrong check digit
    rows = [
        ["王强", "男", wang, "1985.03", "大学本科", "震泽镇", "众安桥村党委", "书记", "2021年1月"],
        ["李芳", "女", bad_id, "199007", "大专", "震泽镇", "众安桥村", "副书记", "2021-1-5"],
        [
            "赵敏",
            "女",
            id_number_for(date(1992, 5, 5), "F", seq=13),
            "1992.05",
            "大专",
            "盛泽镇",
            "黄家溪村党总支",
            "委员",
            "2021-1-5",
        ],
    ]

    page.goto("/accounts/login/")
    page.fill("input[name=username]", "zhenze")
    page.fill("input[name=password]", "Zhenze@2026x")
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")

    # From the seats list, the import button leads to the import page.
    page.goto("/orgs/seats/")
    page.get_by_role("link", name="导入").first.click()
    page.wait_for_load_state("networkidle")
    assert "/orgs/seats/import/" in page.url

    page.set_input_files("input[name=file]", str(roster(tmp_path / "名册.xlsx", rows)))
    page.get_by_role("button", name="校验文件").click()
    page.wait_for_load_state("networkidle")
    errors = page.locator(".ow-import-errors tbody tr")
    errors.first.wait_for()
    lines = [r.split("\t") for r in page.locator(".ow-import-errors tbody").inner_text().splitlines()]
    # sheet row 4 (title, headers, 王强, 李芳): the ID number's check digit; row 5: another township
    assert [(c[0], c[1]) for c in lines] == [("4", "身份证号"), ("5", "")]
    assert "校验位" in lines[0][-1]
    assert "管理范围" in lines[1][-1]
    assert page.get_by_role("button", name="确认导入").count() == 0
    assert not Person.objects.filter(name__in=["王强", "李芳", "赵敏"]).exists()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "import_preview_errors.png"), full_page=True)

    # Fix the ID number, drop the other township's row, check again and commit.
    rows[1][2] = li
    fixed = roster(tmp_path / "名册-改.xlsx", rows[:2])
    page.set_input_files("input[name=file]", str(fixed))
    page.get_by_role("button", name="校验文件").click()
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="确认导入").click()
    page.wait_for_load_state("networkidle")
    page.get_by_text("已导入").first.wait_for()
    assert TeamSeat.objects.filter(person__name__in=["王强", "李芳"]).count() == 2
    page.screenshot(path=str(SHOTS / "import_done.png"), full_page=True)

    # Export the seats list as xlsx and compare it with what was imported.
    page.goto("/orgs/seats/")
    page.locator("#export-menu button").click()
    with page.expect_download() as info:
        page.locator("#export-menu a", has_text="xlsx").click()
    data = Path(info.value.path()).read_bytes()
    ws = load_workbook(io.BytesIO(data), read_only=True).active
    sheet = [list(r) for r in ws.iter_rows(values_only=True)]
    header, body = sheet[0], sheet[1:]
    names = {str(c) for r in body for c in r if c}
    assert {"王强", "李芳"} <= names
    assert len(body) == TeamSeat.objects.count() == 2
    assert any("职务" in str(h) or "角色" in str(h) for h in header)
