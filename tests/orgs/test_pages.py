"""Pages of the org tree beyond the generic ones: navigator, org detail, move, terms due."""

from datetime import date

from django.urls import reverse

from orgwork.core.models import ChangeLog
from orgwork.orgs.models import Org
from tests.factories import make_person, make_seat, make_term, make_user


def test_tree_starts_at_the_users_scope_and_children_load_on_demand(client, tree, admin_a):
    client.force_login(admin_a)
    body = client.get(reverse("orgs:org_tree")).content.decode()
    assert "震泽镇党委" in body and "盛泽镇党委" not in body and "吴江区委" not in body
    children = client.get(reverse("orgs:org_children", args=[tree["town_a"].pk]), HTTP_HX_REQUEST="true")
    assert "众安桥村党委" in children.content.decode()
    assert client.get(reverse("orgs:org_children", args=[tree["town_b"].pk])).status_code == 404


def test_org_detail_shows_subtree_team_statistics(client, tree, district_admin):
    v = tree["village_a"]
    for i, (birth, edu) in enumerate([(date(1990, 1, 1), "21"), (date(1980, 1, 1), "31")]):
        make_seat(
            v,
            make_person(f"委员{i}", v, birth=birth, education=edu),
            role="member",
            started_on=date(2021, 1, 1),
        )
    client.force_login(district_admin)
    response = client.get(reverse("orgs:org_detail", args=[tree["district"].pk]), {"as_of": "2026-01-01"})
    assert response.status_code == 200
    stats = response.context["village_stats"]
    assert stats.people == 2 and stats.orgs == 1
    assert stats.mean_age == 41.0  # 36 and 46 on 2026-01-01
    assert stats.college == 1.0
    body = response.content.decode()
    assert "41.0" in body or "41" in body


def test_move_page_moves_and_refuses_a_stale_version(client, tree, district_admin):
    client.force_login(district_admin)
    url = reverse("orgs:org_move", args=[tree["village_a"].pk])
    assert client.get(url).status_code == 200
    stale = client.post(url, {"new_parent": tree["town_b"].pk, "version": 0})
    assert stale.status_code == 400
    ok = client.post(url, {"new_parent": tree["town_b"].pk, "version": tree["village_a"].version})
    assert ok.status_code == 302
    assert Org.objects.get(pk=tree["village_a"].pk).parent_id == tree["town_b"].pk
    assert ChangeLog.objects.filter(action="move", user_name="district_admin").exists()


def test_move_needs_the_move_permission_in_both_places(client, tree, admin_a, staff_a):
    client.force_login(staff_a)
    assert client.get(reverse("orgs:org_move", args=[tree["village_a"].pk])).status_code == 404
    client.force_login(admin_a)
    # town_b is outside admin_a's subtree: it is not offered and a forged POST is refused.
    response = client.post(
        reverse("orgs:org_move", args=[tree["village_a"].pk]), {"new_parent": tree["town_b"].pk, "version": 1}
    )
    assert response.status_code == 400
    assert Org.objects.get(pk=tree["village_a"].pk).parent_id == tree["town_a"].pk


def test_terms_due_page_lists_due_and_overdue_in_scope(client, tree, admin_a):
    make_term(tree["village_a"], started_on=date(2020, 1, 1), ends_on=date(2025, 1, 1))
    make_term(tree["village_b"], started_on=date(2020, 1, 1), ends_on=date(2025, 1, 1))
    client.force_login(admin_a)
    body = client.get(reverse("orgs:terms_due")).content.decode()
    assert "众安桥村党委" in body
    assert "黄家溪村党总支" not in body
    assert "已超期" in body


def test_new_child_org_is_created_under_the_chosen_parent(client, tree, admin_a):
    client.force_login(admin_a)
    response = client.post(
        reverse("orgs:org_add"),
        {
            "parent": tree["village_a"].pk,
            "name": "第一网格党支部",
            "code": "G001",
            "kind": "branch",
            "level": "unit",
            "sector": "village",
            "position": 1,
        },
    )
    assert response.status_code == 302
    org = Org.objects.get(code="G001")
    assert org.path.startswith(tree["village_a"].path) and org.depth == tree["village_a"].depth + 1


def test_creating_outside_scope_is_refused(client, tree, admin_a):
    client.force_login(admin_a)
    response = client.post(
        reverse("orgs:org_add"),
        {
            "parent": tree["town_b"].pk,
            "name": "越权支部",
            "code": "X001",
            "kind": "branch",
            "level": "unit",
            "sector": "other",
            "position": 1,
        },
    )
    assert response.status_code == 400
    assert not Org.objects.filter(code="X001").exists()


def test_auditor_sees_the_log_but_no_people(client, tree):
    person = make_person("隐私人", tree["village_a"])
    auditor = make_user("auditor", "auditor")
    client.force_login(auditor)
    # Skip the TOTP redirect: this test is about data scope, the OTP flow has its own tests.
    from django_otp.plugins.otp_static.models import StaticDevice

    device = StaticDevice.objects.create(user=auditor, name="test")
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    assert client.get(reverse("core:changelog_list")).status_code == 200
    assert client.get(reverse("people:person_detail", args=[person.pk])).status_code == 404
    assert "隐私人" not in client.get(reverse("people:person_list")).content.decode()


def test_team_lists_the_secretary_first(client, tree, admin_a):
    v = tree["village_a"]
    make_seat(v, make_person("委员甲", v), role="member")
    make_seat(v, make_person("副书记乙", v), role="deputy_secretary")
    make_seat(v, make_person("书记丙", v), role="secretary")
    client.force_login(admin_a)
    team = list(client.get(reverse("orgs:org_detail", args=[v.pk])).context["team"])
    assert [s.role for s in team] == ["secretary", "deputy_secretary", "member"]
