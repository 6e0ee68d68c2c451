"""API of cases: the record through the serializer; a new case is registered through its verb.
The state columns are read-only (they derive from the events)."""

from orgwork.casework.forms import CaseForm
from orgwork.casework.models import Case
from orgwork.casework.state import ROLLUP_FIELDS
from orgwork.core.api.serializers import ScopedModelSerializer

__all__ = ["CaseSerializer"]

_ROLLUP = [f.removesuffix("_id") for f in ROLLUP_FIELDS]


class CaseSerializer(ScopedModelSerializer):
    class Meta:
        model = Case
        fields = [
            "id",
            "version",
            "created_at",
            "updated_at",
            *CaseForm.Meta.fields,
            *_ROLLUP,
        ]
        read_only_fields = _ROLLUP

    def perform_create(self, obj, actor):
        from orgwork.casework.services import register_case

        return register_case(obj, actor=actor)
