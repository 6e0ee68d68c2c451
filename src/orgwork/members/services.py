"""Verbs of the member registry. Each applies the rule it names (members.rules) and writes its
own audit rows; a refusal is a ``ValidationError`` whose message says why, in the user's words."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from orgwork.core import services as core_services
from orgwork.core.audit import record_change, snapshot
from orgwork.core.models import ChangeLogAction
from orgwork.core.workdays import add_workdays, workdays_between
from orgwork.members import rules
from orgwork.members.choices import (
    MembershipState,
    MemberStatus,
    Stage,
    Step,
    TransferKind,
    TransferState,
)
from orgwork.members.models import (
    Due,
    Meeting,
    MeetingAttendance,
    Member,
    Recruitment,
    RecruitmentStep,
    Transfer,
)
from orgwork.orgs.rules import add_months

__all__ = [
    "sync_person",
    "member_affiliations",
    "StepOutcome",
    "record_step",
    "extend_probation",
    "stop_recruitment",
    "next_step",
    "due_this_month",
    "generate_dues",
    "record_payment",
    "arrears",
    "lapse_alerts",
    "TRANSITIONS",
    "advance_transfer",
    "transfer_alerts",
    "count_attendance",
    "record_roll_call",
    "roll_for",
    "attendance_by_branch",
]

POLITICAL = {MemberStatus.FULL: "01", MemberStatus.PROBATIONARY: "02"}
ACTIVE_STATES = (MembershipState.NORMAL, MembershipState.SUSPENDED)


# ---------------------------------------------------------------- registry


def sync_person(member: Member, *, actor=None):
    """Keep ``Person.political_status`` in step with the member (01 正式 / 02 预备) while the
    membership is active, and the person attached to the member's branch. A member moved to the
    recycle bin, or who left the party, is no longer a party member: the person's status goes back
    to what it was before the membership (共青团员, 群众 …; 群众 when no earlier status is on
    record), and restoring the member sets it again. A member transferred out or deceased keeps it."""
    from orgwork.people.models import Person
    from orgwork.people.services import refresh_affiliations

    person = Person.objects.get(pk=member.person_id)
    party = set(POLITICAL.values())
    if member.deleted_at is None and member.membership_state in ACTIVE_STATES:
        wanted = POLITICAL.get(member.status)
    elif (
        member.deleted_at is not None or member.membership_state == MembershipState.LAPSED
    ) and person.political_status in party:
        wanted = _status_before_membership(person, party)
    else:
        wanted = None
    if wanted and person.political_status != wanted:
        before = snapshot(person)
        Person.objects.filter(pk=person.pk).update(political_status=wanted)
        person.political_status = wanted
        record_change(person, ChangeLogAction.UPDATE, actor=actor, before=before, note="members.sync_person")
    refresh_affiliations([member.person_id])


def _status_before_membership(person, party) -> str:
    """The person's last political status on record that was not a party one (the change log of
    the person), or 群众."""
    from django.contrib.contenttypes.models import ContentType

    from orgwork.core.models import ChangeLog
    from orgwork.people.choices import PoliticalStatus

    rows = ChangeLog.objects.filter(
        content_type=ContentType.objects.get_for_model(person, for_concrete_model=False),
        object_id=str(person.pk),
    ).order_by("-time", "-id")
    for before, after in rows.values_list("before", "after").iterator():
        for snap in (after, before):
            status = (snap or {}).get("political_status")
            if status and status not in party:
                return status
    return PoliticalStatus.MASSES


def member_affiliations(person_ids):
    """Affiliation source: a member with an active membership is attached to their branch."""
    qs = Member.objects.filter(membership_state__in=ACTIVE_STATES)
    if person_ids is not None:
        qs = qs.filter(person_id__in=person_ids)
    return [(p, o, path, "member") for p, o, path in qs.values_list("person_id", "org_id", "org_path")]


# The demo seed writes these rows itself (members.seed), after the base seed's SQL rebuild.
member_affiliations.seeded_by_module = True


# ---------------------------------------------------------------- 发展党员


@dataclass
class StepOutcome:
    step: RecruitmentStep
    warnings: list


def _done(recruitment, step):
    return recruitment.steps.filter(step=step).order_by("done_on").first()


def _refuse(msg):
    raise ValidationError(msg)


@transaction.atomic
def record_step(recruitment: Recruitment, step: int, *, done_on: date, actor, **data) -> StepOutcome:
    """Record one of the 25 steps (RULES.md §3.1), in order, with its rules:

    * step 3 (积极分子): after the talk (step 2); age ≥ 18 on the application (党章第一条);
    * step 7 (发展对象): ≥ 1 year (365 days) as an activist (细则第十三条);
    * step 15 (支部大会): 集中培训 ≥ 3 days or 24 学时 (第十七条); quorum (present > half of 应到)
      and majority (赞成 > half of 应到) (第二十条); the 公示 of ≥ 5 working days must be over;
    * step 17 (审批): within 6 months of the 支部大会 (refused after), a warning after 3 (第二十三条);
      the person becomes a probationary member of the branch, joined on the 支部大会 date;
    * step 23 (转正 meeting): not before the probation (1 year + extension) has ended; quorum and
      majority as above; step 24 (审批) makes the member a full member, confirmed on the day the
      probation ended (党龄 runs from it).
    """
    step = int(step)
    warnings: list[str] = []
    if recruitment.stage == Stage.STOPPED:
        _refuse(_("This recruitment has been stopped."))
    last = recruitment.last_step or 0
    if step != last + 1:
        _refuse(
            _("Step {step} cannot be recorded now: the next step is {next}.").format(
                step=step, next=Step(last + 1).label if last < 25 else "—"
            )
        )
    today = timezone.localdate()
    if done_on > today:
        _refuse(_("A step cannot be recorded in the future."))
    prev = _done(recruitment, last) if last else None
    if prev and done_on < prev.done_on:
        _refuse(_("This step cannot be dated before the previous one ({}).").format(prev.done_on))
    if step != Step.APPLICATION and done_on < recruitment.applied_on:
        _refuse(_("A step cannot be dated before the application."))
    pub_days = rules.publicity_workdays()
    before = snapshot(recruitment)
    person = recruitment.person

    if step == Step.APPLICATION and done_on != recruitment.applied_on:
        recruitment.applied_on = done_on
    if step in (Step.APPLICATION, Step.ACTIVIST_CHOSEN):
        if person.birth_date and rules.age_on(person.birth_date, recruitment.applied_on) < rules.MIN_AGE:
            _refuse(
                _(
                    "{name} was {age} on the date of application ({day}); an applicant must be at least 18 (党章第一条)."
                ).format(
                    name=person.name,
                    age=rules.age_on(person.birth_date, recruitment.applied_on),
                    day=recruitment.applied_on,
                )
            )
    if step == Step.TALK and done_on > add_months(recruitment.applied_on, rules.TALK_WITHIN_MONTHS):
        warnings.append(_("The talk came more than one month after the application (细则第六条)."))
    if step == Step.ACTIVIST_CHOSEN:
        recruitment.activist_on = done_on
        recruitment.stage = Stage.ACTIVIST
    if step == Step.CANDIDATE_CHOSEN:
        days = (done_on - recruitment.activist_on).days
        if days < rules.ACTIVIST_MIN_DAYS:
            _refuse(
                _(
                    "{name} has been an activist for {days} days (since {since}); a candidate for admission needs at least one year of training and assessment (细则第十三条). Earliest date: {earliest}."
                ).format(
                    name=person.name,
                    days=days,
                    since=recruitment.activist_on,
                    earliest=add_months(recruitment.activist_on, 12),
                )
            )
    if step == Step.CANDIDATE_FILED:
        # The date of becoming 发展对象 is the date the 上级党委 records it (RULES.md §3.1).
        recruitment.candidate_on = done_on
        recruitment.stage = Stage.CANDIDATE
    if step == Step.SPONSORS and data.get("people"):
        recruitment.sponsors = data["people"]
    if step == Step.MENTORS and data.get("people"):
        recruitment.mentors = data["people"]
    if step == Step.TRAINING:
        if data.get("training_days") is not None:
            recruitment.training_days = Decimal(str(data.pop("training_days")))
        if data.get("training_hours") is not None:
            recruitment.training_hours = int(data.pop("training_hours"))
    if step in (Step.ADMISSION_MEETING, Step.CONFIRMATION_MEETING):
        if step == Step.ADMISSION_MEETING and not (
            recruitment.training_days >= rules.TRAINING_MIN_DAYS
            or recruitment.training_hours >= rules.TRAINING_MIN_HOURS
        ):
            _refuse(
                _(
                    "{name} has {days} days / {hours} hours of concentrated training; at least 3 days or 24 hours are required before admission (细则第十七条)."
                ).format(name=person.name, days=recruitment.training_days, hours=recruitment.training_hours)
            )
        if step == Step.CONFIRMATION_MEETING and done_on < recruitment.probation_ends_on:
            _refuse(
                _(
                    "The probation of {name} ends on {end}; the branch meeting on confirmation cannot be held before."
                ).format(name=person.name, end=recruitment.probation_ends_on)
            )
        expected, present, favour = data.get("expected"), data.get("present"), data.get("in_favour")
        if expected is None or present is None or favour is None:
            _refuse(_("Record the members expected, present and in favour for the branch meeting."))
        if not rules.quorum_ok(expected, present):
            _refuse(
                _(
                    "Only {present} of {expected} voting members were present; more than half must attend (细则第二十条). The meeting cannot decide."
                ).format(present=present, expected=expected)
            )
        if not rules.majority_ok(expected, favour):
            _refuse(
                _(
                    "{favour} in favour of {expected} voting members expected: the resolution needs more than half of those who should attend (细则第二十条)."
                ).format(favour=favour, expected=expected)
            )
        pub_from, pub_to = data.get("publicity_from"), data.get("publicity_to")
        if pub_from:
            end = add_workdays(pub_from, pub_days - 1) if not pub_to else pub_to
            if workdays_between(pub_from, end) + 1 < pub_days:
                _refuse(
                    _("The publicity ran {n} working days; at least {min} are required.").format(
                        n=workdays_between(pub_from, end) + 1, min=pub_days
                    )
                )
            if end >= done_on:
                _refuse(
                    _(
                        "The publicity (from {start}, {n} working days) ends on {end}; the meeting must come after it."
                    ).format(start=pub_from, n=pub_days, end=end)
                )
            data["publicity_to"] = end
        if step == Step.ADMISSION_MEETING:
            recruitment.admitted_on = done_on
    if step == Step.ADMISSION_APPROVAL:
        limit = add_months(recruitment.admitted_on, rules.APPROVAL_MAX_MONTHS)
        if done_on > limit:
            _refuse(
                _(
                    "The approval comes more than 6 months after the branch meeting of {day}; the admission must be redone (细则第二十三条)."
                ).format(day=recruitment.admitted_on)
            )
        if done_on > add_months(recruitment.admitted_on, rules.APPROVAL_WARN_MONTHS):
            warnings.append(
                _(
                    "The approval came more than 3 months after the branch meeting; record the reason for the delay."
                )
            )
        recruitment.approved_on = done_on
        recruitment.stage = Stage.PROBATIONARY
        _make_member(recruitment, actor=actor)
    if step == Step.CONFIRMATION_APPROVAL:
        recruitment.confirmed_on = recruitment.probation_ends_on
        recruitment.stage = Stage.FULL
        _confirm_member(recruitment, actor=actor)
    if step == Step.ARCHIVED:
        recruitment.stage = Stage.FULL

    fields = {k: v for k, v in data.items() if k in {f.name for f in RecruitmentStep._meta.fields}}
    row = RecruitmentStep(recruitment=recruitment, step=step, done_on=done_on, **fields)
    core_services.create_object(row, actor=actor)
    recruitment.last_step = step
    recruitment.version += 1
    recruitment.full_clean()
    recruitment.save()
    record_change(recruitment, ChangeLogAction.UPDATE, actor=actor, before=before, note=Step(step).label)
    return StepOutcome(row, warnings)


def _make_member(recruitment, *, actor):
    existing = Member.all_objects.filter(person_id=recruitment.person_id).first()
    if existing is not None and existing.deleted_at is None and existing.membership_state in ACTIVE_STATES:
        _refuse(_("{} is already a party member.").format(recruitment.person))
    member = existing or Member(person_id=recruitment.person_id)
    member.org_id = recruitment.org_id
    member.status = MemberStatus.PROBATIONARY
    member.joined_on = recruitment.admitted_on
    member.confirmed_on = None
    member.membership_state = MembershipState.NORMAL
    if member.pk:
        member.deleted_at = None
        core_services.update_object(member, actor=actor)
    else:
        core_services.create_object(member, actor=actor)


def _confirm_member(recruitment, *, actor):
    member = Member.objects.get(person_id=recruitment.person_id)
    member.status = MemberStatus.FULL
    member.confirmed_on = recruitment.confirmed_on
    core_services.update_object(member, actor=actor)


@transaction.atomic
def extend_probation(recruitment: Recruitment, months: int, *, actor):
    """延长预备期 by 6 to 12 months (RULES.md §3.1), once, before the confirmation approval."""
    if recruitment.stage != Stage.PROBATIONARY:
        _refuse(_("Only a probationary member's probation can be extended."))
    if recruitment.extended_months:
        _refuse(_("The probation has already been extended once."))
    if not rules.EXTENSION_MIN_MONTHS <= int(months) <= rules.EXTENSION_MAX_MONTHS:
        _refuse(_("A probation is extended by at least 6 and at most 12 months."))
    before = snapshot(recruitment)
    recruitment.extended_months = int(months)
    recruitment.version += 1
    recruitment.save()
    record_change(recruitment, ChangeLogAction.UPDATE, actor=actor, before=before, note="extend_probation")
    return recruitment


@transaction.atomic
def stop_recruitment(recruitment: Recruitment, reason: str, *, actor):
    if recruitment.stage in (Stage.FULL, Stage.STOPPED):
        _refuse(_("This recruitment is already finished."))
    before = snapshot(recruitment)
    recruitment.stage = Stage.STOPPED
    recruitment.notes = (recruitment.notes + "\n" + reason).strip()
    recruitment.version += 1
    recruitment.save()
    record_change(recruitment, ChangeLogAction.UPDATE, actor=actor, before=before, note="stop")
    return recruitment


@dataclass
class DueItem:
    recruitment: Recruitment
    step: int
    label: str
    due_on: date | None
    overdue: bool
    note: str


def next_step(rec: Recruitment, today: date) -> DueItem | None:
    """The next step of ``rec`` and the date it becomes due (or falls due), by the rules."""
    last = rec.last_step or 0
    if rec.stage == Stage.STOPPED or last >= 25:
        return None
    step = last + 1
    due, note = None, ""
    if step == Step.TALK:
        due, note = (
            add_months(rec.applied_on, rules.TALK_WITHIN_MONTHS),
            _("talk within 1 month of the application"),
        )
    elif step == Step.CANDIDATE_CHOSEN and rec.activist_on:
        due, note = add_months(rec.activist_on, 12), _("1 year as an activist is completed")
    elif step in (Step.UPPER_TALK, Step.ADMISSION_APPROVAL, Step.ADMISSION_FILED) and rec.admitted_on:
        due, note = (
            add_months(rec.admitted_on, rules.APPROVAL_WARN_MONTHS),
            _("approval within 3 months of the branch meeting"),
        )
    elif step in (Step.CONFIRMATION_REQUEST, Step.CONFIRMATION_MEETING) and rec.admitted_on:
        due, note = rec.probation_ends_on, _("the probation ends")
    elif step in (Step.CONFIRMATION_APPROVAL, Step.ARCHIVED) and rec.probation_ends_on:
        due, note = (
            add_months(rec.probation_ends_on, 3),
            _("approval within 3 months of the end of probation"),
        )
    return DueItem(rec, step, Step(step).label, due, bool(due and due < today), note)


def due_this_month(recruitments, today: date | None = None):
    """Recruitments whose next step falls due by the end of this month (or is overdue), soonest first."""
    import calendar

    today = today or timezone.localdate()
    end = today.replace(day=calendar.monthrange(today.year, today.month)[1])
    items = []
    qs = recruitments.exclude(stage__in=[Stage.STOPPED]).exclude(last_step=25).select_related("person", "org")
    for rec in qs.iterator(chunk_size=2000):
        item = next_step(rec, today)
        if item and item.due_on and item.due_on <= end:
            items.append(item)
    items.sort(key=lambda i: (i.due_on, i.recruitment.org_path, i.recruitment.pk))
    return items


# ---------------------------------------------------------------- 党费


def month_start(d: date) -> date:
    return d.replace(day=1)


@transaction.atomic
def generate_dues(members, month: date, *, actor) -> int:
    """Create the dues rows of ``month`` for the active members in ``members`` who have none yet:
    the amount from each member's category and declared base (RULES.md §3.2). Returns rows made."""
    month = month_start(month)
    have = set(Due.objects.filter(month=month, member__in=members).values_list("member_id", flat=True))
    rows = []
    for m in members.filter(
        membership_state=MembershipState.NORMAL, joined_on__lte=month.replace(day=28)
    ).select_related("org"):
        if m.pk in have:
            continue
        rows.append(
            Due(
                member=m,
                org_id=m.org_id,
                org_path=m.org_path,
                month=month,
                base=m.dues_base,
                amount=rules.monthly_due(m.category, m.dues_base, m.dues_fixed),
            )
        )
    Due.objects.bulk_create(rows, batch_size=2000)
    from orgwork.core.audit import record_event

    record_event(
        ChangeLogAction.CREATE,
        actor=actor,
        note="dues {}: {} rows".format(month.strftime("%Y-%m"), len(rows)),
    )
    return len(rows)


