"""Tables of the training lists."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from orgwork.core.tables import BaseTable
from orgwork.training.models import Attendance, Course, Enrollment, Evaluation, Session

__all__ = ["CourseTable", "SessionTable", "EnrollmentTable", "AttendanceTable", "EvaluationTable"]


class CourseTable(BaseTable):
    name = tables.Column(linkify=True)
    org = tables.Column(verbose_name=_("organizer"), order_by=("org_path",))

    class Meta(BaseTable.Meta):
        model = Course
        fields = ("pk", "name", "kind", "series", "org", "starts_on", "ends_on", "place", "completion_rate")
        default_columns = ("name", "kind", "series", "org", "starts_on", "ends_on", "place")
        order_by = ("-starts_on",)


class SessionTable(BaseTable):
    topic = tables.Column(linkify=True)
    course = tables.Column(linkify=True)
    org = tables.Column(verbose_name=_("organizer"), order_by=("org_path",))
    teacher_name = tables.Column(verbose_name=_("teacher"))

    class Meta(BaseTable.Meta):
        model = Session
        fields = ("pk", "date", "topic", "course", "teacher_name", "teacher_kind", "hours", "place", "org")
        default_columns = ("date", "topic", "course", "teacher_name", "teacher_kind", "hours", "org")
        order_by = ("-date",)


class EnrollmentTable(BaseTable):
    person = tables.Column(linkify=True, order_by=("person__name_pinyin",))
    course = tables.Column(linkify=True)
    org = tables.Column(verbose_name=_("organizer"), order_by=("org_path",))

    class Meta(BaseTable.Meta):
        model = Enrollment
        fields = ("pk", "person", "course", "tier", "status", "enrolled_on", "org")
        default_columns = ("person", "course", "tier", "status", "enrolled_on", "org")


class AttendanceTable(BaseTable):
    person = tables.Column(order_by=("person__name_pinyin",))
    session = tables.Column(linkify=True)
    org = tables.Column(verbose_name=_("organizer"), order_by=("org_path",))

    class Meta(BaseTable.Meta):
        model = Attendance
        fields = ("pk", "person", "session", "date", "status", "checked_in_at", "org")
        default_columns = ("person", "session", "date", "status", "org")
        order_by = ("-date",)


class EvaluationTable(BaseTable):
    session = tables.Column(linkify=True)
    org = tables.Column(verbose_name=_("organizer"), order_by=("org_path",))

    class Meta(BaseTable.Meta):
        model = Evaluation
        fields = ("pk", "session", "content_score", "teacher_score", "comment", "org", "created_at")
        default_columns = ("session", "content_score", "teacher_score", "comment", "org")
