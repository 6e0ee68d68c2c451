"""Verbs and figures of talent work. Each verb is atomic and audited; figures are computed from the
registry, never typed in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import ExtractYear, Substr
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from orgwork.accounts.scope import has_action
from orgwork.core.paths import STEP, subtrees_q
from orgwork.core.services import update_object
from orgwork.talent import rules
from orgwork.talent.choices import AwardStatus, CardStatus, Origin, ProgramKind, TalentCategory
from orgwork.talent.models import (
    Award,
    Challenge,
    ContactLog,
    LiaisonPair,
    Talent,
    TalentCard,
    TalentProgram,
    Tranche,
    _add_years,
)

__all__ = [
    "BudgetExceeded",
    "award_funding",
    "decline_application",
    "pay_tranche",
    "issue_card",
    "renew_card",
    "revoke_card",
    "file_service_request",
    "service_requests_of",
    "pairs_without_contact",
    "plan_progress",
    "PLAN_MEASURES",
    "talent_map",
    "MAP_DIMENSIONS",
    "challenge_board",
]


class BudgetExceeded(ValidationError):
    """An award would commit more than the program's budget."""


@transaction.atomic
def award_funding(award: Award, amount, *, actor, on: date | None = None) -> Award:
    """Award ``amount`` (万元) to an application: the program's budget is never over-committed.
    The program row is locked (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite serialises writers)
    before the committed sum is read, so two awards at once cannot both pass the check."""
    amount = Decimal(str(amount))
    if amount <= 0:
        raise ValidationError(_("The amount must be greater than zero."))
    program = TalentProgram.all_objects.select_for_update().get(pk=award.program_id)
    award = Award.all_objects.select_for_update().get(pk=award.pk)
    if award.status != AwardStatus.APPLIED:
        raise ValidationError(_("Only an application not yet decided can be awarded."))
    committed = program.committed()
    if committed + amount > program.budget:
        raise BudgetExceeded(
            _(
                "The award of {amount} 万元 would exceed the program's budget: {budget} 万元, "
                "of which {committed} 万元 is already committed."
            ).format(amount=amount, budget=program.budget, committed=committed)
        )
    award.status = AwardStatus.AWARDED
    award.amount = amount
    award.awarded_on = on or timezone.localdate()
    return update_object(award, actor=actor)


@transaction.atomic
def pay_tranche(tranche: Tranche, *, actor, amount=None, on: date | None = None) -> Tranche:
    """拨付: pay a tranche against its milestone — ``amount`` (万元; default the tranche's amount)
    on ``on`` (default today). A tranche is paid once, never more than its amount, and the payments
    of an award never add up to more than the amount awarded. The award row is locked first, so two
    payments of one award at once cannot both pass the check. Audited as the tranche's change."""
    award = Award.all_objects.select_for_update().get(pk=tranche.award_id)
    tranche = Tranche.all_objects.select_for_update().get(pk=tranche.pk)
    if actor is not None and not has_action(actor, "change", tranche.org_path):
        raise PermissionDenied(_("You may not pay tranches of this award."))
    if tranche.paid_on is not None:
        raise ValidationError(
            _("This tranche was already paid on {} ({} 万元).").format(tranche.paid_on, tranche.paid_amount)
        )
    if award.status != AwardStatus.AWARDED:
        raise ValidationError(_("Only an awarded application is paid in tranches."))
    amount = tranche.amount if amount in (None, "") else Decimal(str(amount))
    if amount <= 0:
        raise ValidationError(_("The amount must be greater than zero."))
    if amount > tranche.amount:
        raise ValidationError(
            _("The payment of {amount} 万元 is more than the tranche's {tranche} 万元.").format(
                amount=amount, tranche=tranche.amount
            )
        )
    paid = Tranche.all_objects.filter(award=award, paid_on__isnull=False, deleted_at__isnull=True).aggregate(
        s=Sum("paid_amount")
    )["s"] or Decimal("0")
    if paid + amount > (award.amount or 0):
        raise ValidationError(
            _(
                "The payment of {amount} 万元 would exceed the amount awarded: {awarded} 万元, "
                "of which {paid} 万元 is already paid."
            ).format(amount=amount, awarded=award.amount, paid=paid)
        )
    on = on or timezone.localdate()
    if on > timezone.localdate():
        raise ValidationError(_("A payment cannot be dated in the future."))
    tranche.paid_on = on
    tranche.paid_amount = amount
    return update_object(tranche, actor=actor)


