"""Forms of the member registry."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from orgwork.core.forms import BulkEditForm, ScopedModelForm
from orgwork.members.choices import MeetingKind, MemberCategory, Step
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

__all__ = [
    "MemberForm",
    "MemberBulkEditForm",
    "RecruitmentForm",
    "RecruitmentStepForm",
    "StepForm",
    "DueForm",
    "PaymentForm",
    "TransferForm",
    "MeetingForm",
    "MeetingAttendanceForm",
]

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MemberForm(ScopedModelForm):
    class Meta:
        model = Member
        fields = [
            "person",
            "org",
            "status",
            "category",
            "joined_on",
            "confirmed_on",
            "post",
            "membership_state",
            "lost_contact",
            "lost_contact_on",
            "floating",
            "float_destination",
            "dues_base",
            "dues_fixed",
            "notes",
        ]
        widgets = {
            "joined_on": DATE,
            "confirmed_on": DATE,
            "lost_contact_on": DATE,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }


class MemberBulkEditForm(BulkEditForm):
    category = forms.ChoiceField(choices=[("", "—")] + list(MemberCategory.choices), label=_("category"))
    org = forms.ModelChoiceField(queryset=Org.objects.all(), label=pgettext_lazy("members", "party branch"))


class RecruitmentForm(ScopedModelForm):
    class Meta:
        model = Recruitment
        fields = [
            "person",
            "org",
            "applied_on",
            "training_days",
            "training_hours",
            "mentors",
            "sponsors",
            "notes",
        ]
        widgets = {"applied_on": DATE, "notes": forms.Textarea(attrs={"rows": 3})}


class RecruitmentStepForm(ScopedModelForm):
    """The generic edit of a recorded step (people, tallies, notes); a new step goes through
    ``members.services.record_step`` and its rules."""

    class Meta:
        model = RecruitmentStep
        fields = [
            "recruitment",
            "step",
            "done_on",
            "people",
            "expected",
            "present",
            "in_favour",
            "against",
            "abstained",
            "publicity_from",
            "publicity_to",
            "notes",
        ]
        widgets = {"done_on": DATE, "publicity_from": DATE, "publicity_to": DATE}


class StepForm(forms.Form):
    """Record the next step of a recruitment (the secretary's form)."""

    step = forms.TypedChoiceField(choices=Step.choices, coerce=int, label=_("step"), widget=forms.HiddenInput)
    done_on = forms.DateField(label=_("done on"), widget=DATE)
    people = forms.CharField(label=_("people involved"), required=False, max_length=200)
    expected = forms.IntegerField(label=_("voting members expected"), required=False, min_value=0)
    present = forms.IntegerField(label=_("voting members present"), required=False, min_value=0)
    in_favour = forms.IntegerField(label=_("votes in favour"), required=False, min_value=0)
    against = forms.IntegerField(label=_("votes against"), required=False, min_value=0)
    abstained = forms.IntegerField(label=_("abstentions"), required=False, min_value=0)
    publicity_from = forms.DateField(label=_("publicity from"), required=False, widget=DATE)
    training_days = forms.DecimalField(
        label=_("training days"), required=False, min_value=0, max_digits=5, decimal_places=1
    )
    training_hours = forms.IntegerField(label=_("training hours"), required=False, min_value=0)
    notes = forms.CharField(label=_("notes"), required=False, max_length=300)

    VOTE_STEPS = (Step.ADMISSION_MEETING, Step.CONFIRMATION_MEETING)

    def __init__(self, *args, step=None, **kwargs):
        super().__init__(*args, **kwargs)
        for f in self.fields.values():
            f.widget.attrs.setdefault("class", "form-control")
        if step is not None:
            self.fields["step"].initial = step
            if step not in self.VOTE_STEPS:
                for name in ("expected", "present", "in_favour", "against", "abstained", "publicity_from"):
                    del self.fields[name]
            if step != Step.TRAINING:
                del self.fields["training_days"], self.fields["training_hours"]

    def step_data(self):
        return {
            k: v for k, v in self.cleaned_data.items() if k not in ("step", "done_on") and v not in (None, "")
        }


class DueForm(ScopedModelForm):
    class Meta:
        model = Due
        fields = ["member", "month", "base", "amount", "paid", "paid_on", "voluntary", "notes"]
        widgets = {"month": DATE, "paid_on": DATE}


class PaymentForm(forms.Form):
    amount = forms.DecimalField(label=_("amount paid"), min_value=0, max_digits=10, decimal_places=2)
    paid_on = forms.DateField(label=_("paid on"), widget=DATE)
    voluntary = forms.DecimalField(
        label=_("voluntary extra"), min_value=0, max_digits=10, decimal_places=2, required=False
    )


class TransferForm(ScopedModelForm):
    """The receiving branch may lie outside the user's scope: it is named by its org code, and
    the transfer then waits in that branch's inbox for acceptance."""

    to_org = forms.ModelChoiceField(
        queryset=Org.objects.all(),
        to_field_name="code",
        required=False,
        label=_("to branch"),
        help_text=_("The code of the receiving party organization (it may lie outside your scope)."),
        widget=forms.TextInput(),
    )

    class Meta:
        model = Transfer
        fields = [
            "kind",
            "member",
            "person",
            "to_org",
            "outside_org",
            "letter_kind",
            "letter_no",
            "valid_days",
            "dues_paid_until",
            "reason",
        ]
        widgets = {"dues_paid_until": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_org"].queryset = Org.objects.all()
        self.fields["to_org"].widget.attrs["class"] = "form-control"
        if self.instance.pk and self.instance.to_org_id:
            self.initial["to_org"] = self.instance.to_org.code


class MeetingAttendanceForm(ScopedModelForm):
    class Meta:
        model = MeetingAttendance
        fields = ["meeting", "member", "status", "reason"]


class MeetingForm(ScopedModelForm):
    class Meta:
        model = Meeting
        fields = ["org", "kind", "held_on", "topic", "expected", "present", "notes"]
        widgets = {"held_on": DATE, "notes": forms.Textarea(attrs={"rows": 4})}


MEETING_KINDS = MeetingKind