@transaction.atomic
def record_payment(due: Due, amount, *, paid_on: date, actor, voluntary=0) -> Due:
    """Record a payment. Back-payment at most 6 months after the month (第十二条) needs no note;
    later it is refused. A voluntary extra of 1000 元 or more is flagged as going to the Centre."""
    amount, voluntary = Decimal(str(amount)), Decimal(str(voluntary or 0))
    if amount < 0 or voluntary < 0:
        _refuse(_("Amounts cannot be negative."))
    if paid_on < due.month:
        _refuse(_("Dues cannot be paid before their month."))
    if add_months(due.month, rules.BACK_PAYMENT_MONTHS + 1) <= paid_on:
        _refuse(
            _("Dues of {month} can be paid back at most 6 months late (规定第十二条).").format(
                month=due.month.strftime("%Y-%m")
            )
        )
    due.paid = due.paid + amount
    due.paid_on = paid_on
    due.voluntary = due.voluntary + voluntary
    if voluntary >= rules.VOLUNTARY_CENTRAL_THRESHOLD:
        due.notes = _("voluntary payment of 1000 yuan or more: goes wholly to the Centre")
    return core_services.update_object(due, actor=actor)


def arrears(dues_qs):
    """Unpaid or short-paid months in ``dues_qs``."""
    from django.db.models import F

    return dues_qs.filter(paid__lt=F("amount"))


