"""API serializer of people. The ID number is always masked in API output for now; the unmasked
number is shown only by the audited reveal action of the pages (people.views.RevealIdView)."""

from orgwork.core.api.serializers import ScopedModelSerializer
from orgwork.people.forms import PersonForm
from orgwork.people.models import Person

__all__ = ["PersonSerializer"]


class PersonSerializer(ScopedModelSerializer):
    class Meta:
        model = Person
        # The editable fields are the edit form's (one list for both doors), plus the derived pinyin.
        fields = ["id", "version", "created_at", "updated_at", "name_pinyin", *PersonForm.Meta.fields]
        read_only_fields = ["name_pinyin"]

    def validate_id_number(self, value):
        value = (value or "").strip().upper()
        if self.instance is not None and (not value or value == self.instance.masked_id_number):
            # Blank or the masked value read back: unchanged.
            return self.instance.id_number
        return value or None

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["id_number"] = instance.masked_id_number if instance.id_number else None
        return data
