"""The member registry's verbs through the API (record a 发展党员 step, the transfer actions, a
dues payment): the same rules as the pages, with 400 and the reason for what the rules refuse,
403 for a user who sees the row but may not act (a viewer, the other side of a transfer), and 404
outside the user's part of the tree."""

from datetime import date

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from orgwork.members.models import Due, Member, Recruitment, RecruitmentStep, Transfer
from tests.factories import make_org, make_user
from tests.members.factories import make_due, make_member, make_recruitment, make_transfer

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def post(user, name, obj, body=None):
    return api(user).post(
        reverse(f"api:members-{name}", args=[obj.pk]),
        body or {},
        format="json",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )


@pytest.fixture
def admin_b(tree):
    return make_user("admin_b", "org_admin", tree["town_b"])


@pytest.fixture
def viewer_a(tree):
    return make_user("viewer_a", "viewer", tree["town_a"])


def test_recording_steps_through_the_api(tree, admin_a, admin_b, viewer_a):
    rec = make_recruitment(tree["village_a"], "接口申请人", birth=date(1995, 1, 1), applied=date(2023, 1, 10))
    r = post(admin_a, "recruitment-record-step", rec, {"step": 1, "done_on": "2023-01-10"})
    assert r.status_code == 200, r.content
    assert r.json()["last_step"] == 1
    # Out of order: 400 with the reason naming the next step; nothing recorded.
    r = post(admin_a, "recruitment-record-step", rec, {"step": 3, "done_on": "2023-03-01"})
    assert r.status_code == 400 and "谈话" in str(r.json()["errors"])
    # A talk more than a month after the application is recorded with a warning.
    r = post(admin_a, "recruitment-record-step", rec, {"step": 2, "done_on": "2023-03-01", "people": "书记"})
    assert r.status_code == 200 and r.json()["last_step"] == 2 and r.json()["warnings"]
    assert (
        post(viewer_a, "recruitment-record-step", rec, {"step": 3, "done_on": "2023-03-02"}).status_code
        == 403
    )
    assert (
        post(admin_b, "recruitment-record-step", rec, {"step": 3, "done_on": "2023-03-02"}).status_code == 404
    )
    assert list(RecruitmentStep.objects.filter(recruitment=rec).values_list("step", flat=True)) == [1, 2]
    r = post(admin_a, "recruitment-record-step", rec, {"step": 3})
    assert r.status_code == 400 and "done_on" in r.json()["errors"]


def test_an_applicant_under_18_is_refused_with_the_reason(tree, admin_a):
    rec = make_recruitment(tree["village_a"], "少年", birth=date(2006, 1, 10), applied=date(2024, 1, 10))
    # The application letter dated the day before the 18th birthday: 17 years and 364 days.
    r = post(admin_a, "recruitment-record-step", rec, {"step": 1, "done_on": "2024-01-09"})
    assert r.status_code == 400 and "17 周岁" in str(r.json()["errors"])
    assert Recruitment.objects.get(pk=rec.pk).last_step is None


def test_stop_and_extend_through_the_api(tree, admin_a, viewer_a):
    rec = make_recruitment(tree["village_a"], "停止人")
    assert post(admin_a, "recruitment-extend-probation", rec, {"months": 6}).status_code == 400
    assert post(viewer_a, "recruitment-stop", rec, {"reason": "本人申请"}).status_code == 403
    r = post(admin_a, "recruitment-stop", rec, {"reason": "本人申请"})
    assert r.status_code == 200 and r.json()["stage"] == "stopped"


def test_a_transfer_across_townships_through_the_api(tree, admin_a, admin_b):
    dest = make_org("盛泽镇接收支部", tree["town_b"])
    member = make_member(tree["village_a"], "接口转接人")
    t = make_transfer(member, dest)
    assert post(admin_a, "transfer-accept", t).status_code == 400  # not issued yet
    assert post(admin_a, "transfer-approve", t).json()["state"] == "approved"
    r = post(admin_a, "transfer-issue", t, {"on": "2025-03-01"})
    assert r.status_code == 200 and r.json()["issued_on"] == "2025-03-01"
    # The sending township may not accept for the receiving branch; the receiver may not archive.
    assert post(admin_a, "transfer-accept", t, {"on": "2025-03-05"}).status_code == 403
    assert post(admin_b, "transfer-archive", t).status_code == 400
    # An expired letter is refused with the date it expired.
    r = post(admin_b, "transfer-accept", t, {"on": "2025-04-10"})
    assert r.status_code == 400 and "2025-03-31" in str(r.json()["errors"])
    r = post(admin_b, "transfer-accept", t, {"on": "2025-03-05", "note": "已接收"})
    assert r.status_code == 200 and r.json()["state"] == "accepted"
    assert Member.objects.get(pk=member.pk).org_id == dest.pk
    assert post(admin_a, "transfer-receipt", t, {"on": "2025-03-20"}).json()["state"] == "receipted"
    history = Transfer.objects.get(pk=t.pk).history
    assert [(h["action"], h["user"]) for h in history] == [
        ("approve", "admin_a"),
        ("issue", "admin_a"),
        ("accept", "admin_b"),
        ("receipt", "admin_a"),
    ]
    # A third township sees nothing of it.
    other = make_org("平望镇党委", tree["district"], kind="committee", level="town")
    assert post(make_user("admin_c", "org_admin", other), "transfer-archive", t).status_code == 404


def test_a_dues_payment_through_the_api(tree, admin_a, admin_b, viewer_a):
    due = make_due(make_member(tree["village_a"], "缴费人"), month=date(2025, 1, 1), base=4000)
    r = post(admin_a, "due-pay", due, {"amount": "20.00", "paid_on": "2025-01-15"})
    assert r.status_code == 200, r.content
    assert r.json()["paid"] == "20.00" and r.json()["paid_on"] == "2025-01-15"
    # Seven months late: refused with the rule; a negative amount: refused on the field.
    r = post(admin_a, "due-pay", due, {"amount": "5.00", "paid_on": "2025-08-01"})
    assert r.status_code == 400 and "6" in str(r.json()["errors"])
    r = post(admin_a, "due-pay", due, {"amount": "-1", "paid_on": "2025-01-20"})
    assert r.status_code == 400 and "amount" in r.json()["errors"]
    assert post(viewer_a, "due-pay", due, {"amount": "1", "paid_on": "2025-01-20"}).status_code == 403
    assert post(admin_b, "due-pay", due, {"amount": "1", "paid_on": "2025-01-20"}).status_code == 404
    assert Due.objects.get(pk=due.pk).paid == 20
