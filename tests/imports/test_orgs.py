"""Importing orgs, terms and a 班子 roster in the common Chinese layout."""

from datetime import date

import pytest

from orgwork.core.models import ChangeLog
from orgwork.orgs.importers import OrgImporter, TeamSeatImporter, TermImporter
from orgwork.orgs.models import Org, TeamSeat, Term
from orgwork.people.models import Affiliation, Person
from tests.factories import id_number_for, make_person
from tests.imports.helpers import write_csv, write_xlsx


@pytest.mark.django_db
class TestOrgs:
    HEADERS = ["上级组织", "组织名称", "组织编码", "组织类别", "层级", "所属领域"]

    def test_new_orgs_get_paths_and_later_rows_may_name_earlier_ones(self, tree, admin_a, tmp_path):
        rows = [
            ["320509101", "震泽镇机关党委", "Z-01", "党委", "基层单位", "机关"],
            ["Z-01", "震泽镇机关第一党支部", "Z-02", "党支部", "基层单位", "机关"],
            ["震泽镇党委/震泽镇机关党委", "震泽镇机关第二党支部", "Z-03", "党支部", "基层单位", "机关"],
        ]
        result = OrgImporter(admin_a).run(write_xlsx(tmp_path / "o.xlsx", self.HEADERS, rows), commit=True)

        assert result.committed, result.as_dict()
        parent = Org.objects.get(code="Z-01")
        assert parent.parent == tree["town_a"] and parent.path.startswith(tree["town_a"].path)
        assert parent.depth == tree["town_a"].depth + 1
        kids = Org.objects.filter(parent=parent).order_by("path")
        assert [k.code for k in kids] == ["Z-02", "Z-03"]
        assert [k.path[:-4] for k in kids] == [parent.path, parent.path]
        assert len({k.path for k in kids}) == 2
        assert ChangeLog.objects.filter(action="create", content_type__model="org").count() >= 3

        again = OrgImporter(admin_a).run(write_xlsx(tmp_path / "o.xlsx", self.HEADERS, rows), commit=True)
        assert (again.created, again.updated, again.unchanged) == (0, 0, 3)

    def test_an_import_does_not_move_orgs(self, tree, admin_a, tmp_path):
        rows = [["320509101201", "众安桥村党委", "320509101", "党委", "村", "村"]]
        result = OrgImporter(admin_a).run(write_xlsx(tmp_path / "o.xlsx", self.HEADERS, rows), commit=True)
        assert not result.committed
        assert result.errors[0].column == "上级组织"

    def test_township_user_cannot_add_under_another_township(self, tree, staff_a, tmp_path):
        rows = [["320509102", "盛泽镇机关党委", "S-01", "党委", "基层单位", "机关"]]
        result = OrgImporter(staff_a).run(write_xlsx(tmp_path / "o.xlsx", self.HEADERS, rows), commit=True)
        assert result.refused_rows == 1 and not Org.objects.filter(code="S-01").exists()


@pytest.mark.django_db
class TestTerms:
    def test_terms_by_org_and_number(self, tree, admin_a, tmp_path):
        headers = ["党组织名称", "届次", "选举日期", "核定职数"]
        rows = [["众安桥村党委", "第3届", "2021.06", 7], ["震泽镇党委", 2, "2021-07-10", ""]]
        result = TermImporter(admin_a).run(write_xlsx(tmp_path / "t.xlsx", headers, rows), commit=True)
        assert result.committed, result.as_dict()
        term = Term.objects.get(org=tree["village_a"])
        assert (term.number, term.started_on, term.approved_seats) == (3, date(2021, 6, 1), 7)
        assert term.ends_on and term.org_path == tree["village_a"].path

        rows[0][3] = 9
        again = TermImporter(admin_a).run(write_xlsx(tmp_path / "t.xlsx", headers, rows), commit=True)
        assert (again.created, again.updated, again.unchanged) == (0, 1, 1)
        term.refresh_from_db()
        assert term.approved_seats == 9 and term.version == 2


ROSTER_VARIANTS = [
    ["姓名", "性别", "公民身份号码", "出生年月", "文化程度", "所在镇", "党组织名称", "现任职务", "任职时间"],
    ["姓 名", "性别", "身份证号码", "出生日期", "最高学历", "镇（街道）", "所在党组织", "职务", "任职日期"],
    ["姓名", "性别", "身份证", "出生\n年月", "学历", "乡镇", "单位", "职务", "任职\n时间"],
]


def roster_rows():
    a = id_number_for(date(1985, 3, 12), "M", seq=11)
    b = id_number_for(date(1990, 7, 1), "F", seq=12)
    return [
        ["王强", "男", a, "1985.03", "大学本科", "震泽镇", "众安桥村党委", "书记", "2021年1月"],
        ["李芳", "女", b, "199007", "大专", "震泽镇", "众安桥村", "副书记", "2021-1-5"],
        # the secretary also chairs the villagers' committee (一肩挑): a second seat, same person
        ["王强", "男", a, "1985.03", "大学本科", "震泽镇", "众安桥村党委", "村委会主任", 20210110],
    ]