def lapse_alerts(members, today: date | None = None):
    """Members whose last ``LAPSE_MONTHS`` months (before the current one) are all unpaid: the 6-month
    alert of 党章第九条 (自行脱党 unless there is a proper reason). Returns [(member, first unpaid month)]."""
    from django.db.models import Count, F, Min, Q

    today = today or timezone.localdate()
    last = add_months(month_start(today), -1)
    first = add_months(last, -(rules.LAPSE_MONTHS - 1))
    rows = (
        Due.objects.filter(member__in=members, month__gte=first, month__lte=last)
        .values("member_id")
        .annotate(
            n=Count("id"),
            unpaid=Count("id", filter=Q(paid__lt=F("amount"))),
            since=Min("month", filter=Q(paid__lt=F("amount"))),
        )
        .filter(n=rules.LAPSE_MONTHS, unpaid=rules.LAPSE_MONTHS)
    )
    since = {r["member_id"]: r["since"] for r in rows}
    out = Member.objects.filter(pk__in=since.keys()).select_related("person", "org").order_by("org_path")
    return [(m, since[m.pk]) for m in out]


# ---------------------------------------------------------------- 组织关系转接

# (from state, action) → (to state, side that may do it: "from" sending scope, "to" receiving scope).
TRANSITIONS = {
    (TransferState.APPLIED, "approve"): (TransferState.APPROVED, "from"),
    (TransferState.APPLIED, "withdraw"): (TransferState.WITHDRAWN, "from"),
    (TransferState.APPROVED, "issue"): (TransferState.ISSUED, "from"),
    (TransferState.APPROVED, "withdraw"): (TransferState.WITHDRAWN, "from"),
    (TransferState.ISSUED, "accept"): (TransferState.ACCEPTED, "to"),
    (TransferState.ISSUED, "return"): (TransferState.RETURNED, "to"),
    (TransferState.ISSUED, "cancel"): (TransferState.CANCELLED, "from"),
    (TransferState.ACCEPTED, "receipt"): (TransferState.RECEIPTED, "from"),
    (TransferState.RECEIPTED, "archive"): (TransferState.ARCHIVED, "from"),
    (TransferState.RETURNED, "issue"): (TransferState.ISSUED, "from"),
    (TransferState.RETURNED, "cancel"): (TransferState.CANCELLED, "from"),
}
ACTION_LABELS = {
    "approve": _("approve"),
    "issue": _("issue the letter"),
    "accept": _("accept"),
    "return": _("return"),
    "receipt": _("receipt returned"),
    "archive": _("archive"),
    "withdraw": _("withdraw"),
    "cancel": _("cancel"),
}


