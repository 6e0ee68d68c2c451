"""先锋365: completion figures against hand-computed ones, who is a leader / 机关 member, quarter
boundaries of visits, unpaired households, and the completion page's scope."""

from datetime import date

import pytest
from django.urls import reverse

from orgwork.core.services import create_object
from orgwork.grassroots import models as m
from orgwork.grassroots import rules, services
from tests.factories import make_org, make_person, make_seat, make_user
from tests.grassroots.factories import make_deed, make_household, make_member, make_pairing, make_visit

pytestmark = pytest.mark.django_db

AS_OF = date(2026, 5, 20)  # second quarter: 2026-04-01 … 2026-06-30


@pytest.fixture
def branch(tree):
    """Town A with a village branch and a 机关 branch; A is a town deputy secretary (a leader),
    B a 机关 member, C an ordinary member, D not a party member."""
    organ = make_org("震泽镇机关党支部", tree["town_a"], sector="organ")
    a = make_member("甲", tree["village_a"])
    make_seat(tree["town_a"], a, role="deputy_secretary", started_on=date(2021, 6, 1))
    b = make_member("乙", organ)
    c = make_member("丙", tree["village_a"], political_status="02")
    d = make_person("丁", tree["village_a"], political_status="13")
    for code in ("enterprise_need", "enterprise_need", "problem_solved"):
        make_deed(a, code, date(2026, 3, 1))
    for code in ("enterprise_need", "problem_solved", "policy_secured", "talent_contact"):
        make_deed(b, code, date(2026, 2, 1))
    make_deed(c, "enterprise_need", date(2025, 12, 31))  # last year's: does not count in 2026
    make_deed(d, "enterprise_need", date(2026, 2, 1))  # not a party member
    h1 = make_household(tree["village_a"], "户一")
    h2 = make_household(tree["village_a"], "户二")
    p1 = make_pairing(h1, a, started_on=date(2025, 6, 1))
    p2 = make_pairing(h2, a, started_on=date(2025, 6, 1))
    make_visit(p1, date(2026, 4, 1))  # first day of the quarter: visited
    make_visit(p2, date(2026, 3, 31))  # last day of the previous quarter: not this quarter
    return {"a": a, "b": b, "c": c, "d": d, "organ": organ, "h1": h1, "h2": h2, "p1": p1, "p2": p2}


def test_categories_are_derived_from_seats_and_the_members_org(tree, branch):
    cats = services.member_categories([branch[k].pk for k in "abc"], AS_OF)
    assert cats == {branch["a"].pk: "leader", branch["b"].pk: "organ"}


def test_a_seat_on_a_village_committee_does_not_make_a_leader(tree):
    p = make_member("村书记", tree["village_a"])
    make_seat(tree["village_a"], p, role="secretary")
    assert services.member_categories([p.pk], AS_OF) == {}


def test_an_ended_seat_no_longer_makes_a_leader(tree):
    p = make_member("前副书记", tree["village_a"])
    make_seat(
        tree["town_a"], p, role="deputy_secretary", started_on=date(2020, 1, 1), ended_on=date(2026, 5, 19)
    )
    assert services.member_categories([p.pk], AS_OF) == {}
    assert services.member_categories([p.pk], date(2026, 5, 19)) == {p.pk: "leader"}


def test_completion_against_hand_computed_figures(tree, branch):
    c = services.pledge_completion(tree["town_a"], 2026, AS_OF)
    # 甲: 4 deed items + 2 households = 5 pledges, 3 reached (enterprise need, problem, pairing);
    # 乙: 4 + 1 = 5, 4 reached (no household); 丙: 4, none reached. 丁 is not a member.
    assert c.members == 3
    assert (c.pledges, c.completed_pledges) == (14, 7)
    assert str(c.rate) == "50.0"
    by_code = {s.item.code: s for s in c.item_stats}
    assert (by_code["enterprise_need"].members, by_code["enterprise_need"].completed) == (3, 2)
    assert str(by_code["enterprise_need"].rate) == "66.7"
    assert (by_code["pairing_leader"].members, by_code["pairing_leader"].completed) == (1, 1)
    assert (by_code["pairing_organ"].members, by_code["pairing_organ"].completed) == (1, 0)
    behind = {r.name: r for r in c.behind}
    assert set(behind) == {"甲", "乙", "丙"}
    assert behind["甲"].missing == ["争取政策支持", "联系服务人才"]
    assert behind["甲"].unvisited == 1  # 户二 was last visited on 03-31
    assert behind["乙"].missing == ["机关党员挂钩帮扶困难家庭"]
    assert c.complete_members == 0


