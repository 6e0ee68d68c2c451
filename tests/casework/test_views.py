"""Every door of Case through the generic suites, plus scope through co-handling."""

from datetime import date

from django.urls import reverse

from orgwork.casework import services
from orgwork.casework.models import Case
from orgwork.core.testing.views import ModelViewSuite
from tests.cases import CaseCases
from tests.casework.factories import make_case
from tests.factories import make_org, make_user


class TestCaseViews(CaseCases, ModelViewSuite):
    def create_data(self, tree):
        return {
            "kind": "suggestion",
            "title": "震泽镇主干道破损",
            "description": "路面破损严重，雨天积水",
            "source": "secretary_forum",
            "category": "infrastructure",
            "priority": "normal",
            "raised_on": "2026-03-02",
            "org": tree["town_a"].pk,
        }


def test_co_handling_org_sees_the_case_and_an_unrelated_township_does_not(client, tree):
    town_c = make_org("平望镇党委", tree["district"], kind="committee", level="town")
    district_admin = make_user("district_admin", "org_admin", tree["district"])
    admin_b = make_user("admin_b", "org_admin", tree["town_b"])
    admin_c = make_user("admin_c", "org_admin", town_c)
    case = make_case(tree["district"], "跨镇河道漂浮物清理")
    url = reverse("casework:case_detail", args=[case.pk])
    client.force_login(admin_b)
    assert client.get(url).status_code == 404
    services.assign_case(
        case,
        actor=district_admin,
        lead=tree["village_a"],
        lead_days=10,
        co=[(tree["village_b"], None)],
        start=date(2026, 3, 2),
    )
    assert client.get(url).status_code == 200
    assert case.title in client.get(reverse("casework:case_list")).content.decode()
    client.force_login(admin_c)
    assert client.get(url).status_code == 404
    assert case.title not in client.get(reverse("casework:case_list")).content.decode()
    # Seeing is not editing the record: the co-handler cannot edit or delete it.
    client.force_login(admin_b)
    assert client.get(reverse("casework:case_edit", args=[case.pk])).status_code == 404
    assert Case.objects.restrict(admin_b, "view").filter(pk=case.pk).exists()
    assert not Case.objects.restrict(admin_b, "change").filter(pk=case.pk).exists()


def test_my_cases_orders_by_urgency_and_supervision_lists_overdue(client, tree, admin_a):
    late = make_case(tree["town_a"], "逾期的事项")
    soon = make_case(tree["town_a"], "临近的事项")
    services.assign_case(late, actor=admin_a, lead=tree["village_a"], lead_days=5, start=date(2026, 1, 5))
    services.assign_case(soon, actor=admin_a, lead=tree["village_a"], lead_days=60)
    client.force_login(admin_a)
    body = client.get(reverse("casework:my_cases")).content.decode()
    assert body.index("逾期的事项") < body.index("临近的事项")
    sup = client.get(reverse("casework:supervision")).content.decode()
    assert "逾期的事项" in sup and "临近的事项" not in sup


def test_statistics_page_and_bulletin(client, tree, admin_a):
    case = make_case(tree["village_a"], "统计用事项")
    services.assign_case(case, actor=admin_a, lead=tree["village_a"], lead_days=5)
    client.force_login(admin_a)
    r = client.get(
        reverse("casework:stats"), {"org": tree["town_a"].pk, "start": "2020-01-01", "end": "2030-12-31"}
    )
    assert r.status_code == 200
    assert 'id="stat-received">1<' in r.content.decode()
    x = client.get(
        reverse("casework:stats"),
        {"org": tree["town_a"].pk, "start": "2020-01-01", "end": "2030-12-31", "format": "xlsx"},
    )
    assert x.status_code == 200
    from io import BytesIO

    from openpyxl import load_workbook

    wb = load_workbook(BytesIO(b"".join(x.streaming_content) if x.streaming else x.content))
    ws = wb.worksheets[0]
    assert ws.page_setup.orientation == "landscape"
    assert ws.print_title_rows == "$1:$3"


def test_suggestions_show_similar_cases(client, tree, admin_a):
    from orgwork.casework import textsim

    textsim.reset_index()
    old = make_case(tree["village_a"], "众安桥村路灯大面积损坏夜间出行一片漆黑")
    services.assign_case(old, actor=admin_a, lead=tree["village_a"], lead_days=5)
    make_case(tree["village_a"], "集体经济收入单一缺少增收项目")
    client.force_login(admin_a)
    r = client.post(
        reverse("casework:case_suggest"),
        {"title": "众安桥村路灯不亮", "description": "好多路灯损坏不亮了，夜里出行看不见"},
    )
    body = r.content.decode()
    assert old.title in body
    assert tree["village_a"].name in body
    textsim.reset_index()


def test_registration_file_is_kept_in_the_history_and_only_in_scope(
    client, tree, admin_a, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client.force_login(admin_a)
    r = client.post(
        reverse("casework:case_add"),
        {
            "kind": "suggestion",
            "title": "带附件的事项",
            "description": "见照片",
            "source": "grid",
            "category": "environment",
            "priority": "normal",
            "raised_on": "2026-03-02",
            "org": tree["town_a"].pk,
            "attachment": SimpleUploadedFile("photo.txt", b"hello"),
        },
    )
    assert r.status_code == 302
    case = Case.objects.get(title="带附件的事项")
    ev = case.events.get(kind="register")
    assert ev.attachment
    url = reverse("casework:event_file", args=[case.pk, ev.pk])
    assert b"".join(client.get(url).streaming_content) == b"hello"
    client.force_login(make_user("admin_b", "org_admin", tree["town_b"]))
    assert client.get(url).status_code == 404
