"""Rules of casework: deadlines and escalation levels.

No public spec sets these figures; seed 004 describes the loop (交办、督办、查办一条龙) without
numbers, and PEERS.md §1.7 gives the common practice of ticketing systems (a warning at 80% of the
time, breach at the deadline, escalation levels, never send at night). They are therefore data:
``core.Setting`` key ``casework.escalation`` overrides ``ESCALATION_DEFAULTS`` (the page
"Escalation settings" says so)."""

from __future__ import annotations

from datetime import date, datetime, time

from orgwork.core import workdays

__all__ = [
    "MAX_DEADLINE_DAYS",
    "MAX_EXTENSION_DAYS",
    "ESCALATION_DEFAULTS",
    "LEVEL_REMIND",
    "LEVEL_OVERDUE",
    "LEVEL_COMMITTEE",
    "escalation_settings",
    "deadline_dates",
    "shift_dates",
    "level_due",
    "may_send_at",
]

# The longest deadline a case's handler may be given, and the longest single extension, in working
# days (no public spec: about a year, and half of it). The pages, the API and the settings take no
# more.
MAX_DEADLINE_DAYS = 250
MAX_EXTENSION_DAYS = 120

LEVEL_REMIND = 1  # reminder to the handler at ``remind_percent`` of the time (PEERS §1.7: 80%)
LEVEL_OVERDUE = 2  # overdue flag and a notice to the handler's superior org, at the deadline
LEVEL_COMMITTEE = 3  # notice to the supervising committee, ``committee_after_days`` working days overdue

ESCALATION_DEFAULTS = {
    "remind_percent": 80,
    "committee_after_days": 3,
    # Quiet hours (PEERS §1.7, Zammad #4432: escalation mails at midnight and at weekends):
    # notices go out only on working days between these times, local time.
    "send_from": "08:30",
    "send_until": "18:00",
}


def escalation_settings() -> dict:
    from orgwork.core.settings_store import get_setting

    return {**ESCALATION_DEFAULTS, **(get_setting("casework.escalation", {}) or {})}


def deadline_dates(start: date, days: int, conf: dict | None = None) -> dict:
    """The snapshot of a deadline set on ``start`` for ``days`` working days: the reminder day
    (``remind_percent`` of the days, at least one working day), the deadline, and the day the
    committee is told (``committee_after_days`` working days after the deadline)."""
    conf = conf or escalation_settings()
    days = max(1, int(days))
    remind_after = max(1, days * int(conf["remind_percent"]) // 100)
    due = workdays.add_workdays(start, days)
    return {
        "start": start.isoformat(),
        "days": days,
        "remind": workdays.add_workdays(start, min(remind_after, days)).isoformat(),
        "due": due.isoformat(),
        "escalate": workdays.add_workdays(due, int(conf["committee_after_days"])).isoformat(),
    }


def shift_dates(snap: dict, extra_days: int) -> dict:
    """A deadline snapshot moved ``extra_days`` working days later (a pause that ended, or an
    approved extension): every level moves by the same working days."""
    out = dict(snap)
    for key in ("remind", "due", "escalate"):
        out[key] = workdays.add_workdays(date.fromisoformat(snap[key]), extra_days).isoformat()
    out["days"] = int(snap.get("days", 0)) + extra_days
    return out


def level_due(today: date, remind_on, due_on, escalate_on) -> int:
    """The highest escalation level reached on ``today``: the reminder on its day, overdue the
    day after the deadline (the deadline day itself is still in time), the committee on its day."""
    if escalate_on and today >= escalate_on:
        return LEVEL_COMMITTEE
    if due_on and today > due_on:
        return LEVEL_OVERDUE
    if remind_on and today >= remind_on:
        return LEVEL_REMIND
    return 0


def _hm(text: str) -> time:
    h, m = text.split(":")
    return time(int(h), int(m))


def may_send_at(moment: datetime, conf: dict | None = None) -> bool:
    """Notices go out only on a working day within the sending hours (local time)."""
    conf = conf or escalation_settings()
    if not workdays.is_workday(moment.date()):
        return False
    t = moment.time()
    return _hm(conf["send_from"]) <= t < _hm(conf["send_until"])