def _side_ok(transfer, side, user) -> bool:
    from orgwork.accounts.scope import has_action

    if user is None:
        return True
    if side == "to":
        if transfer.kind == TransferKind.OUT:  # the other side is outside: the sender records it
            return bool(transfer.org_path) and has_action(user, "change", transfer.org_path)
        return bool(transfer.to_org_path) and has_action(user, "change", transfer.to_org_path)
    if transfer.kind == TransferKind.IN:  # the sender is outside: the receiver records its steps
        return bool(transfer.to_org_path) and has_action(user, "change", transfer.to_org_path)
    return bool(transfer.org_path) and has_action(user, "change", transfer.org_path)


def allowed_actions(transfer, user) -> list[str]:
    return [
        a
        for (s, a), (_t, side) in TRANSITIONS.items()
        if s == transfer.state and _side_ok(transfer, side, user)
    ]


@transaction.atomic
def advance_transfer(
    transfer: Transfer, action: str, *, actor, on: date | None = None, note: str = ""
) -> Transfer:
    """Move a transfer along its state machine (RULES.md §3.3). The receiving side (in the
    receiving branch's scope) accepts or returns; the sending side does the rest. Accepting
    moves the member to the receiving branch (within / in) or ends the membership here (out:
    on the 回执). Each step is kept in ``history`` with who did it and when. A step of the other
    side is refused with ``PermissionDenied``, one the state does not allow with ``ValidationError``."""
    transfer = Transfer.all_objects.select_for_update().get(pk=transfer.pk)
    key = (transfer.state, action)
    if key not in TRANSITIONS:
        _refuse(
            _("“{action}” is not possible while the transfer is “{state}”.").format(
                action=ACTION_LABELS.get(action, action), state=transfer.get_state_display()
            )
        )
    target, side = TRANSITIONS[key]
    if not _side_ok(transfer, side, actor):
        raise PermissionDenied(
            _("Only the receiving branch can do this.")
            if side == "to"
            else _("Only the sending branch can do this.")
        )
    on = on or timezone.localdate()
    before = snapshot(transfer)
    if action == "issue":
        if transfer.valid_days > rules.LETTER_MAX_DAYS:
            _refuse(_("A letter is valid for at most 3 months."))
        transfer.issued_on = on
    if action == "accept":
        if transfer.expires_on and on > transfer.expires_on:
            _refuse(
                _("The letter expired on {}; the sending branch must issue it again.").format(
                    transfer.expires_on
                )
            )
        transfer.accepted_on = on
        _move_member(transfer, actor=actor)
    if action == "receipt":
        transfer.receipt_on = on
        if transfer.kind == TransferKind.OUT and transfer.member_id:
            m = Member.objects.get(pk=transfer.member_id)
            m.membership_state = MembershipState.TRANSFERRED_OUT
            core_services.update_object(m, actor=actor)
    transfer.state = target
    transfer.history = [
        *transfer.history,
        {
            "at": timezone.now().isoformat(timespec="seconds"),
            "on": on.isoformat(),
            "action": action,
            "state": target,
            "user": getattr(actor, "username", "") or "",
            "note": note,
        },
    ]
    transfer.version += 1
    transfer.save()
    record_change(transfer, ChangeLogAction.UPDATE, actor=actor, before=before, note=action)
    return transfer


