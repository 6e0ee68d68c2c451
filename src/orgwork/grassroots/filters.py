"""Filters of grassroots work, shared by pages and API."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from orgwork.core.filters import BaseFilterSet
from orgwork.grassroots import models as m
from orgwork.grassroots.choices import AppliesTo, CheckPeriod, Difficulty, ProjectStatus
from orgwork.orgs.filters import SubtreeFilter

__all__ = [
    "PledgeItemFilterSet",
    "PledgeRoleFilterSet",
    "DeedFilterSet",
    "HouseholdFilterSet",
    "PairingFilterSet",
    "VisitFilterSet",
    "ActionBranchFilterSet",
    "ActionBranchMemberFilterSet",
    "ActionActivityFilterSet",
    "SecretaryProjectFilterSet",
    "ProjectMilestoneFilterSet",
    "ProjectEvidenceFilterSet",
    "HealthCheckItemFilterSet",
    "HealthCheckFilterSet",
]

PERSON_SEARCH = (
    "person__name__icontains",
    "person__name_pinyin__startswith",
    "person__name_initials__startswith",
)


class PledgeItemFilterSet(BaseFilterSet):
    search_fields = ("name__icontains", "code__istartswith")
    within = SubtreeFilter()
    applies_to = django_filters.ChoiceFilter(choices=AppliesTo.choices, label=_("applies to"))

    class Meta:
        model = m.PledgeItem
        fields = ["q", "within", "year", "applies_to"]


class PledgeRoleFilterSet(BaseFilterSet):
    search_fields = PERSON_SEARCH
    within = SubtreeFilter()

    class Meta:
        model = m.PledgeRole
        fields = ["q", "within", "category"]


class DeedFilterSet(BaseFilterSet):
    search_fields = (*PERSON_SEARCH, "description__icontains")
    within = SubtreeFilter()

    class Meta:
        model = m.Deed
        fields = ["q", "within", "year", "item_code"]


class HouseholdFilterSet(BaseFilterSet):
    search_fields = ("head_name__icontains", "address__icontains")
    within = SubtreeFilter()
    difficulty = django_filters.MultipleChoiceFilter(choices=Difficulty.choices, label=_("difficulty"))
    current = django_filters.BooleanFilter(
        field_name="closed_on", lookup_expr="isnull", label=_("still in difficulty")
    )

    class Meta:
        model = m.Household
        fields = ["q", "within", "difficulty", "current"]


class PairingFilterSet(BaseFilterSet):
    search_fields = (*PERSON_SEARCH, "household__head_name__icontains")
    within = SubtreeFilter()
    current = django_filters.BooleanFilter(field_name="ended_on", lookup_expr="isnull", label=_("in force"))

    class Meta:
        model = m.Pairing
        fields = ["q", "within", "current"]


class VisitFilterSet(BaseFilterSet):
    search_fields = ("pairing__household__head_name__icontains", "pairing__person__name__icontains")
    within = SubtreeFilter()
    since = django_filters.DateFilter(
        field_name="visited_on", lookup_expr="gte", label=pgettext_lazy("grassroots", "from")
    )
    until = django_filters.DateFilter(
        field_name="visited_on", lookup_expr="lte", label=pgettext_lazy("grassroots", "to")
    )

    class Meta:
        model = m.Visit
        fields = ["q", "within", "since", "until", "mode"]


class ActionBranchFilterSet(BaseFilterSet):
    search_fields = ("name__icontains", "task__icontains")
    within = SubtreeFilter()
    active = django_filters.BooleanFilter(
        field_name="ended_on", lookup_expr="isnull", label=pgettext_lazy("grassroots", "active")
    )

    class Meta:
        model = m.ActionBranch
        fields = ["q", "within", "kind", "active"]


class ActionBranchMemberFilterSet(BaseFilterSet):
    search_fields = (*PERSON_SEARCH, "action_branch__name__icontains")
    within = SubtreeFilter()

    class Meta:
        model = m.ActionBranchMember
        fields = ["q", "within", "action_branch"]


class ActionActivityFilterSet(BaseFilterSet):
    search_fields = ("title__icontains", "place__icontains", "action_branch__name__icontains")
    within = SubtreeFilter()
    since = django_filters.DateFilter(
        field_name="held_on", lookup_expr="gte", label=pgettext_lazy("grassroots", "from")
    )
    until = django_filters.DateFilter(
        field_name="held_on", lookup_expr="lte", label=pgettext_lazy("grassroots", "to")
    )

    class Meta:
        model = m.ActionActivity
        fields = ["q", "within", "action_branch", "since", "until"]


class SecretaryProjectFilterSet(BaseFilterSet):
    search_fields = ("name__icontains", "secretary__name__icontains")
    within = SubtreeFilter()
    status = django_filters.ChoiceFilter(choices=ProjectStatus.choices, label=_("status"))

    class Meta:
        model = m.SecretaryProject
        fields = ["q", "within", "year", "status", "review_grade"]


class ProjectMilestoneFilterSet(BaseFilterSet):
    search_fields = ("title__icontains", "project__name__icontains")
    within = SubtreeFilter()
    done = django_filters.BooleanFilter(
        field_name="done_on", lookup_expr="isnull", exclude=True, label=pgettext_lazy("grassroots", "done")
    )

    class Meta:
        model = m.ProjectMilestone
        fields = ["q", "within", "project", "done"]


class ProjectEvidenceFilterSet(BaseFilterSet):
    search_fields = ("title__icontains", "project__name__icontains")
    within = SubtreeFilter()

    class Meta:
        model = m.ProjectEvidence
        fields = ["q", "within", "project"]


class HealthCheckItemFilterSet(BaseFilterSet):
    search_fields = ("name__icontains", "code__istartswith")
    within = SubtreeFilter()

    class Meta:
        model = m.HealthCheckItem
        fields = ["q", "within"]


class HealthCheckFilterSet(BaseFilterSet):
    search_fields = ("org__name__icontains",)
    within = SubtreeFilter()
    period = django_filters.ChoiceFilter(choices=CheckPeriod.choices, label=_("period"))

    class Meta:
        model = m.HealthCheck
        fields = ["q", "within", "year", "period", "weak"]
