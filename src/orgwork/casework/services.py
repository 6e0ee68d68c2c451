"""The verbs of the closed loop. Each writes one ``CaseEvent`` (the truth), rebuilds the rollup
(``casework.state``), audits the change and sends the notices it implies after commit.

Who may act (scope of the acting user, ``accounts.scope``):
- the assigning side (``change`` on the registering org): assign, verify, reopen, feedback,
  archive, approve an extension;
- the handlers (``change`` on the lead or a co-handling org): progress notes, closure request,
  co-handling part done, waiting on the raiser;
- a supervising org (``change`` on the registering org from an org above or equal to it):
  supervise, remind, demand a report.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from orgwork.accounts.scope import has_action
from orgwork.casework import rules
from orgwork.casework.choices import HANDLING_STATES, OPEN_STATES, CaseState, EventKind, ParticipantRole
from orgwork.casework.models import Case, CaseEvent
from orgwork.casework.state import rebuild
from orgwork.core import workdays
from orgwork.core.audit import record_change, snapshot
from orgwork.core.models import ChangeLogAction
from orgwork.core.services import create_object

__all__ = [
    "TransitionError",
    "register_case",
    "assign_case",
    "add_progress",
    "finish_co_part",
    "request_close",
    "verify_case",
    "reopen_case",
    "record_feedback",
    "record_raiser_rating",
    "archive_case",
    "pause_case",
    "resume_case",
    "extend_deadline",
    "supervise_case",
    "remind_case",
    "demand_report",
    "org_users",
    "ALLOWED",
]


class TransitionError(ValidationError):
    """The event is not allowed in the case's current state."""


# Which events each state allows (the state machine; tested for allowed and refused moves).
ALLOWED = {
    EventKind.ASSIGN: {CaseState.REGISTERED, CaseState.ASSIGNED, CaseState.IN_PROGRESS},
    EventKind.PROGRESS: set(HANDLING_STATES),
    EventKind.CO_DONE: set(HANDLING_STATES),
    EventKind.REQUEST_CLOSE: set(HANDLING_STATES),
    EventKind.VERIFY: {CaseState.CLOSE_REQUESTED},
    EventKind.REOPEN: {CaseState.CLOSE_REQUESTED, CaseState.VERIFIED, CaseState.FEEDBACK},
    EventKind.FEEDBACK: {CaseState.VERIFIED},
    EventKind.ARCHIVE: {CaseState.VERIFIED, CaseState.FEEDBACK},
    EventKind.PAUSE: set(HANDLING_STATES),
    EventKind.RESUME: set(HANDLING_STATES),
    EventKind.EXTEND: set(HANDLING_STATES),
    EventKind.SUPERVISE: set(OPEN_STATES),
    EventKind.REMIND: set(OPEN_STATES),
    EventKind.DEMAND_REPORT: set(OPEN_STATES),
}


def _check(case, kind):
    if case.state not in ALLOWED[kind]:
        raise TransitionError(
            _("“{event}” is not possible while the case is “{state}”.").format(
                event=EventKind(kind).label, state=CaseState(case.state).label
            )
        )


def _may(actor, path) -> bool:
    return actor is None or has_action(actor, "change", path)


def _require(ok):
    if not ok:
        raise PermissionDenied(_("You may not do this for this case."))


def _assigner(actor, case):
    _require(_may(actor, case.org_path))


def _handler(actor, case, roles=(ParticipantRole.LEAD, ParticipantRole.CO)):
    paths = [p.org_path for p in case.participants.all() if p.role in roles]
    _require(any(_may(actor, path) for path in paths))


def _event(case, kind, *, actor, org=None, note="", data=None, attachment=None, at=None, audit=True):
    case = Case.all_objects.select_for_update().get(pk=case.pk)
    before = snapshot(case)
    ev = CaseEvent(
        case=case,
        kind=kind,
        at=at or timezone.now(),
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=actor.get_username() if getattr(actor, "pk", None) else _("system"),
        org=org,
        note=note or "",
        data=data or {},
    )
    if attachment:
        ev.attachment = attachment
    ev.save()
    rebuild(case)
    if audit:
        case.version += 1
        Case.all_objects.filter(pk=case.pk).update(version=case.version)
        record_change(
            case,
            ChangeLogAction.UPDATE,
            actor=actor,
            before=before,
            after=snapshot(case),
            note=ev.get_kind_display(),
        )
    return case, ev


