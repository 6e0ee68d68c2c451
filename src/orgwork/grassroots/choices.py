"""Pick lists of grassroots work."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

__all__ = [
    "AppliesTo",
    "Measure",
    "MemberCategory",
    "Difficulty",
    "VisitMode",
    "ProjectStatus",
    "ReviewGrade",
    "CheckPeriod",
]


class AppliesTo(models.TextChoices):
    """Which members a pledge item binds (seed 001: some targets bind only leaders or 机关 members)."""

    ALL = "all", _("every member")
    LEADER = "leader", _("leaders at section level and above")
    ORGAN = "organ", _("members in government organs (not leaders)")


class Measure(models.TextChoices):
    """How an item's progress is counted."""

    DEEDS = "deeds", _("deeds logged")
    PAIRINGS = "pairings", _("households paired")


class MemberCategory(models.TextChoices):
    LEADER = "leader", _("leader at section level and above")
    ORGAN = "organ", _("member in a government organ")
    MEMBER = "member", _("other member")


class Difficulty(models.TextChoices):
    LOW_INCOME = "dibao", _("minimum living allowance (低保)")
    EXTREME = "tekun", _("extreme poverty support (特困)")
    MARGINAL = "edge", _("on the edge of minimum allowance (低保边缘)")
    DISABILITY = "disability", _("disability")
    ILLNESS = "illness", _("serious illness")
    ELDERLY = "elderly", _("elderly living alone")
    OTHER = "other", _("other difficulty")


class VisitMode(models.TextChoices):
    HOME = "home", _("home visit")
    PHONE = "phone", _("phone call")
    OTHER = "other", _("other")


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    ACTIVE = "active", _("in progress")
    DONE = "done", pgettext_lazy("grassroots", "completed")
    STOPPED = "stopped", _("stopped")


class ReviewGrade(models.TextChoices):
    EXCELLENT = "excellent", _("excellent")
    GOOD = "good", _("good")
    FAIR = "fair", _("fair")
    POOR = "poor", _("poor")


class CheckPeriod(models.TextChoices):
    YEAR = "Y", _("whole year")
    H1 = "H1", _("first half")
    H2 = "H2", _("second half")
    Q1 = "Q1", _("first quarter")
    Q2 = "Q2", _("second quarter")
    Q3 = "Q3", _("third quarter")
    Q4 = "Q4", _("fourth quarter")
