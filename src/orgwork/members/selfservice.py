"""The member's own record in the self-service portal (app selfservice, ``/me/``): membership,
this year's dues with the arrears and the 6-month lapse warning, transfers in progress, and the
next step of their way into the party. Read-only; every query starts from the person linked to the
logged-in user, never from a scoped grant. Figures come from ``members.services``, not recomputed."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy

from orgwork.members import services
from orgwork.members.choices import Stage
from orgwork.members.models import Due, Member, Recruitment, Transfer

__all__ = ["member_panel", "PANEL", "OPEN_TRANSFER_STATES"]

# A transfer is in progress while some action can still move it (members.services.TRANSITIONS).
OPEN_TRANSFER_STATES = sorted({state for state, _action in services.TRANSITIONS})


def member_panel(request, person):
    today = timezone.localdate()
    member = Member.objects.filter(person=person).select_related("org").first()
    transfers = list(
        Transfer.objects.filter(person=person, state__in=OPEN_TRANSFER_STATES)
        .select_related("org", "to_org")
        .order_by("-created_at", "-pk")
    )
    recruitment = (
        Recruitment.objects.filter(person=person)
        .exclude(stage=Stage.STOPPED)
        .select_related("org")
        .order_by("-applied_on", "-pk")
        .first()
    )
    if member is None and recruitment is None and not transfers:
        return None
    ctx = {"member": member, "transfers": transfers, "year": today.year}
    if recruitment is not None:
        ctx["recruitment"] = recruitment
        ctx["next_step"] = services.next_step(recruitment, today)
    if member is not None:
        mine = Due.objects.filter(member=member)
        dues = list(mine.filter(month__year=today.year).order_by("month"))
        owed = list(services.arrears(mine).values_list("amount", "paid"))
        lapse = services.lapse_alerts(Member.objects.filter(pk=member.pk), today)
        ctx.update(
            dues=dues,
            due_total=sum((d.amount for d in dues), 0),
            paid_total=sum((d.paid for d in dues), 0),
            arrears_total=sum((amount - paid for amount, paid in owed), 0),
            arrears_months=len(owed),
            lapse_since=lapse[0][1] if lapse else None,
            party_years=member.party_years_on(today),
        )
    return ctx


PANEL = dict(
    code="member",
    title=gettext_lazy("My party membership"),
    template="members/me_panel.html",
    context=member_panel,
    order=10,
)