@transaction.atomic
def decline_application(award: Award, *, actor) -> Award:
    """An application not awarded (落选)."""
    award = Award.all_objects.select_for_update().get(pk=award.pk)
    if award.status != AwardStatus.APPLIED:
        raise ValidationError(_("Only an application not yet decided can be declined."))
    award.status = AwardStatus.DECLINED
    return update_object(award, actor=actor)


# ------------------------------------------------------------------------------------ cards


@transaction.atomic
def issue_card(talent: Talent, *, actor, on: date | None = None, number: str = "") -> TalentCard:
    """发卡: the tier follows the talent's level (``rules.levels``), valid ``CARD_VALID_YEARS``."""
    from orgwork.core.services import create_object

    return create_object(
        TalentCard(talent=talent, issued_on=on or timezone.localdate(), number=number), actor=actor
    )


@transaction.atomic
def renew_card(card: TalentCard, *, actor, on: date | None = None) -> TalentCard:
    """续期: valid again for ``CARD_VALID_YEARS`` from ``on``; the tier follows the talent's level
    as it is now (a talent promoted to class A gets the gold card's benefits)."""
    card = TalentCard.all_objects.select_for_update().get(pk=card.pk)
    if card.status != CardStatus.ACTIVE:
        raise ValidationError(_("A revoked card cannot be renewed; issue a new one."))
    spec = card.talent.level_spec
    if spec is None or not spec.card_tier:
        raise ValidationError(_("Talents of this level do not receive a talent card."))
    on = on or timezone.localdate()
    card.tier = spec.card_tier
    card.expires_on = _add_years(max(on, card.expires_on or on), rules.CARD_VALID_YEARS)
    return update_object(card, actor=actor)


@transaction.atomic
def revoke_card(card: TalentCard, *, actor, reason: str, on: date | None = None) -> TalentCard:
    """注销: the card stops giving benefits from ``on``; its history stays."""
    if not (reason or "").strip():
        raise ValidationError(_("Give the reason for revoking the card."))
    card = TalentCard.all_objects.select_for_update().get(pk=card.pk)
    if card.status != CardStatus.ACTIVE:
        raise ValidationError(_("This card is already revoked."))
    card.status = CardStatus.REVOKED
    card.revoked_on = on or timezone.localdate()
    card.revoke_reason = reason.strip()
    return update_object(card, actor=actor)


# ------------------------------------------------------------------------------------ services


@transaction.atomic
def file_service_request(
    talent: Talent,
    *,
    actor,
    category: str,
    title: str,
    description: str,
    source: str = "talent_office",
    lead=None,
    lead_days: int | None = None,
    start: date | None = None,
    raised_on: date | None = None,
):
    """一站式服务: a service request of the talent is a case of kind ``talent_service`` raised by
    the talent's person and registered by the org serving the talent; given the responsible
    department (``lead``), it is assigned at once with the category's working-day deadline.
    The talent files their own (the self-service pages) as the user linked to their person: no
    grant needed, source "the talent", and the talent office assigns it."""
    from orgwork.casework.models import Case
    from orgwork.casework.services import assign_case, register_case

    is_self = actor is not None and getattr(actor, "person_id", None) == talent.person_id
    if actor is not None and not is_self and not has_action(actor, "add", talent.org_path):
        raise PermissionDenied(_("You may not file requests for this talent."))
    by_talent = is_self and not has_action(actor, "add", talent.org_path)
    if by_talent:
        source, lead = "talent", None
    case = register_case(
        Case(
            kind=rules.SERVICE_KIND,
            title=title,
            description=description,
            source=source,
            category=category,
            raised_by_name=talent.person.name,
            raised_by_person=talent.person,
            raised_phone=talent.phone,
            raised_on=raised_on or timezone.localdate(),
            org=talent.org,
        ),
        actor=actor,
    )
    if lead is not None:
        case = assign_case(case, actor=actor, lead=lead, lead_days=lead_days, start=start)
    if by_talent:
        _tell_office(case)
    return case