def _move_member(transfer, *, actor):
    if transfer.kind == TransferKind.OUT:
        return
    member = Member.all_objects.filter(person_id=transfer.person_id).first()
    if member is None:
        _refuse(_("Register the member's data (joining date, status) before accepting."))
    member.org = transfer.to_org
    member.membership_state = MembershipState.NORMAL
    member.deleted_at = None
    core_services.update_object(member, actor=actor)
    if transfer.member_id is None:
        Transfer.objects.filter(pk=transfer.pk).update(member=member)
        transfer.member_id = member.pk


def transfer_alerts(transfers, today: date | None = None):
    """Letters expired without acceptance, and receipts more than 1 month overdue (RULES.md §3.3)."""
    today = today or timezone.localdate()
    out = []
    for t in transfers.filter(state__in=[TransferState.ISSUED, TransferState.ACCEPTED]).select_related(
        "person"
    ):
        if t.state == TransferState.ISSUED and t.expires_on and t.expires_on < today:
            out.append((t, _("letter expired on {}").format(t.expires_on)))
        if t.state == TransferState.ACCEPTED and t.receipt_due_on and t.receipt_due_on < today:
            out.append((t, _("receipt overdue since {}").format(t.receipt_due_on)))
    return out


# ---------------------------------------------------------------- attendance (三会一课)


