import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from orgwork.casework.choices import OPEN_STATES, CaseState, Priority
from orgwork.casework.kinds import all_kinds, kind_choices
from orgwork.casework.models import Case
from orgwork.core.filters import BaseFilterSet

__all__ = ["CaseFilterSet"]


def _all_sources():
    out = {}
    for k in all_kinds():
        out.update(dict(k.source_choices()))
    return list(out.items())


def _all_categories():
    out = {}
    for k in all_kinds():
        out.update(dict(k.category_choices()))
    return list(out.items())


class CaseFilterSet(BaseFilterSet):
    search_fields = ("title__icontains", "description__icontains", "raised_by_name__icontains")
    kind = django_filters.ChoiceFilter(choices=kind_choices, label=pgettext_lazy("casework", "kind"))
    state = django_filters.MultipleChoiceFilter(choices=CaseState.choices, label=_("state"))
    source = django_filters.ChoiceFilter(choices=_all_sources, label=_("source"))
    category = django_filters.ChoiceFilter(
        choices=_all_categories, label=pgettext_lazy("casework", "category")
    )
    priority = django_filters.ChoiceFilter(choices=Priority.choices, label=_("priority"))
    open = django_filters.BooleanFilter(method="filter_open", label=_("open"))
    overdue_now = django_filters.BooleanFilter(
        method="filter_overdue", label=pgettext_lazy("casework", "overdue")
    )
    supervised = django_filters.BooleanFilter(label=_("supervised"))
    raised_after = django_filters.DateFilter(
        field_name="raised_on",
        lookup_expr="gte",
        label=_("raised from"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    raised_before = django_filters.DateFilter(
        field_name="raised_on",
        lookup_expr="lte",
        label=_("raised until"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Case
        fields = [
            "q",
            "kind",
            "state",
            "source",
            "category",
            "priority",
            "open",
            "overdue_now",
            "supervised",
            "lead_org",
        ]

    def filter_open(self, qs, name, value):
        if value is None:
            return qs
        return qs.filter(state__in=OPEN_STATES) if value else qs.exclude(state__in=OPEN_STATES)

    def filter_overdue(self, qs, name, value):
        if value is None:
            return qs
        q = dict(state__in=OPEN_STATES, due_on__lt=timezone.localdate())
        return qs.filter(**q) if value else qs.exclude(**q)