def _tell_office(case) -> None:
    """A talent filed a request themselves: the users acting for the serving org are told, so it
    gets assigned (after the commit: a rolled-back request tells nobody)."""
    from django.urls import reverse

    from orgwork.casework.services import org_users
    from orgwork.notifications.services import notify

    recipients = org_users([case.org])
    title = _("New service request from a talent: {}").format(case.title)
    url = reverse("casework:case_detail", args=[case.pk])
    transaction.on_commit(lambda: notify(recipients, title, url=url, source="talent"))


def service_requests_of(talent: Talent):
    from orgwork.casework.models import Case

    return Case.objects.filter(kind=rules.SERVICE_KIND, raised_by_person_id=talent.person_id).order_by(
        "-raised_on", "-pk"
    )


# ------------------------------------------------------------------------------------ liaison


def pairs_without_contact(prefixes, on: date | None = None):
    """Active pairs in the subtrees with no contact record in the quarter of ``on`` (联系服务
    at least once a quarter; no public spec, the usual local rule)."""
    on = on or timezone.localdate()
    first, last = rules.quarter_bounds(on)
    contacted = ContactLog.objects.filter(pair=OuterRef("pk"), date__gte=first, date__lte=last)
    return (
        LiaisonPair.objects.filter(subtrees_q(prefixes, "org_path"), started_on__lte=last)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=first))
        .exclude(Exists(contacted))
        .select_related("leader", "talent__person", "org")
        .order_by("org_path", "pk")
    )


# ------------------------------------------------------------------------------------ plan


@dataclass(frozen=True)
class Measure:
    code: str
    label: object
    note: object


PLAN_MEASURES = {
    "high_level": Measure(
        "high_level",
        gettext_lazy("high-level talents introduced"),
        gettext_lazy("Talents of a high-level tier who arrived in the year."),
    ),
    "overseas": Measure(
        "overseas",
        gettext_lazy("overseas professionals introduced"),
        gettext_lazy("Talents of the category overseas professional who arrived in the year."),
    ),
    "national": Measure(
        "national",
        gettext_lazy("national-level experts"),
        gettext_lazy(
            "Talents of a national tier, or holding an award of a national program, who arrived in the year."
        ),
    ),
    "shuangchuang": Measure(
        "shuangchuang",
        gettext_lazy("provincial innovation and entrepreneurship talents"),
        gettext_lazy(
            "Talents first awarded by a provincial innovation and entrepreneurship program in the year."
        ),
    ),
}