def test_a_member_who_reaches_everything_is_no_longer_behind(tree, branch):
    make_deed(branch["a"], "policy_secured", date(2026, 5, 1))
    make_deed(branch["a"], "talent_contact", date(2026, 5, 2))
    make_visit(branch["p2"], date(2026, 5, 20))  # on the day of the view: counts
    c = services.pledge_completion(tree["town_a"], 2026, AS_OF)
    assert "甲" not in {r.name for r in c.behind}
    assert (c.pledges, c.completed_pledges, c.complete_members) == (14, 9, 1)


def test_subordinate_orgs_add_up_to_the_subtree(tree, branch):
    c = services.pledge_completion(tree["town_a"], 2026, AS_OF)
    rows = {o.name: (members, pledges, done) for o, members, pledges, done, _r, _b in c.children}
    assert rows == {"众安桥村党委": (2, 9, 3), "震泽镇机关党支部": (1, 5, 4)}
    assert sum(v[1] for v in rows.values()) == c.pledges


def test_an_override_changes_the_category(tree, branch):
    create_object(m.PledgeRole(org=tree["village_a"], person=branch["c"], category="leader"), actor=None)
    c = services.pledge_completion(tree["town_a"], 2026, AS_OF)
    assert c.pledges == 15  # 丙 now also pledges two households


def test_an_org_s_own_items_replace_the_defaults_for_its_subtree(tree, branch):
    create_object(
        m.PledgeItem(org=tree["town_a"], year=2026, code="enterprise_need", name="排摸企业需求", target=2),
        actor=None,
    )
    items = services.pledge_items_for(tree["village_a"], 2026)
    assert [(i.code, i.target) for i in items] == [("enterprise_need", 2)]
    assert [i.code for i in services.pledge_items_for(tree["town_b"], 2026)] == [
        d["code"] for d in rules.DEFAULT_PLEDGE_ITEMS
    ]
    c = services.pledge_completion(tree["town_a"], 2026, AS_OF)
    # Only 甲 (2 deeds) reaches a target of 2; 乙 has 1.
    assert (c.pledges, c.completed_pledges) == (3, 1)


@pytest.mark.parametrize(
    "d, bounds",
    [
        (date(2026, 1, 1), (date(2026, 1, 1), date(2026, 3, 31))),
        (date(2026, 3, 31), (date(2026, 1, 1), date(2026, 3, 31))),
        (date(2026, 4, 1), (date(2026, 4, 1), date(2026, 6, 30))),
        (date(2026, 9, 30), (date(2026, 7, 1), date(2026, 9, 30))),
        (date(2026, 10, 1), (date(2026, 10, 1), date(2026, 12, 31))),
        (date(2026, 12, 31), (date(2026, 10, 1), date(2026, 12, 31))),
    ],
)
def test_quarter_bounds(d, bounds):
    assert rules.quarter_bounds(d) == bounds


def test_households_not_visited_this_quarter_at_the_boundaries(tree, branch):
    def listed(as_of):
        return set(
            services.households_not_visited(tree["town_a"].path, as_of).values_list("head_name", flat=True)
        )

    # Q1 (01-01 … 03-31): 户二 visited on 03-31, 户一 only on 04-01; a visit after ``as_of`` does not count.
    assert listed(date(2026, 3, 31)) == {"户一"}
    assert listed(date(2026, 3, 30)) == {"户一", "户二"}
    assert listed(date(2026, 4, 1)) == {"户二"}
    assert listed(date(2026, 6, 30)) == {"户二"}
    assert listed(date(2026, 7, 1)) == {"户一", "户二"}


