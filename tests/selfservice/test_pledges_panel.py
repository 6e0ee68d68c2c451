"""我的 · the member's own 先锋365 pledges and deeds, and logging a deed — without any grant, through
the service staff use, and never touching another member's figures."""

import re
from datetime import date

import pytest
from django.utils import timezone

from orgwork.core.models import ChangeLog
from orgwork.core.services import create_object
from orgwork.grassroots.models import Deed
from orgwork.members.models import Member
from tests.factories import login_as_person, make_person, make_seat, make_user
from tests.grassroots.factories import make_deed, make_household, make_member, make_pairing

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year


def _row(page, code):
    """(target, done) of one pledge item on the panel."""
    m = re.search(
        r'data-item="{}">.*?data-target>(\d+)<.*?data-done>(\d+)<'.format(code), page, flags=re.DOTALL
    )
    return (int(m.group(1)), int(m.group(2))) if m else None


@pytest.fixture
def leader(tree):
    """A town deputy secretary (a leader: the pairing item binds them), with deeds and a pairing."""
    me = make_member("甲", tree["village_a"])
    make_seat(tree["town_a"], me, role="deputy_secretary", started_on=date(2021, 6, 1))
    make_deed(me, "enterprise_need", date(YEAR, 1, 5))
    make_deed(me, "enterprise_need", date(YEAR, 1, 6))
    make_deed(me, "problem_solved", date(YEAR, 1, 7))
    make_deed(me, "policy_secured", date(YEAR - 1, 12, 30))  # last year's: not counted
    make_pairing(make_household(tree["village_a"], "户一"), me, started_on=date(YEAR, 1, 1))
    other = make_member("乙", tree["village_a"])
    for code in ("policy_secured", "talent_contact"):
        make_deed(other, code, date(YEAR, 1, 8))
    return me


def test_the_member_sees_their_pledges_with_target_and_done_counts(client, leader):
    login_as_person(client, leader)
    page = client.get("/me/").content.decode()
    assert 'id="panel-pledges"' in page
    assert _row(page, "enterprise_need") == (1, 2)
    assert _row(page, "problem_solved") == (1, 1)
    assert _row(page, "policy_secured") == (1, 0)  # last year's deed and 乙's do not count
    assert _row(page, "talent_contact") == (1, 0)  # 乙's deed does not count
    assert _row(page, "pairing_leader") == (2, 1)
    assert _row(page, "pairing_organ") is None  # binds 机关 members only
    assert "已完成 2 / 5 项承诺" in page and '<th class="text-end">已完成</th>' in page
    assert page.count("data-deed=") == 3  # this year's deeds of mine only


def test_an_ordinary_member_has_only_the_items_that_bind_everyone(client, tree):
    me = make_member("丙", tree["village_a"], political_status="02")
    login_as_person(client, me)
    page = client.get("/me/").content.decode()
    assert page.count("data-item=") == 4 and _row(page, "pairing_leader") is None
    assert "已完成 0 / 4 项承诺" in page and 'id="me-deed-form"' in page


def test_the_member_logs_a_deed_at_their_branch_and_the_completion_changes(client, tree, leader):
    # The member registry places 甲 at another branch than the one the person is registered at.
    create_object(
        Member(
            person=leader, org=tree["village_b"], joined_on=date(2010, 7, 1), confirmed_on=date(2011, 7, 1)
        ),
        actor=None,
    )
    user = login_as_person(client, leader)
    today = timezone.localdate()
    response = client.post(
        "/grassroots/me/deeds/add/",
        {"item_code": "policy_secured", "done_on": today.isoformat(), "description": "争取到稳岗补贴"},
    )
    assert response.status_code == 302 and response["Location"].endswith("#panel-pledges")
    deed = Deed.objects.get(person=leader, item_code="policy_secured", year=YEAR)
    assert deed.org == tree["village_b"] and deed.done_on == today
    log = ChangeLog.objects.filter(object_id=str(deed.pk), action="create").get()
    assert log.user == user
    page = client.get("/me/").content.decode()
    assert "您的事迹已登记" in page
    assert _row(page, "policy_secured") == (1, 1)
    assert "已完成 3 / 5 项承诺" in page and "争取到稳岗补贴" in page


def test_a_deed_against_an_item_that_is_not_theirs_or_in_the_future_is_refused(client, tree):
    me = make_member("丙", tree["village_a"])
    login_as_person(client, me)
    today = timezone.localdate()
    for data in (
        {"item_code": "pairing_leader", "done_on": today.isoformat(), "description": "帮扶"},
        {"item_code": "no_such_item", "done_on": today.isoformat(), "description": "x"},
        {"item_code": "problem_solved", "done_on": date(YEAR + 1, 1, 1).isoformat(), "description": "x"},
        {"item_code": "problem_solved", "done_on": date(YEAR - 1, 6, 1).isoformat(), "description": "x"},
    ):
        response = client.post("/grassroots/me/deeds/add/", data, follow=True)
        assert "践诺事迹未保存" in response.content.decode()
    assert not Deed.objects.filter(person=me).exists()


def test_someone_who_is_not_a_party_member_gets_no_pledges_panel_and_cannot_log(client, tree):
    talent_only = make_person("周英才", tree["village_a"], political_status="13")
    login_as_person(client, talent_only)
    assert 'id="panel-pledges"' not in client.get("/me/").content.decode()
    today = timezone.localdate().isoformat()
    client.post(
        "/grassroots/me/deeds/add/", {"item_code": "problem_solved", "done_on": today, "description": "x"}
    )
    assert not Deed.objects.filter(person=talent_only).exists()


def test_a_user_without_a_person_cannot_log_a_deed(client, tree):
    client.force_login(make_user("nobody"))
    response = client.post("/grassroots/me/deeds/add/", {"item_code": "problem_solved"})
    assert 'id="me-not-linked"' in response.content.decode()
    assert not Deed.objects.exists()
