"""The closed loop: allowed and refused transitions, reopen after verification, pause and
extension, and the state as a function of the history."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from orgwork.casework import services
from orgwork.casework.choices import CaseState
from orgwork.casework.models import Case, CaseParticipant
from orgwork.casework.state import ROLLUP_FIELDS, derive, rebuild
from orgwork.core import workdays
from tests.casework.factories import make_case
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def handler(tree):
    return make_user("handler_v", "org_staff", tree["village_a"])


def _fresh(case):
    return Case.objects.get(pk=case.pk)


def test_full_loop_with_reopen_after_verification(tree, admin_a, handler):
    case = make_case(tree["town_a"])
    case = services.assign_case(
        case, actor=admin_a, lead=tree["village_a"], lead_days=10, start=date(2026, 3, 2)
    )
    assert case.state == CaseState.ASSIGNED and str(case.due_on) == "2026-03-16"
    case = services.add_progress(case, actor=handler, note="已到现场查看")
    assert case.state == CaseState.IN_PROGRESS
    case = services.request_close(case, actor=handler, reply="已修复路灯")
    assert case.state == CaseState.CLOSE_REQUESTED
    case = services.verify_case(case, actor=admin_a)
    assert case.state == CaseState.VERIFIED and case.closed_on is not None
    case = services.reopen_case(case, actor=admin_a, reason="回访发现仍有两盏不亮")
    assert case.state == CaseState.IN_PROGRESS and case.reopen_count == 1 and case.closed_on is None
    case = services.request_close(case, actor=handler, reply="全部修复")
    case = services.verify_case(case, actor=admin_a)
    case = services.record_feedback(case, actor=admin_a, satisfaction=3)
    case = services.archive_case(case, actor=admin_a)
    case = _fresh(case)
    assert case.state == CaseState.ARCHIVED and case.satisfaction == 3 and case.reopen_count == 1
    assert [e.kind for e in case.events.all()] == [
        "register",
        "assign",
        "progress",
        "request_close",
        "verify",
        "reopen",
        "request_close",
        "verify",
        "feedback",
        "archive",
    ]


def test_refused_transitions(tree, admin_a, handler):
    case = make_case(tree["town_a"])
    for verb, kw in (
        (services.verify_case, {}),
        (services.request_close, {"reply": "x"}),
        (services.record_feedback, {"satisfaction": 3}),
        (services.archive_case, {}),
        (services.reopen_case, {"reason": "x"}),
    ):
        with pytest.raises(services.TransitionError):
            verb(case, actor=admin_a, **kw)
    case = services.assign_case(case, actor=admin_a, lead=tree["village_a"], lead_days=5)
    with pytest.raises(services.TransitionError):
        services.verify_case(case, actor=admin_a)  # nothing to verify yet
    with pytest.raises(services.TransitionError):
        services.archive_case(case, actor=admin_a)


def test_who_may_act(tree, admin_a, handler):
    outsider = make_user("outsider", "org_admin", tree["town_b"])
    case = make_case(tree["town_a"])
    with pytest.raises(PermissionDenied):
        services.assign_case(case, actor=outsider, lead=tree["village_b"])
    with pytest.raises(PermissionDenied):
        services.assign_case(case, actor=handler, lead=tree["village_a"])  # handlers do not assign
    case = services.assign_case(case, actor=admin_a, lead=tree["village_a"], lead_days=5)
    with pytest.raises(PermissionDenied):
        services.add_progress(case, actor=outsider, note="x")
    case = services.request_close(case, actor=handler, reply="done")
    with pytest.raises(PermissionDenied):
        services.verify_case(case, actor=handler)  # the handler does not verify its own work


def test_pause_moves_deadlines_by_the_working_days_waited(tree, admin_a, handler, monkeypatch):
    case = make_case(tree["town_a"])
    case = services.assign_case(
        case,
        actor=admin_a,
        lead=tree["village_a"],
        lead_days=10,
        co=[(tree["village_b"], 10)],
        start=date(2026, 3, 2),
    )
    monkeypatch.setattr(services, "_today", lambda: date(2026, 3, 4))
    case = services.pause_case(case, actor=handler, note="请提供现场照片")
    assert _fresh(case).paused
    assert not CaseParticipant.objects.filter(case=case, active=True).exists()  # clocks stopped
    monkeypatch.setattr(services, "_today", lambda: date(2026, 3, 9))
    case = services.resume_case(case, actor=handler)
    # Waited Thu 5, Fri 6, Mon 9 = 3 working days: 16 Mar → 19 Mar, for the co-handler too.
    case = _fresh(case)
    assert str(case.due_on) == "2026-03-19" and not case.paused
    co = CaseParticipant.objects.get(case=case, org=tree["village_b"])
    assert str(co.due_on) == "2026-03-19"


def test_extension_only_by_recorded_approval(tree, admin_a, handler):
    case = make_case(tree["town_a"])
    case = services.assign_case(
        case, actor=admin_a, lead=tree["village_a"], lead_days=10, start=date(2026, 3, 2)
    )
    with pytest.raises(PermissionDenied):
        services.extend_deadline(case, actor=handler, org=tree["village_a"], days=5, note="需要更多时间")
    case = services.extend_deadline(case, actor=admin_a, org=tree["village_a"], days=2, note="涉及跨部门协调")
    case = _fresh(case)
    assert str(case.due_on) == "2026-03-18"
    ev = case.events.get(kind="extend")
    assert ev.data["approved_by"] == "admin_a" and ev.data["days"] == 2 and ev.note


def test_deadline_is_a_snapshot_a_later_calendar_change_does_not_move_it(tree, admin_a):
    from orgwork.core.models import CalendarDay

    case = make_case(tree["town_a"])
    case = services.assign_case(
        case, actor=admin_a, lead=tree["village_a"], lead_days=10, start=date(2026, 3, 2)
    )
    CalendarDay.objects.create(date=date(2026, 3, 10), is_workday=False, name="临时")
    workdays.clear_cache()
    rebuild(case)
    assert str(_fresh(case).due_on) == "2026-03-16"
    CalendarDay.objects.all().delete()
    workdays.clear_cache()


def test_state_is_derived_from_history_and_the_rollup_is_rebuilt_equal(tree, admin_a, handler):
    case = make_case(tree["town_a"])
    case = services.assign_case(
        case, actor=admin_a, lead=tree["village_a"], lead_days=10, co=[(tree["village_b"], 8)]
    )
    case = services.supervise_case(case, actor=admin_a, note="重点督办")
    case = services.request_close(case, actor=handler, reply="已办结")
    stored = {f: getattr(_fresh(case), f) for f in ROLLUP_FIELDS}
    parts = sorted(
        CaseParticipant.objects.filter(case=case).values_list("org_id", "role", "due_on", "done_on", "active")
    )
    # Tamper with the rollup: the events still say what happened.
    Case.all_objects.filter(pk=case.pk).update(state=CaseState.REGISTERED, lead_org=None, supervised=False)
    CaseParticipant.objects.filter(case=case).delete()
    rebuild(_fresh(case))
    again = _fresh(case)
    assert {f: getattr(again, f) for f in ROLLUP_FIELDS} == stored
    assert (
        sorted(
            CaseParticipant.objects.filter(case=case).values_list(
                "org_id", "role", "due_on", "done_on", "active"
            )
        )
        == parts
    )
    fields, _rows = derive(again, list(again.events.order_by("id")))
    assert fields["state"] == CaseState.CLOSE_REQUESTED and fields["supervised"]


def test_a_lead_org_sees_the_case_but_its_scope_to_change_it_is_not_the_view_scope(tree, admin_a):
    """An org admin's change scope equals their view scope for most records, not for a case they
    see only as a participant: pages must not take "viewable" for "changeable" there."""
    village_admin = make_user("admin_v", "org_admin", tree["village_a"])
    case = services.assign_case(
        make_case(tree["town_a"]), actor=admin_a, lead=tree["village_a"], lead_days=10, start=date(2026, 3, 2)
    )
    assert Case.objects.restrict(village_admin, "view").filter(pk=case.pk).exists()
    assert not Case.objects.restrict(village_admin, "change").filter(pk=case.pk).exists()
    assert not Case.objects.get_queryset().same_scope_as_view(village_admin, "change")
    assert Case.objects.get_queryset().same_scope_as_view(village_admin, "export")
