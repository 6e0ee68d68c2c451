"""The periodic escalation run: reminders and escalation levels of every open case.

Runs from a timer (``manage.py run_escalations``, or the django-tasks task ``run_escalations_task``
the command can enqueue), never when a page is read. It sends nothing outside working hours or on a
day off (``rules.may_send_at``): a run then does nothing, and the next run in working hours catches
up. Each level of each handling org fires once: the level reached is written as an ``escalate``
event (the truth) and as ``CaseParticipant.fired_level`` (its rollup), and a level is fired only
where ``fired_level`` is below it. Notices are one digest per recipient and level per run.
"""

from __future__ import annotations

import time
from collections import defaultdict

from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from orgwork.casework import rules
from orgwork.casework.choices import EventKind, ParticipantRole
from orgwork.casework.models import Case, CaseEvent, CaseParticipant

__all__ = ["run_escalations"]

BATCH = 5000


def _grant_index() -> dict[str, list[int]]:
    from orgwork.accounts.models import RoleGrant
    from orgwork.accounts.roles import Role

    idx: dict[str, list[int]] = defaultdict(list)
    for path, uid in RoleGrant.objects.filter(
        role__in=[Role.ORG_ADMIN, Role.ORG_STAFF], user__is_active=True
    ).values_list("org_path", "user_id"):
        if path:
            idx[path].append(uid)
    return idx


def _users_for(path: str, idx, cache) -> list[int]:
    """Users acting for the org at ``path``: its own, else its nearest ancestor's."""
    if path in cache:
        return cache[path]
    out: list[int] = []
    for i in range(len(path), 0, -4):
        if path[:i] in idx:
            out = idx[path[:i]]
            break
    cache[path] = out
    return out


def run_escalations(now=None, *, force: bool = False) -> dict:
    """Fire the escalation levels reached by ``now`` (default: the current time). Outside the
    sending hours or on a day off nothing happens unless ``force`` (tests, manual catch-up)."""
    t0 = time.perf_counter()
    now = timezone.localtime(now) if now else timezone.localtime()
    conf = rules.escalation_settings()
    if not force and not rules.may_send_at(now, conf):
        return {"skipped": True, "fired": 0, "seconds": round(time.perf_counter() - t0, 3)}
    today = now.date()
    due_q = (
        Q(remind_on__lte=today, fired_level__lt=rules.LEVEL_REMIND)
        | Q(due_on__lt=today, fired_level__lt=rules.LEVEL_OVERDUE)
        | Q(escalate_on__lte=today, fired_level__lt=rules.LEVEL_COMMITTEE)
    )
    rows = list(
        CaseParticipant.objects.filter(active=True, remind_on__lte=today)
        .filter(due_q)
        .values_list(
            "pk",
            "case_id",
            "org_id",
            "org_path",
            "role",
            "remind_on",
            "due_on",
            "escalate_on",
            "fired_level",
            "case__title",
            "case__org_path",
        )
    )
    if not rows:
        return {"skipped": False, "fired": 0, "seconds": round(time.perf_counter() - t0, 3)}
    supervisors = defaultdict(list)
    for case_id, path in CaseParticipant.objects.filter(
        role=ParticipantRole.SUPERVISOR, case_id__in={r[1] for r in rows}
    ).values_list("case_id", "org_path"):
        supervisors[case_id].append(path)
    idx, cache = _grant_index(), {}
    events, by_level = [], defaultdict(list)
    lead_level: dict[int, int] = {}
    digest: dict[tuple[int, int], list[tuple[int, str]]] = defaultdict(list)
    for pk, case_id, org_id, path, role, remind, due, esc, fired, title, case_path in rows:
        target = rules.level_due(today, remind, due, esc)
        if target <= fired:
            continue
        by_level[target].append(pk)
        if role == ParticipantRole.LEAD:
            lead_level[case_id] = target
        for level in range(fired + 1, target + 1):
            events.append(
                CaseEvent(
                    case_id=case_id,
                    kind=EventKind.ESCALATE,
                    at=now,
                    actor_name=_("system"),
                    org_id=org_id,
                    data={"level": level, "org": org_id, "role": role},
                )
            )
            if level == rules.LEVEL_REMIND:
                recipients = _users_for(path, idx, cache)
            elif level == rules.LEVEL_OVERDUE:
                recipients = _users_for(path, idx, cache) + _users_for(path[:-4] or path, idx, cache)
            else:
                recipients = []
                for sp in supervisors.get(case_id) or [case_path]:
                    recipients += _users_for(sp, idx, cache)
            for uid in set(recipients):
                digest[(uid, level)].append((case_id, title))
    with transaction.atomic():
        CaseEvent.objects.bulk_create(events, batch_size=BATCH)
        for level, pks in by_level.items():
            for i in range(0, len(pks), BATCH):
                CaseParticipant.objects.filter(pk__in=pks[i : i + BATCH], fired_level__lt=level).update(
                    fired_level=level
                )
        by_case_level = defaultdict(list)
        for case_id, level in lead_level.items():
            by_case_level[level].append(case_id)
        for level, ids in by_case_level.items():
            for i in range(0, len(ids), BATCH):
                Case.all_objects.filter(pk__in=ids[i : i + BATCH]).update(
                    escalation_level=level,
                    overdue=level >= rules.LEVEL_OVERDUE or F("overdue"),
                    last_event_at=now,
                )
        touched = {e.case_id for e in events} - set(lead_level)
        touched = list(touched)
        for i in range(0, len(touched), BATCH):
            Case.all_objects.filter(pk__in=touched[i : i + BATCH]).update(last_event_at=now)
        _send_digests(digest)
    return {
        "skipped": False,
        "fired": len(events),
        "participants": sum(len(v) for v in by_level.values()),
        "notices": len(digest),
        "seconds": round(time.perf_counter() - t0, 3),
    }


def _digest_title(level: int, n: int) -> tuple[str, str]:
    if level == rules.LEVEL_REMIND:
        return ngettext(
            "{n} case is nearing its deadline", "{n} cases are nearing their deadlines", n
        ), "info"
    if level == rules.LEVEL_OVERDUE:
        return ngettext("{n} case is overdue", "{n} cases are overdue", n), "warning"
    return (
        ngettext(
            "{n} case is overdue and escalated to the committee",
            "{n} cases are overdue and escalated to the committee",
            n,
        ),
        "danger",
    )


def _send_digests(digest) -> None:
    from orgwork.notifications.services import notify

    for (uid, level), items in sorted(digest.items()):
        n = len(items)
        title, severity = _digest_title(level, n)
        title = title.format(n=n)
        lines = [f"· {t}" for _cid, t in items[:10]]
        if n > 10:
            lines.append(_("… and {} more").format(n - 10))
        url = reverse("casework:my_cases") if level == rules.LEVEL_REMIND else reverse("casework:supervision")
        if n == 1:
            url = reverse("casework:case_detail", args=[items[0][0]])
        notify([uid], title, body="\n".join(lines), url=url, level=severity, source="casework")
