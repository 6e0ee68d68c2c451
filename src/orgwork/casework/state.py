"""The current state of a case, derived from its history.

``derive(case, events)`` is a pure function of the events (each event carries the figures it set —
deadline snapshots, working days — so a later change of the holiday table does not rewrite the
past). ``rebuild(case)`` writes the result as the rollup columns of ``Case`` and the
``CaseParticipant`` rows; services call it after every event.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from orgwork.casework.choices import HANDLING_STATES, OPEN_STATES, CaseState, EventKind, ParticipantRole

__all__ = ["derive", "rebuild", "ROLLUP_FIELDS"]

ROLLUP_FIELDS = (
    "state",
    "lead_org_id",
    "assigned_on",
    "due_on",
    "paused",
    "supervised",
    "overdue",
    "escalation_level",
    "close_requested_on",
    "closed_on",
    "closed_on_time",
    "workdays_to_close",
    "reopen_count",
    "satisfaction",
    "archived_on",
    "last_event_at",
)


def _d(value):
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def _day(at) -> date:
    return timezone.localdate(at) if timezone.is_aware(at) else at.date()


def _part(org_id, role, snap=None):
    snap = snap or {}
    return {
        "org_id": org_id,
        "role": role,
        "assigned_on": _d(snap.get("start")),
        "remind_on": _d(snap.get("remind")),
        "due_on": _d(snap.get("due")),
        "escalate_on": _d(snap.get("escalate")),
        "done_on": None,
        "fired_level": 0,
    }


def _apply_snap(part, snap):
    part["remind_on"] = _d(snap.get("remind"))
    part["due_on"] = _d(snap.get("due"))
    part["escalate_on"] = _d(snap.get("escalate"))
    # A new deadline starts the levels again from those not yet reached.
    part["fired_level"] = 0


def derive(case, events) -> tuple[dict, list[dict]]:
    """(rollup fields of the case, participant rows) after ``events`` (in order)."""
    s = {
        "state": CaseState.REGISTERED,
        "lead_org_id": None,
        "assigned_on": None,
        "due_on": None,
        "paused": False,
        "supervised": False,
        "overdue": False,
        "escalation_level": 0,
        "close_requested_on": None,
        "closed_on": None,
        "closed_on_time": None,
        "workdays_to_close": None,
        "reopen_count": 0,
        "satisfaction": None,
        "archived_on": None,
        "last_event_at": None,
    }
    parts: dict[tuple, dict] = {
        (case.org_id, ParticipantRole.OWNER): _part(case.org_id, ParticipantRole.OWNER)
    }
    for ev in events:
        k, data, day = ev.kind, ev.data or {}, _day(ev.at)
        s["last_event_at"] = ev.at
        if k == EventKind.ASSIGN:
            for key in [key for key in parts if key[1] in (ParticipantRole.LEAD, ParticipantRole.CO)]:
                del parts[key]
            lead = data["lead"]
            parts[(lead["org"], ParticipantRole.LEAD)] = _part(lead["org"], ParticipantRole.LEAD, lead)
            for co in data.get("co", []):
                parts[(co["org"], ParticipantRole.CO)] = _part(co["org"], ParticipantRole.CO, co)
            s.update(
                state=CaseState.ASSIGNED,
                lead_org_id=lead["org"],
                assigned_on=_d(lead["start"]),
                due_on=_d(lead["due"]),
                overdue=False,
                escalation_level=0,
            )
        elif k == EventKind.PROGRESS:
            if s["state"] == CaseState.ASSIGNED:
                s["state"] = CaseState.IN_PROGRESS
        elif k == EventKind.CO_DONE:
            p = parts.get((data.get("org"), ParticipantRole.CO))
            if p:
                p["done_on"] = day
        elif k == EventKind.REQUEST_CLOSE:
            s.update(state=CaseState.CLOSE_REQUESTED, close_requested_on=day)
            for p in parts.values():
                if p["role"] in (ParticipantRole.LEAD, ParticipantRole.CO) and p["done_on"] is None:
                    p["done_on"] = day
        elif k == EventKind.VERIFY:
            s.update(
                state=CaseState.VERIFIED,
                closed_on=s["close_requested_on"] or day,
                closed_on_time=data.get("on_time"),
                workdays_to_close=data.get("workdays"),
            )
        elif k == EventKind.REOPEN:
            s.update(
                state=CaseState.IN_PROGRESS,
                close_requested_on=None,
                closed_on=None,
                closed_on_time=None,
                workdays_to_close=None,
                satisfaction=None,
                reopen_count=s["reopen_count"] + 1,
            )
            for p in parts.values():
                if p["role"] in (ParticipantRole.LEAD, ParticipantRole.CO):
                    p["done_on"] = None
            lead = parts.get((s["lead_org_id"], ParticipantRole.LEAD))
            if lead and data.get("lead"):
                _apply_snap(lead, data["lead"])
                s["due_on"] = lead["due_on"]
        elif k == EventKind.FEEDBACK:
            s.update(state=CaseState.FEEDBACK, satisfaction=data.get("satisfaction"))
        elif k == EventKind.ARCHIVE:
            s.update(state=CaseState.ARCHIVED, archived_on=day)
        elif k == EventKind.PAUSE:
            s["paused"] = True
        elif k == EventKind.RESUME:
            s["paused"] = False
            for key, snap in (data.get("shift") or {}).items():
                org_id, role = key.split(":")
                p = parts.get((int(org_id), role))
                if p:
                    p["remind_on"], p["due_on"], p["escalate_on"] = (
                        _d(snap["remind"]),
                        _d(snap["due"]),
                        _d(snap["escalate"]),
                    )
                    if role == ParticipantRole.LEAD:
                        s["due_on"] = p["due_on"]
        elif k == EventKind.EXTEND:
            p = parts.get((data["org"], data["role"]))
            if p:
                _apply_snap(p, data["snap"])
                if data["role"] == ParticipantRole.LEAD:
                    s["due_on"] = p["due_on"]
                    s["overdue"] = False
        elif k == EventKind.SUPERVISE:
            s["supervised"] = True
            parts.setdefault(
                (data["org"], ParticipantRole.SUPERVISOR), _part(data["org"], ParticipantRole.SUPERVISOR)
            )
        elif k == EventKind.ESCALATE:
            level = int(data["level"])
            p = parts.get((data["org"], data.get("role", ParticipantRole.LEAD)))
            if p:
                p["fired_level"] = max(p["fired_level"], level)
            if level >= 2 and data.get("role", ParticipantRole.LEAD) == ParticipantRole.LEAD:
                s["overdue"] = True
    s["escalation_level"] = max(
        [p["fired_level"] for p in parts.values() if p["role"] == ParticipantRole.LEAD] or [0]
    )
    if s["state"] not in OPEN_STATES:
        s["paused"] = False
    rows = []
    for p in parts.values():
        p = dict(p)
        p["active"] = (
            p["role"] in (ParticipantRole.LEAD, ParticipantRole.CO)
            and s["state"] in HANDLING_STATES
            and p["done_on"] is None
            and not s["paused"]
        )
        rows.append(p)
    return s, rows


def rebuild(case) -> dict:
    """Write the rollup of ``case`` from its events; returns the fields."""
    from orgwork.casework.models import Case, CaseParticipant
    from orgwork.orgs.models import Org

    # Insertion order is the order things happened (a backdated event keeps its place).
    events = list(case.events.order_by("id"))
    fields, rows = derive(case, events)
    Case.all_objects.filter(pk=case.pk).update(**fields)
    for name, value in fields.items():
        setattr(case, name, value)
    paths = dict(Org.all_objects.filter(pk__in={r["org_id"] for r in rows}).values_list("pk", "path"))
    CaseParticipant.objects.filter(case_id=case.pk).delete()
    CaseParticipant.objects.bulk_create(
        [CaseParticipant(case_id=case.pk, org_path=paths.get(r["org_id"], ""), **r) for r in rows]
    )
    return fields
