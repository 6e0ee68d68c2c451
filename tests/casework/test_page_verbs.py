"""The closed loop on the case page (POST /casework/cases/<pk>/do/<verb>/): each verb answers with a
redirect to the case and a message, "done" or the reason in Chinese; an org or a verb that does not
exist is a 404."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from orgwork.casework.models import CaseEvent
from tests.casework.factories import make_case
from tests.factories import make_org, make_user

pytestmark = pytest.mark.django_db


def zh(text):
    with translation.override("zh-hans"):
        return gettext(text)


def do(client, case, action, data=None):
    """The answer and its message (the last one: those of earlier requests are still queued)."""
    r = client.post(reverse("casework:case_action", args=[case.pk, action]), data or {})
    said = [str(m) for m in get_messages(r.wsgi_request)]
    return r, said[-1] if said else None


@pytest.fixture
def case(tree):
    return make_case(tree["town_a"], "众安桥村村道路灯损坏夜间出行不便")


@pytest.fixture
def town(client, admin_a):
    client.force_login(admin_a)
    return client


@pytest.fixture
def village(tree):
    from django.test import Client

    c = Client()
    c.force_login(make_user("village_staff", "org_staff", tree["village_a"]))
    return c


def test_the_loop_runs_on_the_page(tree, town, village, case):
    co = make_org("震泽村党支部", tree["town_a"], kind="branch", level="village")
    r, said = do(
        town,
        case,
        "assign",
        {"lead": tree["village_a"].pk, "lead_days": "5", "co1": co.pk, "co_days": "4", "note": "请尽快修复"},
    )
    assert r.status_code == 302 and r["Location"] == case.get_absolute_url()
    assert said == zh("Done.")
    assign = CaseEvent.objects.get(case=case, kind="assign")
    assert assign.note == "请尽快修复"
    assert [c["org"] for c in assign.data["co"]] == [co.pk]
    photo = SimpleUploadedFile("lamp.jpg", b"\xff\xd8\xff\xe0 lamp", content_type="image/jpeg")
    assert do(village, case, "progress", {"note": "已联系供电所", "attachment": photo})[1] == zh("Done.")
    assert CaseEvent.objects.get(case=case, kind="progress").attachment
    do(village, case, "request_close", {"reply": "路灯已全部修复"})
    due_before = case.participants.get(role="lead").due_on
    assert do(town, case, "reopen", {"reason": "仍有两盏不亮", "extra_days": "3"})[1] == zh("Done.")
    assert case.participants.get(role="lead").due_on != due_before
    do(village, case, "request_close", {"reply": "剩余两盏已修复"})
    do(town, case, "verify", {"note": "现场核实"})
    assert do(town, case, "feedback", {"satisfaction": "5"})[1] == zh("Choose the raiser's satisfaction.")
    assert do(town, case, "feedback", {"satisfaction": "3", "note": "满意"})[1] == zh("Done.")
    # The page's refusals left no event: one of each step, the two closure requests apart.
    kinds = list(CaseEvent.objects.filter(case=case).order_by("pk").values_list("kind", flat=True))
    assert kinds.count("feedback") == 1 and kinds.count("request_close") == 2
    assert kinds[-4:] == ["reopen", "request_close", "verify", "feedback"]


def test_the_page_says_what_a_verb_lacks(tree, town, village, case):
    assert do(town, case, "assign", {"lead_days": "5"})[1] == zh("Choose the lead org.")
    do(town, case, "assign", {"lead": tree["village_a"].pk})
    assert do(village, case, "progress", {"note": "  "})[1] == zh("Write what was done.")
    too_long = do(village, case, "progress", {"note": "很" * 2001})[1]
    assert "2000" in too_long and too_long != zh("Write what was done.")
    assert do(village, case, "request_close", {"reply": ""})[1] == zh("Write the reply to the raiser.")
    extend = {"org": tree["village_a"].pk, "note": "需协调供电所"}
    assert do(town, case, "extend", extend)[1] == zh("Choose the organization and the working days.")
    assert do(town, case, "extend", {**extend, "days": "2"})[1] == zh("Done.")
    assert do(town, case, "demand_report", {"by": "下周"})[1] == zh("Give the date the report is due.")
    assert do(town, case, "demand_report", {"by": "2026-12-01"})[1] == zh("Done.")
    assert do(town, case, "remind")[1] == zh("Done.")
    assert CaseEvent.objects.get(case=case, kind="remind").note == zh("Please speed up the handling.")
    kinds = set(CaseEvent.objects.filter(case=case).values_list("kind", flat=True))
    assert {"extend", "demand_report", "remind"} <= kinds and "progress" not in kinds


def test_an_unknown_org_or_verb_is_a_404(tree, town, case):
    do(town, case, "assign", {"lead": tree["village_a"].pk})
    assert do(town, case, "co_done", {"org": 999999})[0].status_code == 404
    assert do(town, case, "co_done")[0].status_code == 404
    assert do(town, case, "dance")[0].status_code == 404
