"""The member registry's verbs through the API, on the same services as the pages:

* ``POST /api/members/recruitments/{id}/record-step/`` the next of the 25 steps (the rules of
  ``services.record_step``; its warnings come back in ``warnings``), ``…/extend-probation/``,
  ``…/stop/``;
* ``POST /api/members/transfers/{id}/<action>/`` for each action of the transfer state machine
  (approve, issue, accept, return, receipt, archive, withdraw, cancel): the receiving side accepts
  or returns, the sending side does the rest (403 for the other side);
* ``POST /api/members/dues/{id}/pay/`` a dues payment (back-payment at most 6 months late).

400 with the reason for what the rules refuse, 403 for a user who sees the row but may not act on
it (a read-only role, the other side of a transfer), 404 outside the user's part of the tree."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from orgwork.core.api.verbs import VerbsMixin, add_verbs, note_field, optional_date_field, reason_field
from orgwork.members.choices import Step

__all__ = ["RecruitmentVerbsMixin", "TransferVerbsMixin", "DueVerbsMixin"]


def _s():
    from orgwork.members import services

    return services


def _may_change(obj, user):
    from orgwork.accounts.scope import has_action

    if not has_action(user, "change", obj.org_path):
        raise PermissionDenied(_("You may not change this record."))


class RecruitmentStepInput(serializers.Serializer):
    step = serializers.ChoiceField(choices=Step.choices, help_text=_("1–25; only the next step is accepted."))
    done_on = serializers.DateField()
    people = serializers.CharField(required=False, allow_blank=True, max_length=200)
    expected = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    present = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    in_favour = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    against = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    abstained = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    publicity_from = serializers.DateField(required=False, allow_null=True)
    training_days = serializers.DecimalField(
        required=False, allow_null=True, min_value=0, max_digits=5, decimal_places=1
    )
    training_hours = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    notes = serializers.CharField(required=False, allow_blank=True, max_length=300)


def _record_step(rec, user, d):
    _may_change(rec, user)
    extra = {k: v for k, v in d.items() if k not in ("step", "done_on") and v not in (None, "")}
    return _s().record_step(rec, int(d["step"]), done_on=d["done_on"], actor=user, **extra)


class ProbationExtensionInput(serializers.Serializer):
    months = serializers.IntegerField(help_text=_("6 to 12."))


class StopRecruitmentInput(serializers.Serializer):
    reason = reason_field(max_length=500)


def _changing(fn):
    def call(obj, user, d):
        _may_change(obj, user)
        return fn(obj, user, d)

    return call


RECRUITMENT_VERBS = {
    "record-step": (
        RecruitmentStepInput,
        _record_step,
        _("Record the next step of the recruitment (发展党员)."),
    ),
    "extend-probation": (
        ProbationExtensionInput,
        _changing(lambda r, u, d: _s().extend_probation(r, d["months"], actor=u)),
        _("Extend the probation by 6 to 12 months (延长预备期), once."),
    ),
    "stop": (
        StopRecruitmentInput,
        _changing(lambda r, u, d: _s().stop_recruitment(r, d["reason"], actor=u)),
        _("Stop the recruitment, with the reason."),
    ),
}


class TransferActionInput(serializers.Serializer):
    on = optional_date_field(help_text=_("Blank: today."))
    note = note_field(max_length=200)


TRANSFER_SUMMARIES = {
    "approve": _("The sending branch approves the transfer."),
    "issue": _("The sending branch issues the letter (介绍信)."),
    "accept": _("The receiving branch accepts the member (moves the member to it)."),
    "return": _("The receiving branch returns the letter."),
    "receipt": _("The sending branch records the receipt (回执)."),
    "archive": _("The sending branch archives the transfer."),
    "withdraw": _("The sending branch withdraws the transfer before the letter is issued."),
    "cancel": _("The sending branch cancels an issued or returned transfer."),
}


def _transfer_call(action):
    return lambda t, u, d: _s().advance_transfer(t, action, actor=u, on=d.get("on"), note=d.get("note", ""))


TRANSFER_VERBS = {
    action: (TransferActionInput, _transfer_call(action), summary)
    for action, summary in TRANSFER_SUMMARIES.items()
}


class DuePaymentInput(serializers.Serializer):
    amount = serializers.DecimalField(min_value=0, max_digits=10, decimal_places=2)
    paid_on = serializers.DateField()
    voluntary = serializers.DecimalField(
        required=False, allow_null=True, min_value=0, max_digits=10, decimal_places=2
    )


DUE_VERBS = {
    "pay": (
        DuePaymentInput,
        _changing(
            lambda due, u, d: _s().record_payment(
                due, d["amount"], paid_on=d["paid_on"], voluntary=d.get("voluntary") or 0, actor=u
            )
        ),
        _("Record a dues payment for the month (补交 at most 6 months late)."),
    ),
}


class RecruitmentVerbsMixin(VerbsMixin):
    pass


class TransferVerbsMixin(VerbsMixin):
    pass


class DueVerbsMixin(VerbsMixin):
    pass


add_verbs(RecruitmentVerbsMixin, RECRUITMENT_VERBS)
add_verbs(TransferVerbsMixin, TRANSFER_VERBS)
add_verbs(DueVerbsMixin, DUE_VERBS)
