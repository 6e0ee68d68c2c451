"""Filters of the member registry, shared by pages and API."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from orgwork.core.filters import BaseFilterSet
from orgwork.core.paths import subtree_q
from orgwork.members.choices import (
    AttendanceStatus,
    MeetingKind,
    MemberCategory,
    MembershipState,
    MemberStatus,
    Stage,
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
from orgwork.orgs.models import Org
from orgwork.people.filters import person_search_q

__all__ = [
    "MemberFilterSet",
    "RecruitmentFilterSet",
    "RecruitmentStepFilterSet",
    "DueFilterSet",
    "TransferFilterSet",
    "MeetingFilterSet",
    "MeetingAttendanceFilterSet",
]


class WithinMixin(django_filters.FilterSet):
    within = django_filters.ModelChoiceFilter(
        queryset=Org.objects.all(),
        method="filter_within",
        label=pgettext_lazy("members", "within organization"),
    )

    # The query parameter is an org id (the hint is for the OpenAPI schema); ``value`` is that Org.
    def filter_within(self, queryset, name, value: int):
        if not value:
            return queryset
        return queryset.filter(subtree_q(value.path, "org_path"))

    def search(self, queryset, name, value):
        """By the person's name, pinyin, initials or ID number (as the people list)."""
        from orgwork.people.models import Person

        q = person_search_q(value)
        return queryset.filter(person__in=Person.objects.filter(q)) if q else queryset


class MemberFilterSet(WithinMixin, BaseFilterSet):
    status = django_filters.ChoiceFilter(choices=MemberStatus.choices, label=_("member status"))
    category = django_filters.MultipleChoiceFilter(choices=MemberCategory.choices, label=_("category"))
    membership_state = django_filters.ChoiceFilter(
        choices=MembershipState.choices, label=_("membership state")
    )
    joined_after = django_filters.DateFilter(
        field_name="joined_on", lookup_expr="gte", label=_("joined on or after")
    )
    joined_before = django_filters.DateFilter(
        field_name="joined_on", lookup_expr="lte", label=_("joined on or before")
    )
    lost_contact = django_filters.BooleanFilter(label=_("lost contact"))
    floating = django_filters.BooleanFilter(label=_("mobile member"))

    class Meta:
        model = Member
        fields = [
            "q",
            "within",
            "status",
            "category",
            "membership_state",
            "joined_after",
            "joined_before",
            "lost_contact",
            "floating",
        ]


class RecruitmentFilterSet(WithinMixin, BaseFilterSet):
    stage = django_filters.MultipleChoiceFilter(choices=Stage.choices, label=_("stage"))

    class Meta:
        model = Recruitment
        fields = ["q", "within", "stage"]


class RecruitmentStepFilterSet(WithinMixin, BaseFilterSet):
    def search(self, queryset, name, value):
        from orgwork.people.models import Person

        q = person_search_q(value)
        return queryset.filter(recruitment__person__in=Person.objects.filter(q)) if q else queryset

    class Meta:
        model = RecruitmentStep
        fields = ["q", "within", "step"]


class DueFilterSet(WithinMixin, BaseFilterSet):
    month = django_filters.DateFilter(label=_("month"))
    unpaid = django_filters.BooleanFilter(method="filter_unpaid", label=_("unpaid"))

    def search(self, queryset, name, value):
        from orgwork.people.models import Person

        q = person_search_q(value)
        return queryset.filter(member__person__in=Person.objects.filter(q)) if q else queryset

    def filter_unpaid(self, queryset, name, value):
        from django.db.models import F

        if value is None:
            return queryset
        return queryset.filter(paid__lt=F("amount")) if value else queryset.filter(paid__gte=F("amount"))

    class Meta:
        model = Due
        fields = ["q", "within", "month", "unpaid"]


class TransferFilterSet(BaseFilterSet):
    kind = django_filters.ChoiceFilter(choices=TransferKind.choices, label=pgettext_lazy("members", "kind"))
    state = django_filters.MultipleChoiceFilter(choices=TransferState.choices, label=_("state"))
    search_fields = ("letter_no", "outside_org__contains")

    class Meta:
        model = Transfer
        fields = ["q", "kind", "state"]


class MeetingFilterSet(WithinMixin, BaseFilterSet):
    kind = django_filters.MultipleChoiceFilter(
        choices=MeetingKind.choices, label=pgettext_lazy("members", "kind")
    )
    held_after = django_filters.DateFilter(
        field_name="held_on", lookup_expr="gte", label=_("held on or after")
    )
    held_before = django_filters.DateFilter(
        field_name="held_on", lookup_expr="lte", label=_("held on or before")
    )
    search_fields = ("topic__contains",)

    def search(self, queryset, name, value):
        return BaseFilterSet.search(self, queryset, name, value)

    class Meta:
        model = Meeting
        fields = ["q", "within", "kind", "held_after", "held_before"]


class MeetingAttendanceFilterSet(WithinMixin, BaseFilterSet):
    status = django_filters.MultipleChoiceFilter(
        choices=AttendanceStatus.choices, label=pgettext_lazy("members", "attendance")
    )
    meeting = django_filters.NumberFilter(field_name="meeting_id", label=_("meeting"))
    held_after = django_filters.DateFilter(
        field_name="meeting__held_on", lookup_expr="gte", label=_("held on or after")
    )
    held_before = django_filters.DateFilter(
        field_name="meeting__held_on", lookup_expr="lte", label=_("held on or before")
    )

    def search(self, queryset, name, value):
        from orgwork.people.models import Person

        q = person_search_q(value)
        return queryset.filter(member__person__in=Person.objects.filter(q)) if q else queryset

    class Meta:
        model = MeetingAttendance
        fields = ["q", "within", "status", "meeting", "held_after", "held_before"]
