"""Choices of the training app."""

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["CourseKind", "TeacherKind", "AttendanceStatus", "EnrollmentStatus"]


class CourseKind(models.TextChoices):
    CLASS = "class", _("training class")
    NIGHT_SCHOOL = "night_school", _("night school")
    LECTURE = "lecture", _("special lecture")
    ONLINE = "online", _("online course")
    FIELD = "field", _("field study")


class TeacherKind(models.TextChoices):
    LEADER = "leader", _("leading cadre as teacher")
    PARTY_SCHOOL = "party_school", _("party school teacher")
    EXPERT = "expert", _("expert or scholar")
    OTHER = "other", _("other")


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("present")
    LEAVE = "leave", _("on leave")
    ABSENT = "absent", _("absent")


class EnrollmentStatus(models.TextChoices):
    ENROLLED = "enrolled", _("enrolled")
    WITHDRAWN = "withdrawn", _("withdrawn")
