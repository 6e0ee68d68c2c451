"""Filters of the training lists, shared by pages and API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from orgwork.core.filters import BaseFilterSet
from orgwork.core.paths import subtree_q
from orgwork.orgs.models import Org
from orgwork.training.choices import AttendanceStatus, CourseKind, EnrollmentStatus, TeacherKind
from orgwork.training.models import Attendance, Course, Enrollment, Evaluation, Session

__all__ = [
    "CourseFilterSet",
    "SessionFilterSet",
    "EnrollmentFilterSet",
    "AttendanceFilterSet",
    "EvaluationFilterSet",
]


class _Within(BaseFilterSet):
    within = django_filters.ModelChoiceFilter(
        queryset=Org.objects.all(), method="filter_within", label=_("within organization")
    )

    # The query parameter is an org id (the hint is for the OpenAPI schema); ``value`` is that Org.
    def filter_within(self, queryset, name, value: int):
        return queryset.filter(subtree_q(value.path, "org_path")) if value else queryset


class CourseFilterSet(_Within):
    search_fields = ("name__icontains", "series__icontains", "place__icontains")
    kind = django_filters.MultipleChoiceFilter(choices=CourseKind.choices, label=_("kind"))
    starts_after = django_filters.DateFilter(
        field_name="starts_on", lookup_expr="gte", label=_("starting on or after")
    )
    starts_before = django_filters.DateFilter(
        field_name="starts_on", lookup_expr="lte", label=_("starting on or before")
    )

    class Meta:
        model = Course
        fields = ["q", "within", "kind", "series", "starts_after", "starts_before"]


class SessionFilterSet(_Within):
    search_fields = ("topic__icontains", "teacher_name__icontains", "course__name__icontains")
    teacher_kind = django_filters.ChoiceFilter(choices=TeacherKind.choices, label=_("teacher kind"))
    after = django_filters.DateFilter(field_name="date", lookup_expr="gte", label=_("on or after"))
    before = django_filters.DateFilter(field_name="date", lookup_expr="lte", label=_("on or before"))

    class Meta:
        model = Session
        fields = ["q", "within", "course", "teacher_kind", "after", "before"]


class EnrollmentFilterSet(_Within):
    search_fields = ("person__name__contains", "person__name_pinyin__startswith", "course__name__icontains")
    status = django_filters.ChoiceFilter(choices=EnrollmentStatus.choices, label=_("status"))

    class Meta:
        model = Enrollment
        fields = ["q", "within", "course", "status", "tier"]


class AttendanceFilterSet(_Within):
    search_fields = ("person__name__contains", "session__topic__icontains")
    status = django_filters.ChoiceFilter(choices=AttendanceStatus.choices, label=_("attendance"))

    class Meta:
        model = Attendance
        fields = ["q", "within", "session", "status"]


class EvaluationFilterSet(_Within):
    search_fields = ("session__topic__icontains", "comment__icontains")

    class Meta:
        model = Evaluation
        fields = ["q", "within", "session"]