def test_unpaired_households_are_listed(tree, branch):
    alone = make_household(tree["village_a"], "户三")
    ended = make_household(tree["village_a"], "户四")
    make_pairing(ended, branch["c"], started_on=date(2025, 1, 1), ended_on=date(2026, 5, 19))
    make_household(tree["village_a"], "户五", closed_on=date(2026, 1, 31))  # no longer in difficulty
    make_household(tree["village_b"], "外镇户")  # other township
    unpaired = services.unpaired_households(tree["town_a"].path, AS_OF)
    assert set(unpaired.values_list("head_name", flat=True)) == {"户三", "户四"}
    assert alone in unpaired
    assert set(
        services.unpaired_households(tree["town_a"].path, date(2026, 5, 19)).values_list(
            "head_name", flat=True
        )
    ) == {"户三"}


def test_coverage_page_lists_unpaired_households_of_the_users_subtree_only(client, tree, branch, admin_a):
    make_household(tree["village_a"], "户三")
    make_household(tree["village_b"], "外镇户")
    client.force_login(admin_a)
    body = client.get(reverse("grassroots:household_coverage"), {"as_of": "2026-05-20"}).content.decode()
    assert "户三" in body and "外镇户" not in body
    # Asking for the other township falls back to the user's own subtree.
    body = client.get(reverse("grassroots:household_coverage"), {"org": tree["town_b"].pk}).content.decode()
    assert "外镇户" not in body


def test_completion_page_and_quick_deed(client, tree, branch, admin_a):
    client.force_login(admin_a)
    url = reverse("grassroots:pledge_completion")
    page = client.get(url, {"org": tree["town_a"].pk, "year": 2026, "as_of": "2026-05-20"})
    assert page.status_code == 200
    assert "50.0%" in page.content.decode()
    r = client.post(
        reverse("grassroots:quick_deed"),
        {
            "org": tree["town_a"].pk,
            "year": 2026,
            "person": branch["c"].pk,
            "item_code": "enterprise_need",
            "done_on": "2026-05-18",
            "description": "走访企业",
        },
    )
    assert r.status_code == 302
    deed = m.Deed.objects.get(person=branch["c"], year=2026)
    assert deed.org == tree["village_a"]
    page = client.get(url, {"org": tree["town_a"].pk, "year": 2026, "as_of": "2026-05-20"})
    assert "57.1%" in page.content.decode()  # 8 of 14


def test_quick_deed_for_a_member_out_of_scope_is_refused(client, tree, branch, admin_a):
    other = make_member("外镇党员", tree["village_b"])
    client.force_login(admin_a)
    r = client.post(
        reverse("grassroots:quick_deed"),
        {
            "org": tree["town_a"].pk,
            "year": 2026,
            "person": other.pk,
            "item_code": "enterprise_need",
            "done_on": "2026-05-18",
            "description": "走访企业",
        },
    )
    assert r.status_code in (302, 404)
    assert not m.Deed.objects.filter(person=other).exists()


def test_viewer_sees_completion_but_cannot_record(client, tree, branch):
    client.force_login(make_user("viewer_a", "viewer", tree["town_a"]))
    page = client.get(reverse("grassroots:pledge_completion"), {"year": 2026})
    assert page.status_code == 200
    assert 'id="quick-deed"' not in page.content.decode()
    r = client.post(reverse("grassroots:quick_deed"), {"year": 2026, "person": branch["c"].pk})
    assert r.status_code == 404


def test_members_behind_export(client, tree, branch, admin_a):
    client.force_login(admin_a)
    r = client.get(
        reverse("grassroots:pledge_completion"), {"org": tree["town_a"].pk, "year": 2026, "_export": "xlsx"}
    )
    assert r.status_code == 200
    import io

    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(r.content)).active
    assert sorted(row[0] for row in ws.iter_rows(min_row=2, values_only=True)) == sorted(["甲", "乙", "丙"])


def test_the_page_keeps_the_first_members_behind_and_the_full_count(tree, branch):
    c = services.pledge_completion(tree["town_a"], 2026, AS_OF, behind_limit=1)
    # In tree order, then by pinyin: 众安桥村 (丙 bing, 甲 jia) before the 机关 branch (乙).
    assert c.behind_count == 3 and [r.name for r in c.behind] == ["丙"]
    assert [r.name for r in services.pledge_completion(tree["town_a"], 2026, AS_OF).behind] == [
        "丙",
        "甲",
        "乙",
    ]