def count_attendance(meeting_id):
    """A meeting with a roll: members expected = the roll, present = those marked present."""
    from django.db.models import Count, Q

    from orgwork.members.choices import AttendanceStatus

    row = MeetingAttendance.objects.filter(meeting_id=meeting_id).aggregate(
        n=Count("id"), present=Count("id", filter=Q(status=AttendanceStatus.PRESENT))
    )
    if row["n"]:
        Meeting.all_objects.filter(pk=meeting_id).update(expected=row["n"], present=row["present"])


def roll_for(meeting):
    """The roll of a meeting: each member of the branch on the meeting's day (joined by then,
    membership active) with the attendance recorded for them, if any; then anyone else on record."""
    from orgwork.core.paths import subtree_q

    recorded = {a.member_id: a for a in MeetingAttendance.objects.filter(meeting=meeting)}
    members = list(
        Member.objects.filter(
            subtree_q(meeting.org.path, "org_path"),
            joined_on__lte=meeting.held_on,
            membership_state__in=ACTIVE_STATES,
        )
        .select_related("person")
        .order_by("person__name_pinyin", "id")
    )
    seen = {m.pk for m in members}
    extra = [a.member for a in recorded.values() if a.member_id not in seen]
    return [(m, recorded.get(m.pk)) for m in members + extra]