def org_users(orgs) -> list[int]:
    """Users who act for ``orgs``: those holding an org admin or staff grant on the org itself,
    else on its nearest ancestor that has any (a village branch without platform users is served
    by its township)."""
    from orgwork.accounts.models import RoleGrant
    from orgwork.accounts.roles import Role

    paths = [o.path for o in orgs if o is not None]
    if not paths:
        return []
    wanted = {p[:i] for p in paths for i in range(4, len(p) + 1, 4)}
    grants = RoleGrant.objects.filter(
        role__in=[Role.ORG_ADMIN, Role.ORG_STAFF], org_path__in=wanted, user__is_active=True
    ).values_list("org_path", "user_id")
    by_path: dict[str, list[int]] = {}
    for path, uid in grants:
        by_path.setdefault(path, []).append(uid)
    out = []
    for p in paths:
        for i in range(len(p), 0, -4):
            if p[:i] in by_path:
                out.extend(u for u in by_path[p[:i]] if u not in out)
                break
    return out


def _notify(case, orgs, title, *, body="", level="info", exclude=None):
    from orgwork.notifications.services import notify

    url = reverse("casework:case_detail", args=[case.pk])
    recipients = [u for u in org_users(orgs) if u != getattr(exclude, "pk", None)]
    transaction.on_commit(
        lambda: notify(recipients, title, body=body, url=url, level=level, source="casework")
    )


def _today():
    return timezone.localdate()


@transaction.atomic
def register_case(case: Case, *, actor, attachment=None) -> Case:
    """登记: a new case; its registering org is its home in the tree."""
    case = create_object(case, actor=actor)
    # The creation is audited by create_object; the event starts the history.
    _event(case, EventKind.REGISTER, actor=actor, org=case.org, audit=False, attachment=attachment)
    case.refresh_from_db()
    return case


@transaction.atomic
def assign_case(case, *, actor, lead, lead_days=None, co=(), note="", start: date | None = None):
    """交办: the lead org and the co-handling orgs, each with its own deadline in working days
    (snapshotted now: remind / due / committee dates, ``casework.rules.deadline_dates``).
    ``co`` is a list of (org, days or None). Assigning again replaces the handlers (改派)."""
    _assigner(actor, case)
    _check(case, EventKind.ASSIGN)
    start = start or _today()
    conf = rules.escalation_settings()
    days = int(lead_days or case.kind_spec.days_for(case.category))
    co_list = []
    for org, co_days in co:
        if org.pk == lead.pk:
            continue
        d = int(co_days or max(1, days - case.kind_spec.co_days_offset))
        co_list.append({"org": org.pk, **rules.deadline_dates(start, d, conf)})
    data = {"lead": {"org": lead.pk, **rules.deadline_dates(start, days, conf)}, "co": co_list}
    warnings = workdays.warnings_for(start, date.fromisoformat(data["lead"]["escalate"]))
    if warnings:
        data["calendar_warnings"] = warnings
    case, ev = _event(case, EventKind.ASSIGN, actor=actor, org=lead, note=note, data=data)
    from orgwork.orgs.models import Org

    co_orgs = list(Org.objects.filter(pk__in=[c["org"] for c in co_list]))
    _notify(
        case,
        [lead, *co_orgs],
        _("New case assigned: {}").format(case.title),
        body=_("Deadline: {}").format(data["lead"]["due"]),
        exclude=actor,
    )
    return case


@transaction.atomic
def add_progress(case, *, actor, note, attachment=None):
    """办理: a progress note of a handler."""
    _check(case, EventKind.PROGRESS)
    _handler(actor, case)
    if not (note or "").strip():
        raise ValidationError(_("Write what was done."))
    return _event(case, EventKind.PROGRESS, actor=actor, note=note, attachment=attachment)[0]


@transaction.atomic
def finish_co_part(case, *, actor, org, note=""):
    """A co-handling org reports its part done (to the lead)."""
    _check(case, EventKind.CO_DONE)
    _require(_may(actor, org.path) and case.participants.filter(org=org, role=ParticipantRole.CO).exists())
    case, ev = _event(case, EventKind.CO_DONE, actor=actor, org=org, note=note, data={"org": org.pk})
    return case


@transaction.atomic
def request_close(case, *, actor, reply, attachment=None):
    """办结申请: the lead org's reply (and evidence); the assigning side verifies next."""
    _check(case, EventKind.REQUEST_CLOSE)
    _handler(actor, case, roles=(ParticipantRole.LEAD,))
    if not (reply or "").strip():
        raise ValidationError(_("Write the reply to the raiser."))
    case, ev = _event(case, EventKind.REQUEST_CLOSE, actor=actor, note=reply, attachment=attachment)
    _notify(case, [case.org], _("Closure requested, please verify: {}").format(case.title), exclude=actor)
    return case


