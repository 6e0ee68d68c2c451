"""Filters for people: name, pinyin, initials or ID number in one box; subtree; attributes."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from orgwork.core.filters import BaseFilterSet
from orgwork.orgs.models import Org
from orgwork.people.choices import Education, PoliticalStatus, Sex
from orgwork.people.models import Person

__all__ = ["PersonFilterSet", "person_search_q"]


def person_search_q(value: str) -> Q:
    """Chinese name (contains), pinyin or initials (prefix), or ID number (exact / last digits)."""
    v = value.strip()
    if not v:
        return Q()
    if v.isascii():
        low = v.lower().replace(" ", "")
        q = Q(name_pinyin__startswith=low) | Q(name_initials__startswith=low)
        if any(c.isdigit() for c in v):
            q |= (
                Q(id_number=v.upper())
                if len(v) == 18
                else Q(id_number__endswith=v.upper())
                if len(v) >= 4
                else Q()
            )
        return q
    return Q(name__contains=v)


class PersonFilterSet(BaseFilterSet):
    within = django_filters.ModelChoiceFilter(
        queryset=Org.objects.all(), method="filter_within", label=_("within organization")
    )
    sex = django_filters.ChoiceFilter(choices=Sex.choices, label=_("sex"))
    education = django_filters.MultipleChoiceFilter(choices=Education.choices, label=_("education"))
    political_status = django_filters.MultipleChoiceFilter(
        choices=PoliticalStatus.choices, label=_("political status")
    )
    born_after = django_filters.DateFilter(
        field_name="birth_date", lookup_expr="gte", label=_("born on or after")
    )
    born_before = django_filters.DateFilter(
        field_name="birth_date", lookup_expr="lte", label=_("born on or before")
    )

    class Meta:
        model = Person
        fields = ["q", "within", "sex", "education", "political_status", "born_after", "born_before"]

    def search(self, queryset, name, value):
        return queryset.filter(person_search_q(value))

    def filter_within(self, queryset, name, value):
        if not value:
            return queryset
        if getattr(self.request, "scope_narrowed_to", None) == value.pk:
            return queryset  # the view already started from this subtree (PersonListView)
        return queryset.filter(Person.scope_q_for_prefixes([value.path]))