@transaction.atomic
def record_roll_call(meeting, entries, *, actor):
    """Record the attendance of a meeting: ``entries`` maps a member id to ``(status, reason)``.
    Every row is validated (the reason of a leave, the member of the branch) before any is saved;
    a refusal names the member. Returns the number of rows written."""
    from orgwork.members.choices import AttendanceStatus

    existing = {a.member_id: a for a in MeetingAttendance.objects.filter(meeting=meeting)}
    members = Member.objects.in_bulk(list(entries))
    todo = []
    for member_id, (status, reason) in entries.items():
        member = members.get(member_id)
        if member is None or status not in AttendanceStatus.values:
            _refuse(_("Unknown member or attendance in the roll call."))
        row = existing.get(member_id) or MeetingAttendance(meeting=meeting, member=member)
        if row.pk and (row.status, row.reason) == (status, reason):
            continue
        row.status, row.reason = status, reason.strip()
        row.before_save()
        try:
            row.full_clean()
        except ValidationError as exc:
            _refuse("{}: {}".format(member, " ".join(exc.messages)))
        todo.append(row)
    for row in todo:
        if row.pk:
            core_services.update_object(row, actor=actor)
        else:
            core_services.create_object(row, actor=actor)
    return len(todo)


def attendance_by_branch(meetings):
    """Per branch of ``meetings``: (rows on the rolls, present, excused, absent)."""
    from django.db.models import Count, Q

    from orgwork.members.choices import AttendanceStatus

    out = {}
    for org_id, n, present, excused in (
        MeetingAttendance.objects.filter(meeting__in=meetings)
        .values_list("meeting__org_id")
        .annotate(
            n=Count("id"),
            present=Count("id", filter=Q(status=AttendanceStatus.PRESENT)),
            excused=Count("id", filter=Q(status=AttendanceStatus.EXCUSED)),
        )
        .order_by()
    ):
        out[org_id] = (n, present, excused, n - present - excused)
    return out