@pytest.mark.django_db
class TestRoster:
    @pytest.mark.parametrize("headers", ROSTER_VARIANTS)
    def test_common_layout_imports_without_editing(self, tree, admin_a, tmp_path, headers):
        path = write_xlsx(tmp_path / "r.xlsx", headers, roster_rows(), title_row="震泽镇村党组织班子成员名册")

        result = TeamSeatImporter(admin_a).run(path, commit=True)

        assert result.committed, result.as_dict()
        assert result.created == 3 and result.extra["people_created"] == 2
        wang = Person.objects.get(name="王强")
        assert (wang.sex, wang.birth_date, wang.education) == ("M", date(1985, 3, 12), "21")
        assert wang.registered_org == tree["village_a"]
        seats = TeamSeat.objects.filter(person=wang).order_by("team")
        assert [(s.team, s.role, s.started_on) for s in seats] == [
            ("party", "secretary", date(2021, 1, 1)),
            ("residents", "director", date(2021, 1, 10)),
        ]
        li = Person.objects.get(name="李芳")
        assert li.education == "31"
        assert TeamSeat.objects.get(person=li).role == "deputy_secretary"
        assert set(Affiliation.objects.filter(person=wang).values_list("kind", flat=True)) == {"seat"}

    def test_roster_csv_in_gb18030_and_reimport_is_a_no_op(self, tree, admin_a, tmp_path):
        path = write_csv(tmp_path / "r.csv", ROSTER_VARIANTS[0], roster_rows(), encoding="gb18030")
        assert TeamSeatImporter(admin_a).run(path, commit=True).committed
        logs = ChangeLog.objects.count()

        again = TeamSeatImporter(admin_a).run(path, commit=True)

        assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
        assert again.extra == {"people_unchanged": 2}
        assert ChangeLog.objects.count() == logs

    def test_roster_updates_an_existing_person(self, tree, admin_a, tmp_path):
        known = make_person(
            "王强", tree["village_a"], birth=date(1985, 3, 12), education="31", id_number=roster_rows()[0][2]
        )
        path = write_xlsx(tmp_path / "r.xlsx", ROSTER_VARIANTS[0], roster_rows()[:1])

        result = TeamSeatImporter(admin_a).run(path, commit=True)

        assert result.committed and result.extra == {"people_updated": 1}
        known.refresh_from_db()
        assert known.education == "21"
        log = ChangeLog.objects.get(action="update", object_id=str(known.pk), content_type__model="person")
        assert (log.before["education"], log.after["education"]) == ("31", "21")

    def test_roster_outside_scope_is_refused(self, tree, staff_a, tmp_path):
        rows = roster_rows()
        rows[1][5], rows[1][6] = "盛泽镇", "黄家溪村党总支"
        path = write_xlsx(tmp_path / "r.xlsx", ROSTER_VARIANTS[0], rows)

        result = TeamSeatImporter(staff_a).run(path, commit=True)

        assert not result.committed and result.refused_rows == 1
        assert result.errors[0].row == 3
        assert not TeamSeat.objects.exists() and not Person.objects.exists()

    def test_unknown_org_and_post(self, tree, admin_a, tmp_path):
        rows = roster_rows()
        rows[0][6] = "不存在村党委"
        rows[1][7] = "会计"
        result = TeamSeatImporter(admin_a).run(
            write_xlsx(tmp_path / "r.xlsx", ROSTER_VARIANTS[0], rows), commit=True
        )
        assert [(e.row, e.column) for e in result.errors] == [(2, "党组织"), (3, "职务")]
        assert str(result.errors[0]) == "第 2 行 党组织: 找不到组织“不存在村党委”。"


@pytest.mark.django_db
@pytest.mark.parametrize("model", ["orgs:org", "orgs:term", "orgs:teamseat", "people:person"])
def test_every_importer_has_its_page_and_a_template_that_imports_as_is(
    model, tree, admin_a, client_for, tmp_path
):
    import io

    from django.urls import reverse
    from openpyxl import load_workbook

    from orgwork.core.registry import registry

    client = client_for(admin_a)
    page = client.get(reverse(model + "_import"))
    assert page.status_code == 200
    assert "下载模板" in page.content.decode()
    template = client.get(reverse(model + "_import_template"))
    assert template.status_code == 200
    wb = load_workbook(io.BytesIO(template.content))
    assert wb.sheetnames[-1] == "填写说明"
    path = tmp_path / "t.xlsx"
    path.write_bytes(template.content)
    cfg = next(c for m, c in registry.items() if c.url_name("import") == model + "_import")
    if cfg.model is Org:
        ws = wb.worksheets[0]
        ws["D2"] = "EXAMPLE-1"  # the code: the example leaves it to the user
        wb.save(path)
    result = cfg.importer(admin_a).run(path, commit=True)
    assert result.committed, result.as_dict()
    assert result.created == 1
