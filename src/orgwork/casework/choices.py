"""Pick lists of casework."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

__all__ = [
    "CaseState",
    "EventKind",
    "Priority",
    "ParticipantRole",
    "Satisfaction",
    "OPEN_STATES",
    "HANDLING_STATES",
]


class CaseState(models.TextChoices):
    REGISTERED = "registered", _("registered")
    ASSIGNED = "assigned", _("assigned")
    IN_PROGRESS = "in_progress", pgettext_lazy("case state", "in progress")
    CLOSE_REQUESTED = "close_requested", _("closure requested")
    VERIFIED = "verified", _("verified")
    FEEDBACK = "feedback", _("feedback received")
    ARCHIVED = "archived", _("archived")


# States in which a case is open (counts towards workload and escalation).
OPEN_STATES = (CaseState.REGISTERED, CaseState.ASSIGNED, CaseState.IN_PROGRESS, CaseState.CLOSE_REQUESTED)
# States in which the handlers' clock runs.
HANDLING_STATES = (CaseState.ASSIGNED, CaseState.IN_PROGRESS)


class EventKind(models.TextChoices):
    REGISTER = "register", _("registered")
    ASSIGN = "assign", _("assigned")
    PROGRESS = "progress", _("progress note")
    CO_DONE = "co_done", _("co-handling part done")
    REQUEST_CLOSE = "request_close", _("closure requested")
    VERIFY = "verify", _("verified")
    REOPEN = "reopen", _("reopened")
    FEEDBACK = "feedback", _("raiser's feedback")
    ARCHIVE = "archive", _("archived")
    PAUSE = "pause", _("waiting on the raiser")
    RESUME = "resume", _("resumed")
    EXTEND = "extend", _("deadline extended")
    SUPERVISE = "supervise", _("put under supervision")
    REMIND = "remind", _("supervision reminder")
    DEMAND_REPORT = "demand_report", _("report demanded")
    ESCALATE = "escalate", _("escalation")


class Priority(models.TextChoices):
    NORMAL = "normal", pgettext_lazy("casework", "normal")
    URGENT = "urgent", _("urgent")
    CRITICAL = "critical", _("critical")


class ParticipantRole(models.TextChoices):
    OWNER = "owner", _("registering org")
    LEAD = "lead", _("lead org")
    CO = "co", _("co-handling org")
    SUPERVISOR = "supervisor", _("supervising org")


class Satisfaction(models.IntegerChoices):
    SATISFIED = 3, _("satisfied")
    FAIRLY = 2, _("fairly satisfied")
    DISSATISFIED = 1, _("dissatisfied")