@transaction.atomic
def verify_case(case, *, actor, note=""):
    """查办/核验 passed: the case counts as closed on the day the closure was requested; whether on
    time and the working days it took are snapshotted now."""
    _assigner(actor, case)
    _check(case, EventKind.VERIFY)
    done = case.close_requested_on or _today()
    data = {
        "on_time": bool(case.due_on is None or done <= case.due_on),
        "workdays": max(0, workdays.workdays_between(case.assigned_on, done)) if case.assigned_on else None,
    }
    return _event(case, EventKind.VERIFY, actor=actor, note=note, data=data)[0]


@transaction.atomic
def reopen_case(case, *, actor, reason, extra_days=None):
    """查办 not passed (or the raiser is dissatisfied): back to the lead org, with the reason. The
    deadline stays unless the assigner gives new working days (recorded in the event)."""
    _assigner(actor, case)
    _check(case, EventKind.REOPEN)
    if not (reason or "").strip():
        raise ValidationError(_("Give the reason for reopening."))
    data = {}
    if extra_days:
        data["lead"] = rules.deadline_dates(_today(), int(extra_days))
    case, ev = _event(case, EventKind.REOPEN, actor=actor, note=reason, data=data)
    _notify(case, [case.lead_org], _("Case reopened: {}").format(case.title), body=reason, level="warning")
    return case


@transaction.atomic
def record_feedback(case, *, actor, satisfaction: int, note=""):
    """反馈: the raiser's satisfaction (3 satisfied, 2 fairly, 1 dissatisfied)."""
    _assigner(actor, case)
    _check(case, EventKind.FEEDBACK)
    if int(satisfaction) not in (1, 2, 3):
        raise ValidationError(_("Choose the raiser's satisfaction."))
    return _event(case, EventKind.FEEDBACK, actor=actor, note=note, data={"satisfaction": int(satisfaction)})[
        0
    ]


# A raiser's own 1–5 rating (self-service) mapped onto the three satisfaction grades the statistics
# count: 4–5 satisfied, 3 fairly satisfied, 1–2 dissatisfied. The rating itself stays in the event.
RATING_SATISFACTION = {5: 3, 4: 3, 3: 2, 2: 1, 1: 1}


@transaction.atomic
def record_raiser_rating(case, *, actor, rating: int, note=""):
    """反馈 by the raiser themselves (the self-service pages): only the user linked to the raising
    person rates, once the case is verified closed; it is the same feedback event as
    ``record_feedback``, so the statistics count it."""
    _require(getattr(actor, "person_id", None) is not None and actor.person_id == case.raised_by_person_id)
    _check(case, EventKind.FEEDBACK)
    try:
        rating = int(rating)
    except (TypeError, ValueError):
        rating = 0
    if rating not in RATING_SATISFACTION:
        raise ValidationError(_("Choose a rating from 1 to 5."))
    data = {"satisfaction": RATING_SATISFACTION[rating], "rating": rating, "by_raiser": True}
    return _event(case, EventKind.FEEDBACK, actor=actor, note=(note or "").strip(), data=data)[0]


@transaction.atomic
def archive_case(case, *, actor, note=""):
    """归档."""
    _assigner(actor, case)
    _check(case, EventKind.ARCHIVE)
    return _event(case, EventKind.ARCHIVE, actor=actor, note=note)[0]


@transaction.atomic
def pause_case(case, *, actor, note):
    """Waiting on the raiser (material, an appointment): the handlers' clocks stop."""
    _check(case, EventKind.PAUSE)
    if case.paused:
        raise TransitionError(_("The case is already waiting on the raiser."))
    _require(
        _may(actor, case.org_path)
        or any(_may(actor, p.org_path) for p in case.participants.all() if p.role == ParticipantRole.LEAD)
    )
    if not (note or "").strip():
        raise ValidationError(_("Say what the raiser is asked for."))
    return _event(case, EventKind.PAUSE, actor=actor, note=note, data={"since": _today().isoformat()})[0]


