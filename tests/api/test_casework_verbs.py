"""The closed loop through the API verbs (POST /api/casework/cases/{id}/<verb>/): the same rules as
the case page, with 400 for a step the state does not allow, 403 for a side the user does not act
for, and 404 outside the user's part of the tree."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from orgwork.casework.models import CaseEvent
from tests.casework.factories import make_case
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def verb(client, case, name, body=None):
    return client.post(
        reverse(f"api:casework-case-{name}", args=[case.pk]),
        body or {},
        format="json",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )


@pytest.fixture
def handler(tree):
    return make_user("village_staff", "org_staff", tree["village_a"])


@pytest.fixture
def case(tree):
    # Registered by the township: the village handles it, the township assigns and verifies it.
    return make_case(tree["town_a"], "众安桥村村道路灯损坏夜间出行不便")


def test_the_loop_runs_through_the_api(tree, admin_a, handler, case):
    town, village = api(admin_a), api(handler)
    r = verb(town, case, "assign", {"lead": tree["village_a"].pk, "lead_days": 5, "note": "请尽快修复"})
    assert r.status_code == 200, r.content
    assert r.json()["state"] == "assigned" and r.json()["lead_org"] == tree["village_a"].pk
    assert verb(village, case, "progress", {"note": "已联系供电所"}).json()["state"] == "in_progress"
    r = verb(village, case, "request-close", {"reply": "路灯已全部修复"})
    assert r.json()["state"] == "close_requested"
    r = verb(town, case, "reopen", {"reason": "仍有两盏不亮", "extra_days": 3})
    assert r.json()["state"] == "in_progress"
    verb(village, case, "request-close", {"reply": "剩余两盏已修复"})
    assert verb(town, case, "verify", {"note": "现场核实"}).json()["state"] == "verified"
    assert verb(town, case, "feedback", {"satisfaction": 5}).status_code == 400  # 3, 2 or 1
    assert verb(town, case, "feedback", {"satisfaction": 3}).json()["state"] == "feedback"
    kinds = list(CaseEvent.objects.filter(case=case).order_by("pk").values_list("kind", flat=True))
    assert kinds[-7:] == [
        "assign",
        "progress",
        "request_close",
        "reopen",
        "request_close",
        "verify",
        "feedback",
    ]
    assert CaseEvent.objects.filter(case=case, kind="progress", actor=handler).exists()


def test_a_step_the_state_does_not_allow_is_a_400_with_the_reason(admin_a, case):
    r = verb(api(admin_a), case, "verify")
    assert r.status_code == 400
    assert "不" in str(r.json()["errors"]) and "核验" in str(r.json()["errors"])
    case.refresh_from_db()
    assert case.state == "registered"


def test_missing_input_is_a_400_naming_the_field(admin_a, case):
    r = verb(api(admin_a), case, "assign", {"lead_days": 5})
    assert r.status_code == 400 and "lead" in r.json()["errors"]


def test_the_handler_may_not_verify_its_own_work(tree, admin_a, handler, case):
    verb(api(admin_a), case, "assign", {"lead": tree["village_a"].pk})
    verb(api(handler), case, "request-close", {"reply": "已修复"})
    assert verb(api(handler), case, "verify").status_code == 403
    case.refresh_from_db()
    assert case.state == "close_requested"


def test_another_township_cannot_reach_the_case(tree, case):
    stranger = make_user("town_b_admin", "org_admin", tree["town_b"])
    assert verb(api(stranger), case, "supervise").status_code == 404
    assert not CaseEvent.objects.filter(case=case, kind="supervise").exists()


def test_assigning_to_an_org_outside_the_scope_is_refused(tree, admin_a, case):
    r = verb(api(admin_a), case, "assign", {"lead": tree["village_b"].pk})
    assert r.status_code == 400 and "lead" in r.json()["errors"]
