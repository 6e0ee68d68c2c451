"""API serializers of grassroots work: related objects as ids, writes through the services."""

from django.urls import reverse
from rest_framework import serializers

from orgwork.core.api.serializers import ScopedModelSerializer
from orgwork.grassroots import forms as f
from orgwork.grassroots import models as m

__all__ = [
    "PledgeItemSerializer",
    "PledgeRoleSerializer",
    "DeedSerializer",
    "HouseholdSerializer",
    "PairingSerializer",
    "VisitSerializer",
    "ActionBranchSerializer",
    "ActionBranchMemberSerializer",
    "ActionActivitySerializer",
    "SecretaryProjectSerializer",
    "ProjectMilestoneSerializer",
    "ProjectEvidenceSerializer",
    "HealthCheckItemSerializer",
    "HealthCheckSerializer",
]

META = ["id", "version", "created_at", "updated_at"]


def _serializer(model, form, extra=(), read_only=()):
    meta = type(
        "Meta",
        (),
        {"model": model, "fields": [*META, *form.Meta.fields, *extra], "read_only_fields": list(read_only)},
    )
    return type(
        model.__name__ + "Serializer", (ScopedModelSerializer,), {"Meta": meta, "__doc__": model.__doc__}
    )


PledgeItemSerializer = _serializer(m.PledgeItem, f.PledgeItemForm)
PledgeRoleSerializer = _serializer(m.PledgeRole, f.PledgeRoleForm)
DeedSerializer = _serializer(m.Deed, f.DeedForm)
HouseholdSerializer = _serializer(m.Household, f.HouseholdForm)
PairingSerializer = _serializer(m.Pairing, f.PairingForm, extra=("org",), read_only=("org",))
VisitSerializer = _serializer(m.Visit, f.VisitForm, extra=("org",), read_only=("org",))
ActionBranchSerializer = _serializer(m.ActionBranch, f.ActionBranchForm)
ActionBranchMemberSerializer = _serializer(
    m.ActionBranchMember, f.ActionBranchMemberForm, extra=("org", "home_org"), read_only=("org", "home_org")
)
ActionActivitySerializer = _serializer(
    m.ActionActivity, f.ActionActivityForm, extra=("org",), read_only=("org",)
)
SecretaryProjectSerializer = _serializer(m.SecretaryProject, f.SecretaryProjectForm)
ProjectMilestoneSerializer = _serializer(
    m.ProjectMilestone, f.ProjectMilestoneForm, extra=("org",), read_only=("org",)
)
HealthCheckItemSerializer = _serializer(m.HealthCheckItem, f.HealthCheckItemForm)
HealthCheckSerializer = _serializer(
    m.HealthCheck,
    f.HealthCheckForm,
    extra=(
        "scores",
        "total",
        "weak",
        "weak_reason",
        "rectification_plan",
        "flagged_on",
        "rectify_by",
        "rectified_on",
    ),
    read_only=(
        "scores",
        "total",
        "weak",
        "weak_reason",
        "rectification_plan",
        "flagged_on",
        "rectify_by",
        "rectified_on",
    ),
)


class ProjectEvidenceSerializer(ScopedModelSerializer):
    """Evidence of a secretary project. Files are uploaded on the project page; the API gives the
    scoped download address."""

    download_url = serializers.SerializerMethodField()

    class Meta:
        model = m.ProjectEvidence
        fields = [*META, *f.ProjectEvidenceForm.Meta.fields, "org", "original_name", "size", "download_url"]
        read_only_fields = ["org", "original_name", "size"]

    def get_download_url(self, obj) -> str | None:
        if not obj.has_file:
            return None
        return reverse("grassroots:evidence_download", args=[obj.pk])
