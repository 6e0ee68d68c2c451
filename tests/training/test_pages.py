"""The training pages as an organizer uses them: scope, roster, sign-in sheet, enrollment, hours,
statistics."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from orgwork.training import services
from orgwork.training.models import Attendance
from tests.factories import make_person, make_user
from tests.training.factories import enroll, make_course, make_session, mark

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(tree):
    a_people = [make_person(n, tree["village_a"], id_number=None) for n in ("陈一", "陈二", "陈三")]
    b_person = make_person("林外", tree["village_b"])
    course_a = make_course(tree["town_a"], "震泽镇夜校第1期", kind="night_school", series="震泽夜校")
    course_b = make_course(tree["town_b"], "盛泽镇科级干部进修班")
    enrolled_a = enroll(course_a, *a_people)
    enrolled_b = enroll(course_b, b_person)
    session_a = make_session(course_a, date(2024, 3, 5), "2.5", topic="制造业当家")
    session_b = make_session(course_b, date(2024, 3, 5), "3", topic="招商引资")
    mark(session_b, enrolled_b[0])
    return {
        "a_people": a_people,
        "b_person": b_person,
        "course_a": course_a,
        "course_b": course_b,
        "enrolled_a": enrolled_a,
        "session_a": session_a,
        "session_b": session_b,
    }


def sheet(rows, headers=("姓名", "身份证号", "签到")):
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(headers)
    w.writerows(rows)
    return buf.getvalue().encode("utf-8")


class TestScope:
    def test_township_organizer_sees_its_classes_and_people_only(self, client, setup, admin_a):
        client.force_login(admin_a)
        body = client.get(reverse("training:course_list")).content.decode()
        assert "震泽镇夜校第1期" in body and "盛泽镇科级干部进修班" not in body
        assert client.get(setup["course_b"].get_absolute_url()).status_code == 404
        assert client.get(reverse("training:session_roster", args=[setup["session_b"].pk])).status_code == 404
        hours = client.get(reverse("training:compliance") + "?year=2024").content.decode()
        assert "陈一" in hours and "林外" not in hours
        assert client.get(reverse("training:person_hours", args=[setup["b_person"].pk])).status_code == 404
        stats = client.get(reverse("training:statistics") + "?start=2024-01-01&end=2024-12-31")
        assert stats.context["totals"]["classes"] == 1 and stats.context["totals"]["trainee_times"] == 3

    def test_choosing_an_org_outside_the_scope_does_not_widen_it(self, client, setup, admin_a, tree):
        client.force_login(admin_a)
        stats = client.get(
            reverse("training:statistics")
            + "?start=2024-01-01&end=2024-12-31&within={}".format(tree["town_b"].pk)
        )
        assert stats.context["totals"]["classes"] == 1
        assert "盛泽" not in stats.content.decode()

    def test_district_sees_both_townships_broken_down(self, client, setup, district_admin, tree):
        client.force_login(district_admin)
        response = client.get(reverse("training:statistics") + "?start=2024-01-01&end=2024-12-31")
        assert response.context["totals"]["classes"] == 2 and response.context["totals"]["trainee_times"] == 4
        names = [name for name, _v in response.context["by_org"]]
        assert set(names) == {tree["town_a"].name, tree["town_b"].name}

    def test_viewer_may_not_take_attendance(self, client, setup, tree):
        client.force_login(make_user("viewer_t", "viewer", tree["town_a"]))
        assert client.get(reverse("training:session_roster", args=[setup["session_a"].pk])).status_code == 404


class TestRoster:
    def test_ticking_saves_and_credits_hours(self, client, setup, admin_a):
        client.force_login(admin_a)
        s = setup["session_a"]
        e1, e2, e3 = setup["enrolled_a"]
        url = reverse("training:session_roster", args=[s.pk])
        assert "陈二" in client.get(url).content.decode()
        response = client.post(
            url, {"status_{}".format(e1.pk): "present", "status_{}".format(e2.pk): "leave"}
        )
        assert response.status_code == 302
        assert dict(Attendance.objects.filter(session=s).values_list("enrollment_id", "status")) == {
            e1.pk: "present",
            e2.pk: "leave",
        }
        assert services.hours_for([e1.person_id], date(2024, 1, 1), date(2024, 12, 31))[
            e1.person_id
        ] == Decimal("2.5")

    def test_everyone_present(self, client, setup, admin_a):
        client.force_login(admin_a)
        s = setup["session_a"]
        assert (
            client.post(reverse("training:session_roster", args=[s.pk]), {"_all_present": "1"}).status_code
            == 302
        )
        assert Attendance.objects.filter(session=s, status="present").count() == 3

    def test_a_forged_trainee_of_another_class_changes_nothing(self, client, setup, admin_a):
        client.force_login(admin_a)
        s = setup["session_a"]
        e1 = setup["enrolled_a"][0]
        client.post(reverse("training:session_roster", args=[s.pk]), {"status_{}".format(e1.pk): "bogus"})
        assert not Attendance.objects.filter(session=s).exists()


class TestSignInSheet:
    def test_all_rows_good_are_imported(self, setup, tree):
        s = setup["session_a"]
        data = sheet([("陈一", "", "√"), ("陈二", "", "请假"), ("陈三", "", "")])
        path = _write(data)
        result = services.import_sign_in_sheet(s, path, "签到表.csv", actor=None)
        assert result.committed and result.rows == 3 and result.created == 3
        assert sorted(Attendance.objects.filter(session=s).values_list("status", flat=True)) == [
            "absent",
            "leave",
            "present",
        ]

    def test_one_bad_row_and_nothing_is_written(self, setup):
        s = setup["session_a"]
        data = sheet([("陈一", "", "√"), ("林外", "", "√"), ("陈二", "", "迟到")])
        result = services.import_sign_in_sheet(s, _write(data), "签到表.csv", actor=None)
        assert not result.committed
        assert [str(p) for p in result.problems] == [
            "第 3 行 姓名: 本班没有该姓名的学员",
            "第 4 行 签到: 无法识别“迟到”，请填写 √、请假或留空",
        ]
        assert not Attendance.objects.filter(session=s).exists()

    def test_by_id_number_and_duplicate_rows(self, setup):
        s = setup["session_a"]
        b = setup["b_person"]
        e = enroll(setup["course_a"], b)[0]
        data = sheet([("", b.id_number, "是"), ("林外", "", "是")])
        result = services.import_sign_in_sheet(s, _write(data), "签到表.csv", actor=None)
        assert not result.committed
        assert str(result.problems[0]) == "第 3 行 姓名: 该学员已在第 2 行出现"
        result = services.import_sign_in_sheet(
            s, _write(sheet([("", b.id_number, "是")])), "签到表.csv", actor=None
        )
        assert result.committed
        assert Attendance.objects.get(session=s).enrollment_id == e.pk

    def test_missing_columns(self, setup):
        result = services.import_sign_in_sheet(
            setup["session_a"], _write(sheet([("陈一",)], headers=("姓名",))), "x.csv", actor=None
        )
        assert not result.committed and result.problems

    def test_through_the_page(self, client, setup, admin_a):
        client.force_login(admin_a)
        s = setup["session_a"]
        url = reverse("training:session_sign_in", args=[s.pk])
        bad = client.post(
            url, {"file": SimpleUploadedFile("签到表.csv", sheet([("陈一", "", "√"), ("无名", "", "√")]))}
        )
        assert bad.status_code == 400 and "本班没有该姓名的学员" in bad.content.decode()
        assert not Attendance.objects.filter(session=s).exists()
        good = client.post(url, {"file": SimpleUploadedFile("签到表.csv", sheet([("陈一", "", "√")]))})
        assert good.status_code == 302
        assert Attendance.objects.filter(session=s, status="present").count() == 1


class TestEnroll:
    def test_paste_names_and_id_numbers(self, client, setup, admin_a, tree):
        client.force_login(admin_a)
        new = make_person("黄新", tree["village_a"])
        course = setup["course_a"]
        url = reverse("training:course_enroll", args=[course.pk])
        refused = client.post(url, {"people": "黄新\n林外", "tier": "township"})
        assert refused.status_code == 400 and course.enrollments.count() == 3
        done = client.post(url, {"people": "{}\n陈一".format(new.id_number), "tier": "county"})
        assert done.status_code == 302
        assert course.enrollments.get(person=new).tier == "county"
        assert course.enrollments.count() == 4


class TestReports:
    def test_compliance_lists_those_behind_and_exports(self, client, setup, admin_a):
        client.force_login(admin_a)
        e1 = setup["enrolled_a"][0]
        for d in range(1, 37):  # 36 × 2.5 = 90 hours: requirement met
            mark(
                make_session(setup["course_a"], date(2024, 4, 1 + d % 28), "2.5", topic="课{}".format(d)), e1
            )
        page = client.get(reverse("training:compliance") + "?year=2024&behind=1")
        names = [r.name for r in page.context["rows"]]
        assert "陈一" not in names and {"陈二", "陈三"} <= set(names)
        # The rows as the organizer reads them: a link to each person's hours, what is short.
        html = page.content.decode()
        behind = page.context["rows"][0]
        hours_url = reverse("training:person_hours", args=[behind.person_id]) + "?year=2024"
        assert f'<a href="{hours_url}">{behind.name}</a>' in html
        assert '<span class="badge bg-yellow-lt">{}</span>'.format(format(behind.shortfall, ".1f")) in html
        assert "陈一" in client.get(reverse("training:compliance") + "?year=2024").content.decode()
        export = client.get(reverse("training:compliance") + "?year=2024&_export=xlsx")
        assert export.status_code == 200
        from openpyxl import load_workbook

        ws = load_workbook(io.BytesIO(export.content)).active
        rows = list(ws.iter_rows(values_only=True))
        assert rows[0][0] == "姓名" and len(rows) == 4

    def test_person_hours_page(self, client, setup, admin_a):
        client.force_login(admin_a)
        e1 = setup["enrolled_a"][0]
        mark(setup["session_a"], e1)
        page = client.get(reverse("training:person_hours", args=[e1.person_id]) + "?year=2024")
        assert page.status_code == 200
        assert page.context["row"].done == Decimal("2.5")
        assert "2.5 / 90" in page.content.decode()

    def test_statistics_sheet(self, client, setup, district_admin):
        client.force_login(district_admin)
        response = client.get(
            reverse("training:statistics") + "?start=2024-01-01&end=2024-12-31&_export=xlsx"
        )
        from openpyxl import load_workbook

        ws = load_workbook(io.BytesIO(response.content)).active
        rows = list(ws.iter_rows(values_only=True))
        assert rows[0][:3] == ("项目", "培训班次", "培训人次")
        assert rows[1][1:3] == (2, 4)


def _write(data: bytes):
    import tempfile
    from pathlib import Path

    f = tempfile.NamedTemporaryFile(suffix=".csv", delete=False)
    f.write(data)
    f.close()
    return Path(f.name)
