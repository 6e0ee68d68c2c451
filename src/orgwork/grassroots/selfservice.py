"""先锋365 in the self-service portal (app selfservice, ``/me/``): the member's own pledges for the
current year with target and done counts, the deeds they logged, and a form to log a deed against
one of their pledge items — through ``grassroots.services.record_deed``, as staff do, with the user
as actor and the member's branch as the deed's org. Everything starts from the person linked to the
logged-in user, never from a scoped grant."""

from __future__ import annotations

from django import forms
from django.apps import apps
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from orgwork.grassroots import rules, services
from orgwork.grassroots.forms import QuickDeedForm, deed_not_recorded
from orgwork.grassroots.models import Deed
from orgwork.selfservice.views import SelfServiceMixin

__all__ = ["pledge_panel", "PANEL", "MyDeedForm", "MyDeedView", "member_branch"]


def member_branch(person):
    """The branch a party member's deeds are recorded at: their ``members.Member`` branch when the
    member registry has them, else the org they are registered at. None: not a party member."""
    if person.political_status not in rules.PARTY_STATUSES:
        return None
    if apps.is_installed("orgwork.members"):
        from orgwork.members.models import Member

        member = Member.objects.filter(person=person).select_related("org").first()
        if member is not None:
            return member.org
    return person.registered_org


def my_pledges(person, items, year: int, as_of):
    """Of the pledge ``items`` of ``year`` (``services.pledge_items_for`` the member's branch), those
    that bind ``person``, with their target and the count done, by the rules of
    ``services.pledge_completion`` (deeds, or households paired for pairing items)."""
    category = services.member_categories([person.pk], as_of).get(person.pk, "member")
    deeds = dict(
        Deed.objects.filter(person=person, year=year)
        .values_list("item_code")
        .annotate(n=Count("id"))
        .order_by()
    )
    paired = services.paired_households([person.pk], year).get(person.pk, 0)
    rows = []
    for item in items:
        if not services.item_applies(item, category):
            continue
        done = paired if item.measure == "pairings" else deeds.get(item.code, 0)
        rows.append({"item": item, "target": item.target, "done": done, "complete": done >= item.target})
    return rows


class MyDeedForm(QuickDeedForm):
    """The member's own deed: the staff form without the member, dated in the current year."""

    evidence = forms.CharField(
        max_length=300,
        required=False,
        label=gettext_lazy("evidence"),
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, items=items, **kwargs)
        del self.fields["person"]

    def clean_done_on(self):
        done_on = self.cleaned_data["done_on"]
        today = timezone.localdate()
        if done_on > today:
            raise forms.ValidationError(_("The date cannot be in the future."))
        if done_on.year != today.year:
            raise forms.ValidationError(_("Log deeds of this year only; ask your branch about earlier ones."))
        return done_on


def pledge_panel(request, person):
    branch = member_branch(person)
    if branch is None:
        return None
    today = timezone.localdate()
    items = services.pledge_items_for(branch, today.year)
    rows = my_pledges(person, items, today.year, today)
    deed_items = [r["item"] for r in rows if r["item"].measure == "deeds"]
    names = {i.code: i.name for i in items}
    deeds = [
        (d, names.get(d.item_code, d.item_code))
        for d in Deed.objects.filter(person=person, year=today.year).order_by("-done_on", "-pk")
    ]
    return {
        "year": today.year,
        "branch": branch,
        "pledges": rows,
        "done": sum(1 for r in rows if r["complete"]),
        "deeds": deeds,
        "form": MyDeedForm(items=deed_items, initial={"done_on": today}) if deed_items else None,
    }


PANEL = dict(
    code="pledges",
    title=gettext_lazy("My 先锋365 pledges"),
    template="grassroots/me_panel.html",
    context=pledge_panel,
    order=20,
)


class MyDeedView(SelfServiceMixin, View):
    """POST from the pledges panel: the member logs a deed against one of their own pledge items."""

    def post(self, request):
        back = reverse("selfservice:me") + "#panel-pledges"
        branch = member_branch(self.person)
        if branch is None:
            messages.error(request, _("Only party members log 先锋365 deeds."))
            return HttpResponseRedirect(back)
        today = timezone.localdate()
        items = services.pledge_items_for(branch, today.year)
        items = [r["item"] for r in my_pledges(self.person, items, today.year, today)]
        form = MyDeedForm(request.POST, items=items)
        if not form.is_valid():
            deed_not_recorded(request, form)
            return HttpResponseRedirect(back)
        d = form.cleaned_data
        try:
            services.record_deed(
                person=self.person,
                item_code=d["item_code"],
                done_on=d["done_on"],
                description=d["description"],
                evidence=d["evidence"],
                org=branch,
                actor=request.user,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Your deed is recorded."))
        return HttpResponseRedirect(back)
