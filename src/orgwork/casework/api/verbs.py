"""The verbs of the closed loop through the API: POST /api/casework/cases/{id}/<verb>/.

Each verb calls the same service function as the case page (``casework.services``), so the rules are
the same: the state must allow the event (else 400 with the reason), and the user must act for the
side the verb belongs to (assigner, handler, supervisor, raiser: else 403). The answer is the case
as it stands after the event. Files (evidence, replies with attachments) are given on the page.

The case page's verbs go through this table too (``casework.views.CaseActionView``): the same
input serializer validates the form, the same call runs the service; only the page passes a file."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from orgwork.casework import rules
from orgwork.casework.choices import Satisfaction
from orgwork.core.api.verbs import (
    NoteInput,
    RequiredNoteInput,
    VerbsMixin,
    add_verbs,
    reason_field,
)
from orgwork.orgs.models import Org

__all__ = ["CaseVerbsMixin", "VERBS"]


def _orgs(serializer):
    request = serializer.context.get("request")
    user = getattr(request, "user", None)
    return Org.objects.restrict(user, "view") if user is not None else Org.objects.none()


def _working_days(**kwargs):
    """A deadline in working days (at most ``rules.MAX_DEADLINE_DAYS``); blank: the default."""
    return serializers.IntegerField(
        min_value=1, max_value=rules.MAX_DEADLINE_DAYS, required=False, allow_null=True, **kwargs
    )


class CoHandlerInput(serializers.Serializer):
    org = serializers.PrimaryKeyRelatedField(queryset=Org.objects.none())
    days = _working_days()

    def get_fields(self):
        fields = super().get_fields()
        fields["org"].queryset = _orgs(self)
        return fields


class AssignInput(NoteInput):
    lead = serializers.PrimaryKeyRelatedField(queryset=Org.objects.none(), help_text=_("lead org"))
    lead_days = _working_days(help_text=_("Blank: the default of the category (configurable)."))
    co = CoHandlerInput(many=True, required=False, default=list)

    def get_fields(self):
        fields = super().get_fields()
        fields["lead"].queryset = _orgs(self)
        return fields


class CoDoneInput(NoteInput):
    org = serializers.PrimaryKeyRelatedField(queryset=Org.objects.all())


class RequestCloseInput(serializers.Serializer):
    reply = reason_field(max_length=4000)


class ReopenInput(serializers.Serializer):
    reason = reason_field()
    extra_days = _working_days()


class FeedbackInput(NoteInput):
    satisfaction = serializers.ChoiceField(choices=Satisfaction.choices)


class ExtendInput(serializers.Serializer):
    org = serializers.PrimaryKeyRelatedField(queryset=Org.objects.all())
    days = serializers.IntegerField(min_value=1, max_value=rules.MAX_EXTENSION_DAYS)
    note = reason_field()


class DemandReportInput(NoteInput):
    by = serializers.DateField()


def _s():
    from orgwork.casework import services

    return services


# verb (URL part) → (input serializer, call(case, user, data), summary)
VERBS = {
    "assign": (
        AssignInput,
        lambda c, u, d: _s().assign_case(
            c,
            actor=u,
            lead=d["lead"],
            lead_days=d.get("lead_days"),
            co=[(x["org"], x.get("days")) for x in d.get("co", [])],
            note=d.get("note", ""),
        ),
        _("Assign the case to a lead org and co-handling orgs (交办)."),
    ),
    "progress": (
        RequiredNoteInput,
        lambda c, u, d: _s().add_progress(c, actor=u, note=d["note"], attachment=d.get("attachment")),
        _("Add a progress note (办理)."),
    ),
    "co-done": (
        CoDoneInput,
        lambda c, u, d: _s().finish_co_part(c, actor=u, org=d["org"], note=d.get("note", "")),
        _("A co-handling org reports its part done."),
    ),
    "request-close": (
        RequestCloseInput,
        lambda c, u, d: _s().request_close(c, actor=u, reply=d["reply"], attachment=d.get("attachment")),
        _("The lead org asks to close the case, with its reply (办结申请)."),
    ),
    "verify": (
        NoteInput,
        lambda c, u, d: _s().verify_case(c, actor=u, note=d.get("note", "")),
        _("The assigning side verifies the handling (查办/核验)."),
    ),
    "reopen": (
        ReopenInput,
        lambda c, u, d: _s().reopen_case(c, actor=u, reason=d["reason"], extra_days=d.get("extra_days")),
        _("The assigning side sends the case back, with the reason."),
    ),
    "feedback": (
        FeedbackInput,
        lambda c, u, d: _s().record_feedback(
            c, actor=u, satisfaction=d["satisfaction"], note=d.get("note", "")
        ),
        _("The raiser's satisfaction: 3 satisfied, 2 fairly satisfied, 1 dissatisfied (反馈)."),
    ),
    "archive": (
        NoteInput,
        lambda c, u, d: _s().archive_case(c, actor=u, note=d.get("note", "")),
        _("Archive the case (归档)."),
    ),
    "pause": (
        RequiredNoteInput,
        lambda c, u, d: _s().pause_case(c, actor=u, note=d["note"]),
        _("Pause the clock while waiting on the raiser."),
    ),
    "resume": (
        NoteInput,
        lambda c, u, d: _s().resume_case(c, actor=u, note=d.get("note", "")),
        _("Resume the clock."),
    ),
    "extend": (
        ExtendInput,
        lambda c, u, d: _s().extend_deadline(c, actor=u, org=d["org"], days=d["days"], note=d["note"]),
        _("Approve an extension of one handling org's deadline."),
    ),
    "supervise": (
        NoteInput,
        lambda c, u, d: _s().supervise_case(c, actor=u, note=d.get("note", "")),
        _("Mark the case as supervised (督办)."),
    ),
    "remind": (
        RequiredNoteInput,
        lambda c, u, d: _s().remind_case(c, actor=u, note=d["note"]),
        _("Send the handlers a reminder."),
    ),
    "demand-report": (
        DemandReportInput,
        lambda c, u, d: _s().demand_report(c, actor=u, by=d["by"], note=d.get("note", "")),
        _("Demand a report by a date."),
    ),
}


class CaseVerbsMixin(VerbsMixin):
    """Adds one POST action per verb to the generated case viewset. A verb reads the case within the
    user's view scope (handlers and supervisors see it through their participation); whether the
    user may do the verb is the service's decision (403 otherwise)."""


add_verbs(CaseVerbsMixin, VERBS)
