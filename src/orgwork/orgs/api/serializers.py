"""API serializers of the org tree: related objects as ids, writes through the services."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from orgwork.core.api.serializers import ScopedModelSerializer
from orgwork.orgs import services
from orgwork.orgs.forms import OrgForm, TeamSeatForm, TermForm
from orgwork.orgs.models import Org, TeamSeat, Term

__all__ = ["OrgSerializer", "TermSerializer", "TeamSeatSerializer"]

META = ["id", "version", "created_at", "updated_at"]


class OrgSerializer(ScopedModelSerializer):
    """An org node. ``parent`` is set on create (the path is allocated then); moving a subtree is
    its own verb, so changing ``parent`` on update is refused."""

    class Meta:
        model = Org
        # The editable fields are the edit form's (one list for both doors), plus the tree position.
        fields = [*META, *OrgForm.Meta.fields, "path", "depth"]
        read_only_fields = ["path", "depth"]
        extra_kwargs = {"parent": {"required": True, "allow_null": False}}

    def validate_parent(self, value):
        if self.instance is not None and value != self.instance.parent:
            raise serializers.ValidationError(_("Moving an organization is its own action; use “Move”."))
        return value

    def perform_create(self, obj, actor):
        return services.create_org(obj, actor=actor)


class TermSerializer(ScopedModelSerializer):
    class Meta:
        model = Term
        fields = [*META, *TermForm.Meta.fields]
        extra_kwargs = {"ends_on": {"required": False}}


class TeamSeatSerializer(ScopedModelSerializer):
    class Meta:
        model = TeamSeat
        fields = [*META, *TeamSeatForm.Meta.fields]
