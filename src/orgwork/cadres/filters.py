"""Filters of cadre work, shared by pages and API."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from orgwork.cadres.choices import AssignmentKind, Rank, Track
from orgwork.cadres.models import (
    Appointment,
    Appraisal,
    ArchiveNote,
    Assignment,
    AssignmentBatch,
    Cadre,
    CadrePost,
    CohortTarget,
    ContestResult,
    Education,
    Evaluation,
    FamilyMember,
    ReserveEntry,
    RewardSanction,
    Vacancy,
)
from orgwork.core.filters import BaseFilterSet
from orgwork.core.paths import subtree_q
from orgwork.orgs.models import Org
from orgwork.people.filters import person_search_q

__all__ = [
    "CadreFilterSet",
    "CadrePostFilterSet",
    "EducationFilterSet",
    "AppraisalFilterSet",
    "RewardSanctionFilterSet",
    "FamilyMemberFilterSet",
    "ReserveEntryFilterSet",
    "CohortTargetFilterSet",
    "EvaluationFilterSet",
    "AssignmentBatchFilterSet",
    "AssignmentFilterSet",
    "ContestResultFilterSet",
    "ArchiveNoteFilterSet",
    "VacancyFilterSet",
    "AppointmentFilterSet",
]


class _Within(BaseFilterSet):
    within = django_filters.ModelChoiceFilter(
        queryset=Org.objects.all(),
        method="filter_within",
        label=pgettext_lazy("cadres", "within organization"),
    )

    # The query parameter is an org id; ``value`` is that Org.
    def filter_within(self, queryset, name, value: int):
        if not value:
            return queryset
        return queryset.filter(subtree_q(value.path, "org_path"))


class _ByCadre(_Within):
    def search(self, queryset, name, value):
        from django.db.models import Q

        q = person_search_q(value)
        return queryset.filter(Q(**{"cadre__person__in": _people(q)}))


def _people(q):
    from orgwork.people.models import Person

    return Person.objects.filter(q).values("pk")


class CadreFilterSet(_Within):
    rank = django_filters.MultipleChoiceFilter(choices=Rank.choices, label=_("rank"))
    track = django_filters.ChoiceFilter(choices=Track.choices, label=_("track"))
    selected_graduate = django_filters.BooleanFilter(label=_("selected graduate (选调生)"))
    born_after = django_filters.DateFilter(
        field_name="person__birth_date", lookup_expr="gte", label=pgettext_lazy("cadres", "born on or after")
    )

    class Meta:
        model = Cadre
        fields = ["q", "within", "rank", "track", "selected_graduate", "born_after"]

    def search(self, queryset, name, value):
        return queryset.filter(person__in=_people(person_search_q(value)))


def _simple(model, extra=(), search=None, base=_ByCadre):
    attrs = {
        "Meta": type("Meta", (), {"model": model, "fields": ["q", "within", *extra]}),
        "__module__": __name__,
    }
    if search:
        attrs["search_fields"] = search
        attrs["search"] = BaseFilterSet.search
    return type(model.__name__ + "FilterSet", (base,), attrs)


CadrePostFilterSet = _simple(CadrePost, ["rank", "grassroots"])
EducationFilterSet = _simple(Education, ["kind", "education"])
AppraisalFilterSet = _simple(Appraisal, ["year", "grade"])
RewardSanctionFilterSet = _simple(RewardSanction, ["code"])
FamilyMemberFilterSet = _simple(FamilyMember, ["relation"])
ReserveEntryFilterSet = _simple(ReserveEntry, ["track", "target_rank", "category"])
CohortTargetFilterSet = _simple(CohortTarget, search=("name__icontains",), base=_Within)
EvaluationFilterSet = _simple(Evaluation, ["period"])
AssignmentBatchFilterSet = _simple(AssignmentBatch, ["kind"], search=("name__icontains",), base=_Within)


class AssignmentFilterSet(_ByCadre):
    kind = django_filters.ChoiceFilter(choices=AssignmentKind.choices, label=pgettext_lazy("cadres", "kind"))
    ends_before = django_filters.DateFilter(
        field_name="ends_on", lookup_expr="lte", label=_("ends on or before")
    )

    class Meta:
        model = Assignment
        fields = ["q", "within", "kind", "batch", "outcome", "ends_before"]


ContestResultFilterSet = _simple(ContestResult, ["contest"])
ArchiveNoteFilterSet = _simple(ArchiveNote)
VacancyFilterSet = _simple(Vacancy, ["rank", "filled"], search=("title__icontains",), base=_Within)
AppointmentFilterSet = _simple(Appointment, ["rank", "probation_result"])
