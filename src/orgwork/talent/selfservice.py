"""Talent work in the self-service portal (app selfservice, ``/me/``): the talent's own record,
cards and programs, their service requests with state and deadline, filing a new one, and rating a
closed one. Everything here is read through the person linked to the logged-in user, never through a
scoped grant; another person's request is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from orgwork.selfservice.views import SelfServiceMixin
from orgwork.talent import forms as fm
from orgwork.talent import rules
from orgwork.talent.choices import AwardStatus, CardStatus
from orgwork.talent.models import Award, Talent, TalentCard

__all__ = ["talent_panel", "PANEL", "MyRequestView", "MyRatingView"]


def own_talent(person) -> Talent | None:
    return Talent.objects.filter(person=person).select_related("org", "person").first()


def own_requests(person):
    from orgwork.casework.models import Case

    return Case.objects.filter(kind=rules.SERVICE_KIND, raised_by_person=person).order_by("-raised_on", "-pk")


def talent_panel(request, person):
    talent = own_talent(person)
    if talent is None:
        return None
    from orgwork.casework.choices import CaseState, EventKind
    from orgwork.casework.models import CaseEvent

    cases = list(own_requests(person).select_related("lead_org")[:50])
    ratings = {
        ev.case_id: ev
        for ev in CaseEvent.objects.filter(case__in=cases, kind=EventKind.FEEDBACK).order_by("at")
    }
    from django.utils import timezone

    from orgwork.casework.choices import OPEN_STATES

    today = timezone.localdate()
    rows = [
        {
            "case": c,
            "feedback": ratings.get(c.pk),
            "may_rate": c.state == CaseState.VERIFIED,
            "late": c.overdue or (c.state in OPEN_STATES and c.due_on is not None and c.due_on < today),
        }
        for c in cases
    ]
    card = TalentCard.objects.filter(talent=talent, status=CardStatus.ACTIVE).order_by("-issued_on").first()
    awards = Award.objects.filter(talent=talent, status=AwardStatus.AWARDED).select_related(
        "program", "round"
    )
    return {
        "talent": talent,
        "card": card,
        "awards": list(awards),
        "requests": rows,
        "rating_choices": range(5, 0, -1),
    }


PANEL = dict(
    code="talent",
    title=gettext_lazy("My talent record and service requests"),
    template="talent/me_panel.html",
    context=talent_panel,
    order=30,
)


class _OwnTalentMixin(SelfServiceMixin):
    def talent_or_page(self, request):
        talent = own_talent(self.person)
        if talent is None:
            return None, render(request, "talent/me_not_talent.html", status=200)
        return talent, None


class MyRequestView(_OwnTalentMixin, View):
    """The talent files a service request of their own."""

    def get(self, request):
        talent, page = self.talent_or_page(request)
        if page:
            return page
        return render(
            request, "talent/me_request.html", {"talent": talent, "form": fm.MyServiceRequestForm()}
        )

    def post(self, request):
        talent, page = self.talent_or_page(request)
        if page:
            return page
        form = fm.MyServiceRequestForm(request.POST)
        case = form.file(talent, actor=request.user, source="talent")
        if case is not None:
            messages.success(
                request,
                _("Your request “{}” is filed; the talent office will assign it.").format(case.title),
            )
            return HttpResponseRedirect(reverse("selfservice:me"))
        return render(request, "talent/me_request.html", {"talent": talent, "form": form}, status=400)


class MyRatingView(SelfServiceMixin, View):
    """The talent rates one of their own closed requests (1–5 and a comment)."""

    def post(self, request, pk):
        from orgwork.casework.services import record_raiser_rating

        case = own_requests(self.person).filter(pk=pk).first()
        if case is None:
            raise Http404("not found")
        form = fm.RatingForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose a rating from 1 to 5."))
        else:
            try:
                record_raiser_rating(
                    case,
                    actor=request.user,
                    rating=form.cleaned_data["rating"],
                    note=form.cleaned_data["note"],
                )
            except (ValidationError, PermissionDenied) as exc:
                messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
            else:
                messages.success(request, _("Thank you for your rating."))
        return HttpResponseRedirect(reverse("selfservice:me") + "#panel-talent")
