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
    """Chinese name (contains), pinyin or initials (prefix), or ID number (exact / last digits).

    Both pinyin and initials of a name begin with the same letter, so an ASCII search also gets
    the redundant range "pinyin starts with that letter": the database then reads the pinyin
    index from that letter on, instead of from "a" (the planner cannot see the correlation).
    """
    v = value.strip()
    if not v:
        return Q()
    if v.isascii():
        low = v.lower().replace(" ", "")
        q = Q()
        if low[:1].isalpha():
            q = (Q(name_pinyin__startswith=low) | Q(name_initials__startswith=low)) & Q(
                name_pinyin__gte=low[0], name_pinyin__lt=low[0] + "~"
            )
        if any(c.isdigit() for c in v):
            if len(v) == 18:
                q |= Q(id_number=v.upper())
            elif len(v) >= 4:
                q |= Q(id_number__endswith=v.upper())
        return q if q else Q(pk__in=[])
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

    # The query parameter is an org id (the hint is for the OpenAPI schema); ``value`` is that Org.
    def filter_within(self, queryset, name, value: int):
        if not value:
            return queryset
        if getattr(self.request, "scope_narrowed_to", None) == value.pk:
            return queryset  # the view already started from this subtree (PersonListView)
        return queryset.filter(Person.scope_q_for_prefixes([value.path]))