def _year_counts(code: str, prefixes, first: int, last: int) -> dict[int, int]:
    talents = Talent.objects.filter(subtrees_q(prefixes, "org_path"))
    if code == "shuangchuang":
        firsts = Award.objects.filter(
            program__kind=ProgramKind.SHUANGCHUANG,
            status=AwardStatus.AWARDED,
            talent__in=talents.values("pk"),
            talent__deleted_at__isnull=True,
        ).values_list("talent_id", "awarded_on")
        first_award: dict[int, date] = {}
        for tid, on in firsts:
            if tid not in first_award or on < first_award[tid]:
                first_award[tid] = on
        out: dict[int, int] = {}
        for on in first_award.values():
            if first <= on.year <= last:
                out[on.year] = out.get(on.year, 0) + 1
        return out
    if code == "high_level":
        talents = talents.filter(level__in=[lv.code for lv in rules.levels() if lv.high_level])
    elif code == "overseas":
        talents = talents.filter(category=TalentCategory.OVERSEAS)
    elif code == "national":
        national_award = Award.objects.filter(
            talent=OuterRef("pk"), program__kind=ProgramKind.NATIONAL, status=AwardStatus.AWARDED
        )
        talents = talents.filter(
            Q(level__in=[lv.code for lv in rules.levels() if lv.national]) | Exists(national_award)
        )
    else:
        return {}
    rows = (
        talents.filter(arrived_on__gte=date(first, 1, 1), arrived_on__lte=date(last, 12, 31))
        .annotate(y=ExtractYear("arrived_on"))
        .values("y")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {r["y"]: r["n"] for r in rows}


def plan_progress(prefixes, the_plan: dict | None = None) -> dict:
    """The plan's targets against the registry, year by year and cumulative, for the subtrees."""
    p = the_plan or rules.plan()
    first = int(p["start_year"])
    last = first + int(p["years"]) - 1
    years = list(range(first, last + 1))
    rows = []
    for t in p["targets"]:
        measure = PLAN_MEASURES.get(t["code"])
        if measure is None:
            continue
        counts = _year_counts(t["code"], prefixes, first, last)
        by_year, running = [], 0
        for y in years:
            running += counts.get(y, 0)
            by_year.append({"year": y, "count": counts.get(y, 0), "cumulative": running})
        target = int(t["target"])
        rows.append(
            {
                "code": t["code"],
                "label": t.get("label") or measure.label,
                "note": measure.note,
                "target": target,
                "done": running,
                "percent": round(100 * running / target, 1) if target else None,
                "by_year": by_year,
            }
        )
    return {"name": p.get("name", ""), "first": first, "last": last, "years": years, "rows": rows}


# ------------------------------------------------------------------------------------ map

MAP_DIMENSIONS = ("industry", "level", "category", "origin")


def talent_map(prefixes, group_prefix: str | None = None) -> dict:
    """产业人才图谱: the talents of the subtrees counted by industry chain, level, category,
    origin, and (when ``group_prefix`` is given) by the org directly below it (region). One
    aggregate query per dimension over the (org_path, industry, level) index."""
    qs = Talent.objects.filter(subtrees_q(prefixes, "org_path")).order_by()
    out = {"total": qs.count()}
    for dim in MAP_DIMENSIONS:
        out[dim] = {r[dim]: r["n"] for r in qs.values(dim).annotate(n=Count("pk"))}
    # industry × level, the grid of the printable map
    grid: dict[str, dict[str, int]] = {}
    for r in qs.values("industry", "level").annotate(n=Count("pk")):
        grid.setdefault(r["industry"], {})[r["level"]] = r["n"]
    out["grid"] = grid
    out["region"] = None
    if group_prefix is not None:
        cut = len(group_prefix) + STEP
        rows = qs.annotate(region=Substr("org_path", 1, cut)).values("region").annotate(n=Count("pk"))
        out["region"] = {r["region"]: r["n"] for r in rows}
    return out


def level_labels():
    return {lv.code: lv.label for lv in rules.levels()}


def dimension_labels(dim: str) -> dict:
    if dim == "industry":
        return dict(rules.industries())
    if dim == "level":
        return level_labels()
    if dim == "category":
        return dict(TalentCategory.choices)
    if dim == "origin":
        return dict(Origin.choices)
    return {}


# ------------------------------------------------------------------------------------ 揭榜挂帅


def challenge_board(prefixes, start: date, end: date) -> dict:
    """揭榜挂帅 for a period: challenges published in it (withdrawn ones left out), their bounty
    in 万元 and 亿元 — seed 002's line "累计发布项目30余个, 张榜金额近600亿元"."""
    qs = (
        Challenge.objects.filter(
            subtrees_q(prefixes, "org_path"), published_on__gte=start, published_on__lte=end
        )
        .exclude(status="withdrawn")
        .order_by()
    )
    agg = qs.aggregate(n=Count("pk"), s=Sum("bounty"))
    total = agg["s"] or Decimal("0")
    yi = (total / Decimal(10000)).quantize(Decimal("0.01"))
    by_status = {r["status"]: r["n"] for r in qs.values("status").annotate(n=Count("pk"))}
    return {
        "count": agg["n"],
        "bounty_wan": total,
        "bounty_yi": yi,
        "line": _("{n} projects, bounties of {yi} hundred million yuan").format(n=agg["n"], yi=_yi_text(yi)),
        "by_status": by_status,
    }


def _yi_text(yi: Decimal) -> str:
    text = "{:f}".format(yi.normalize()) if yi else "0"
    return text