@transaction.atomic
def resume_case(case, *, actor, note=""):
    """The raiser answered: every running deadline moves by the working days spent waiting."""
    if not case.paused:
        raise TransitionError(_("The case is not waiting on the raiser."))
    _require(
        _may(actor, case.org_path)
        or any(_may(actor, p.org_path) for p in case.participants.all() if p.role == ParticipantRole.LEAD)
    )
    since = case.events.filter(kind=EventKind.PAUSE).order_by("-at", "-id").first()
    start = date.fromisoformat(since.data["since"]) if since else _today()
    waited = max(0, workdays.workdays_between(start, _today()))
    shift = {}
    for p in case.participants.all():
        if p.role in (ParticipantRole.LEAD, ParticipantRole.CO) and p.due_on and p.done_on is None:
            snap = {
                "remind": p.remind_on.isoformat(),
                "due": p.due_on.isoformat(),
                "escalate": p.escalate_on.isoformat(),
            }
            shift[f"{p.org_id}:{p.role}"] = rules.shift_dates(snap, waited) if waited else snap
    return _event(case, EventKind.RESUME, actor=actor, note=note, data={"waited": waited, "shift": shift})[0]


@transaction.atomic
def extend_deadline(case, *, actor, org, days: int, note):
    """An approved extension (only the assigning side approves; the approval is this event)."""
    _assigner(actor, case)
    _check(case, EventKind.EXTEND)
    part = case.participants.filter(org=org, role__in=[ParticipantRole.LEAD, ParticipantRole.CO]).first()
    if part is None or part.due_on is None:
        raise ValidationError(_("This organization has no deadline in this case."))
    if int(days) < 1:
        raise ValidationError(_("Extend by at least one working day."))
    if not (note or "").strip():
        raise ValidationError(_("Give the reason for the extension."))
    snap = {
        "remind": part.remind_on.isoformat(),
        "due": part.due_on.isoformat(),
        "escalate": part.escalate_on.isoformat(),
    }
    data = {
        "org": org.pk,
        "role": part.role,
        "days": int(days),
        "approved_by": actor.get_username() if actor else "",
        "snap": rules.shift_dates(snap, int(days)),
    }
    case, ev = _event(case, EventKind.EXTEND, actor=actor, org=org, note=note, data=data)
    _notify(case, [org], _("Deadline extended to {}: {}").format(data["snap"]["due"], case.title))
    return case


def _supervising_org(actor, case, org=None):
    from orgwork.accounts.scope import scope_prefixes
    from orgwork.orgs.models import Org

    if org is not None:
        _require(_may(actor, org.path) and case.org_path.startswith(org.path))
        return org
    prefixes = [p for p in scope_prefixes(actor, "change") if case.org_path.startswith(p)]
    _require(prefixes)
    return Org.objects.get(path=prefixes[0])


@transaction.atomic
def supervise_case(case, *, actor, org=None, note=""):
    """督办: the supervising org puts the case under supervision (it then sees it in its list)."""
    _check(case, EventKind.SUPERVISE)
    org = _supervising_org(actor, case, org)
    case, ev = _event(case, EventKind.SUPERVISE, actor=actor, org=org, note=note, data={"org": org.pk})
    _notify(
        case,
        [case.lead_org] if case.lead_org else [case.org],
        _("Case under supervision: {}").format(case.title),
        body=note,
        level="warning",
    )
    return case


@transaction.atomic
def remind_case(case, *, actor, note):
    """督办 reminder from the supervising org to the handlers."""
    _check(case, EventKind.REMIND)
    org = _supervising_org(actor, case)
    case, ev = _event(case, EventKind.REMIND, actor=actor, org=org, note=note)
    handlers = [
        p.org
        for p in case.participants.select_related("org")
        if p.role in (ParticipantRole.LEAD, ParticipantRole.CO)
    ]
    _notify(
        case,
        handlers or [case.org],
        _("Supervision reminder: {}").format(case.title),
        body=note,
        level="warning",
    )
    return case


@transaction.atomic
def demand_report(case, *, actor, by: date, note=""):
    """督办: the supervising org demands a written report by a date."""
    _check(case, EventKind.DEMAND_REPORT)
    org = _supervising_org(actor, case)
    case, ev = _event(
        case, EventKind.DEMAND_REPORT, actor=actor, org=org, note=note, data={"by": by.isoformat()}
    )
    handlers = [p.org for p in case.participants.select_related("org") if p.role == ParticipantRole.LEAD]
    _notify(
        case,
        handlers or [case.org],
        _("Report demanded by {}: {}").format(by.isoformat(), case.title),
        body=note,
        level="warning",
    )
    return case
