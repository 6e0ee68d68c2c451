"""Importing people: all or nothing, updates audited, re-import a no-op, encodings, scope, template."""

import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from orgwork.core.audit import snapshot
from orgwork.core.models import ChangeLog
from orgwork.people.importers import PersonImporter
from orgwork.people.models import Affiliation, Person
from tests.factories import id_number_for, make_person, make_user
from tests.imports.helpers import write_csv, write_xlsx

HEADERS = ["姓名", "身份证号", "性别", "出生日期", "学历", "政治面貌", "联系电话", "登记组织"]


def person_rows(n, org_code="320509101201", start=0):
    rows = []
    for i in range(start, start + n):
        birth = date(1960, 1, 1) + timedelta(days=(i // 400) * 7)
        number = id_number_for(birth, "M" if i % 2 else "F", seq=i % 400)
        rows.append(
            ["人员{}".format(i), number, "男" if i % 2 else "女", birth, "大学本科", "中共党员", "", org_code]
        )
    return rows


@pytest.mark.django_db
class TestAllOrNothing:
    def test_one_bad_row_among_1000_writes_nothing_and_is_reported(self, tree, admin_a, tmp_path):
        rows = person_rows(1000)
        rows[736][3] = "1985年13月"  # row 738 of the sheet (header is row 1)
        path = write_xlsx(tmp_path / "people.xlsx", HEADERS, rows)
        logs = ChangeLog.objects.count()

        result = PersonImporter(admin_a).run(path, commit=True)

        assert not result.committed
        assert Person.objects.count() == 0
        assert ChangeLog.objects.count() == logs
        assert result.error_count == 1
        err = result.errors[0]
        assert (err.row, err.column, err.value) == (738, "出生日期", "1985年13月")
        assert str(err).startswith("第 738 行 出生日期: ")

    def test_a_bad_value_repeated_is_reported_on_every_row(self, tree, admin_a, tmp_path):
        """Cells and fields are validated once per distinct value; errors are still per row."""
        rows = person_rows(40)
        for i in (3, 17, 31):
            rows[i][4] = "大本"  # not an education
        for i in (5, 25):
            rows[i][3] = "1985年13月"
        rows[8][6] = "1" * 40  # phone longer than the field allows, repeated below
        rows[9][6] = "1" * 40
        path = write_xlsx(tmp_path / "people.xlsx", HEADERS, rows)

        result = PersonImporter(admin_a).run(path, commit=True)

        assert not result.committed and Person.objects.count() == 0
        reported = sorted((e.row, e.column) for e in result.errors)
        assert reported == sorted(
            [(i + 2, "学历") for i in (3, 17, 31)]
            + [(i + 2, "出生日期") for i in (5, 25)]
            + [(10, "联系电话"), (11, "联系电话")]
        )
        assert result.error_rows == 7

    def test_valid_file_creates_everyone_with_affiliations_and_audit(self, tree, admin_a, tmp_path):
        path = write_xlsx(tmp_path / "people.xlsx", HEADERS, person_rows(30))

        result = PersonImporter(admin_a).run(path, commit=True)

        assert result.committed and result.created == 30
        assert Person.objects.count() == 30
        village = tree["village_a"]
        assert Affiliation.objects.filter(org=village, kind="registered").count() == 30
        logs = ChangeLog.objects.filter(action="create", content_type__model="person")
        assert logs.count() == 30
        # The ID number is masked in the log, and the rows are those of a single create.
        first = logs.order_by("id").first()
        assert "*" in first.after["id_number"]
        assert first.after == snapshot(Person.objects.get(pk=first.object_id))

    def test_preview_writes_nothing_but_counts_what_commit_would_do(self, tree, admin_a, tmp_path):
        path = write_xlsx(tmp_path / "people.xlsx", HEADERS, person_rows(10))
        logs = ChangeLog.objects.count()

        preview = PersonImporter(admin_a).run(path, commit=False)

        assert (preview.created, preview.committed, preview.ok) == (10, False, True)
        assert Person.objects.count() == 0 and ChangeLog.objects.count() == logs


@pytest.mark.django_db
class TestUpdates:
    def test_reimport_is_a_no_op(self, tree, admin_a, tmp_path):
        path = write_xlsx(tmp_path / "people.xlsx", HEADERS, person_rows(20))
        PersonImporter(admin_a).run(path, commit=True)
        before = list(Person.objects.order_by("pk").values_list("pk", "version", "updated_at"))
        logs = ChangeLog.objects.count()

        again = PersonImporter(admin_a).run(path, commit=True)

        assert (again.created, again.updated, again.unchanged) == (0, 0, 20)
        assert list(Person.objects.order_by("pk").values_list("pk", "version", "updated_at")) == before
        assert ChangeLog.objects.count() == logs

    def test_changed_row_updates_with_before_and_after(self, tree, admin_a, tmp_path):
        rows = person_rows(3)
        PersonImporter(admin_a).run(write_xlsx(tmp_path / "a.xlsx", HEADERS, rows), commit=True)
        rows[1][6] = "13912345678"

        result = PersonImporter(admin_a).run(write_xlsx(tmp_path / "b.xlsx", HEADERS, rows), commit=True)

        assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
        person = Person.objects.get(name="人员1")
        assert person.phone == "13912345678" and person.version == 2
        log = ChangeLog.objects.filter(action="update", object_id=str(person.pk)).get()
        assert log.before["phone"] == "" and log.after["phone"] == "13912345678"

    def test_columns_absent_from_the_file_are_left_alone(self, tree, admin_a, tmp_path):
        person = make_person("王五", tree["village_a"], phone="13800000000", native_place="江苏苏州")
        path = write_xlsx(
            tmp_path / "a.xlsx",
            ["身份证号", "姓名", "登记组织"],
            [[person.id_number, "王五", "320509101201"]],
        )

        result = PersonImporter(admin_a).run(path, commit=True)

        person.refresh_from_db()
        assert result.unchanged == 1
        assert (person.phone, person.native_place) == ("13800000000", "江苏苏州")

    def test_same_id_number_twice_in_a_file(self, tree, admin_a, tmp_path):
        rows = person_rows(2)
        rows.append(list(rows[0]))
        result = PersonImporter(admin_a).run(write_xlsx(tmp_path / "a.xlsx", HEADERS, rows), commit=True)
        assert not result.committed and Person.objects.count() == 0
        assert result.errors[0].row == 4 and "第 2 行" in result.errors[0].reason


@pytest.mark.django_db
class TestFilesAndHeaders:
    def test_gb18030_csv(self, tree, admin_a, tmp_path):
        rows = [[*r[:3], r[3].strftime("%Y.%m"), *r[4:]] for r in person_rows(5)]
        rows[0][0] = "䶮龘"  # outside GBK: only GB18030 has these
        path = write_csv(tmp_path / "people.csv", HEADERS, rows, encoding="gb18030")

        result = PersonImporter(admin_a).run(path, commit=True)

        assert result.committed, result.as_dict()
        assert Person.objects.filter(name="䶮龘").exists()

    def test_utf8_csv_without_bom_and_header_variants(self, tree, admin_a, tmp_path):
        headers = [
            "姓 名",
            "公民身份号码",
            "性别",
            "出生\n年月",
            "文化程度",
            "政治面貌",
            "手机号码",
            "所在组织",
        ]
        rows = [
            [r[0], r[1], r[2], r[3].strftime("%Y%m"), "本科", "党员", "", "吴江区委/震泽镇党委/众安桥村党委"]
            for r in person_rows(3)
        ]
        path = write_csv(tmp_path / "people.csv", headers, rows, encoding="utf-8")

        result = PersonImporter(admin_a).run(path, commit=True)

        assert result.committed, result.as_dict()
        p = Person.objects.get(name="人员0")
        assert (p.education, p.political_status, p.registered_org_id) == ("21", "01", tree["village_a"].pk)

    def test_missing_required_column(self, tree, admin_a, tmp_path):
        path = write_xlsx(tmp_path / "a.xlsx", ["姓名", "身份证号"], [["张三", ""]])
        result = PersonImporter(admin_a).run(path, commit=True)
        assert result.fatal == ["文件缺少“登记组织”列。"]

    def test_not_a_workbook(self, tree, admin_a, tmp_path):
        path = tmp_path / "a.xlsx"
        path.write_bytes(b"not a zip")
        result = PersonImporter(admin_a).run(path, commit=True)
        assert result.fatal and not result.committed


@pytest.mark.django_db
class TestScope:
    def test_township_user_cannot_create_or_change_outside_their_subtree(self, tree, staff_a, tmp_path):
        outsider = make_person("赵六", tree["village_b"])
        rows = person_rows(2)
        rows.append(
            ["新人", id_number_for(date(1990, 1, 1), "M", seq=7), "男", "", "", "", "", "320509102201"]
        )
        rows.append([outsider.name, outsider.id_number, "男", "", "", "", "13900000000", "320509102201"])
        logs = ChangeLog.objects.count()

        result = PersonImporter(staff_a).run(write_xlsx(tmp_path / "a.xlsx", HEADERS, rows), commit=True)

        assert not result.committed
        assert result.refused_rows == 2, result.errors
        refused = {e.row: e for e in result.errors}
        assert refused[4].refused and refused[4].column == "登记组织"
        assert refused[5].refused and refused[5].column == "身份证号"
        assert "*" in refused[5].value  # the ID number is masked in the report
        outsider.refresh_from_db()
        assert outsider.phone == "" and Person.objects.count() == 1 and ChangeLog.objects.count() == logs


@pytest.mark.django_db
class TestPages:
    def test_template_round_trip(self, tree, admin_a, client_for, tmp_path):
        client = client_for(admin_a)
        response = client.get(reverse("people:person_import_template"))
        assert response.status_code == 200
        wb = load_workbook(io.BytesIO(response.content))
        assert "填写说明" in wb.sheetnames
        ws = wb.worksheets[0]
        headers = [c.value for c in ws[1]]
        assert headers[:2] == ["姓名*", "身份证号"]
        path = tmp_path / "template.xlsx"
        path.write_bytes(response.content)

        with path.open("rb") as f:
            preview = client.post(reverse("people:person_import"), {"action": "preview", "file": f})
        assert preview.status_code == 200
        assert "1 新增" in preview.content.decode() or preview.context["result"]["created"] == 1
        token = preview.context["token"]
        done = client.post(
            reverse("people:person_import"), {"action": "commit", "token": token, "name": "t.xlsx"}
        )

        assert done.status_code == 302
        assert Person.objects.filter(name="张三", registered_org=tree["town_a"]).exists()

    def test_preview_page_lists_problems(self, tree, admin_a, client_for, tmp_path):
        rows = person_rows(3)
        rows[1][1] = "320509198505200012"  # wrong check character
        path = write_xlsx(tmp_path / "a.xlsx", HEADERS, rows)
        with path.open("rb") as f:
            response = client_for(admin_a).post(
                reverse("people:person_import"), {"action": "preview", "file": f}
            )
        assert response.status_code == 400
        html = response.content.decode()
        assert "身份证号" in html and "校验" in html
        assert "Import now" not in html and "立即导入" not in html

    def test_viewer_and_anonymous_get_no_import_page(self, tree, client, client_for):
        url = reverse("people:person_import")
        assert client.get(url).status_code == 302
        viewer = make_user("viewer_a", "viewer", tree["town_a"])
        assert client_for(viewer).get(url).status_code == 404
        assert client_for(viewer).get(reverse("people:person_import_template")).status_code == 404

    def test_commit_with_a_token_of_another_user_is_404(self, tree, admin_a, staff_a, client_for, tmp_path):
        path = write_xlsx(tmp_path / "a.xlsx", HEADERS, person_rows(1))
        client = client_for(admin_a)
        with path.open("rb") as f:
            token = client.post(reverse("people:person_import"), {"action": "preview", "file": f}).context[
                "token"
            ]
        other = client_for(staff_a)
        assert (
            other.post(reverse("people:person_import"), {"action": "commit", "token": token}).status_code
            == 404
        )
        assert Person.objects.count() == 0
