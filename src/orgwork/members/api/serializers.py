"""API serializers of the member registry: the edit forms' fields, derived figures read-only;
the state of a recruitment or a transfer changes only through its verbs (pages)."""

from rest_framework import serializers

from orgwork.core.api.serializers import ScopedModelSerializer
from orgwork.members.choices import Step
from orgwork.members.forms import (
    DueForm,
    MeetingAttendanceForm,
    MeetingForm,
    MemberForm,
    RecruitmentForm,
    RecruitmentStepForm,
    TransferForm,
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

__all__ = [
    "MemberSerializer",
    "RecruitmentSerializer",
    "RecruitmentStepSerializer",
    "DueSerializer",
    "TransferSerializer",
    "MeetingSerializer",
    "MeetingAttendanceSerializer",
]

BASE = ["id", "version", "created_at", "updated_at"]


class MemberSerializer(ScopedModelSerializer):
    party_years = serializers.SerializerMethodField()
    monthly_due = serializers.DecimalField(max_digits=8, decimal_places=2, read_only=True)

    class Meta:
        model = Member
        fields = [*BASE, *MemberForm.Meta.fields, "party_years", "monthly_due"]

    def get_party_years(self, obj) -> int | None:
        return obj.party_years


class RecruitmentSerializer(ScopedModelSerializer):
    class Meta:
        model = Recruitment
        fields = [
            *BASE,
            *RecruitmentForm.Meta.fields,
            "stage",
            "last_step",
            "activist_on",
            "candidate_on",
            "admitted_on",
            "approved_on",
            "extended_months",
            "confirmed_on",
        ]
        read_only_fields = [
            "stage",
            "last_step",
            "activist_on",
            "candidate_on",
            "admitted_on",
            "approved_on",
            "extended_months",
            "confirmed_on",
        ]


class TransferSerializer(ScopedModelSerializer):
    class Meta:
        model = Transfer
        fields = [
            *BASE,
            *TransferForm.Meta.fields,
            "org",
            "state",
            "issued_on",
            "accepted_on",
            "receipt_on",
            "history",
        ]
        read_only_fields = ["org", "state", "issued_on", "accepted_on", "receipt_on", "history"]

    def get_fields(self):
        fields = super().get_fields()
        # The receiving branch may lie outside the user's scope (it accepts in its own inbox).
        if "to_org" in fields and not fields["to_org"].read_only:
            fields["to_org"].queryset = Org.objects.all()
        return fields


class MeetingSerializer(ScopedModelSerializer):
    class Meta:
        model = Meeting
        fields = [*BASE, *MeetingForm.Meta.fields]


class RecruitmentStepSerializer(ScopedModelSerializer):
    """A new step goes through ``members.services.record_step`` (its rules refuse with a reason)."""

    # Declared: a model choice field's integer bounds would otherwise follow the database.
    step = serializers.ChoiceField(choices=Step.choices)

    class Meta:
        model = RecruitmentStep
        fields = [*BASE, *RecruitmentStepForm.Meta.fields]

    def perform_create(self, obj, actor):
        from orgwork.members.services import record_step

        data = {
            f: getattr(obj, f)
            for f in RecruitmentStepForm.Meta.fields
            if f not in ("recruitment", "step", "done_on") and getattr(obj, f) not in (None, "")
        }
        return record_step(obj.recruitment, obj.step, done_on=obj.done_on, actor=actor, **data).step


class DueSerializer(ScopedModelSerializer):
    class Meta:
        model = Due
        fields = [*BASE, *DueForm.Meta.fields]


class MeetingAttendanceSerializer(ScopedModelSerializer):
    class Meta:
        model = MeetingAttendance
        fields = [*BASE, *MeetingAttendanceForm.Meta.fields]
