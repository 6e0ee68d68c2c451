"""Serializer bases for the REST API: related objects limited to the user's scope, writes through
core.services (audited, versioned), model validation errors as field errors."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import connection
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.exceptions import APIException

from orgwork.core import services
from orgwork.core.models import ChangeLog

__all__ = ["Conflict", "ScopedModelSerializer", "ChangeLogSerializer", "validation_error"]


class Conflict(APIException):
    """HTTP 409: the record was changed by somebody else since the client read it."""

    status_code = 409
    default_detail = _("Somebody else has changed this record. Reload it and try again.")
    default_code = "stale_version"


# Bounds of integer columns as PostgreSQL (the production database) has them. Django derives the
# bounds from the current connection, so without these the API would accept larger numbers on SQLite
# than on PostgreSQL, and the OpenAPI schema would differ between the two.
PORTABLE_INTEGER_RANGES = {
    "SmallIntegerField": (-32768, 32767),
    "PositiveSmallIntegerField": (0, 32767),
    "IntegerField": (-2147483648, 2147483647),
    "PositiveIntegerField": (0, 2147483647),
    "BigIntegerField": (-9223372036854775808, 9223372036854775807),
    "PositiveBigIntegerField": (0, 9223372036854775807),
}


def validation_error(exc: DjangoValidationError) -> serializers.ValidationError:
    return serializers.ValidationError(detail=serializers.as_serializer_error(exc))


class ScopedModelSerializer(serializers.ModelSerializer):
    """Base of every registered model's serializer.

    * Related objects are ids, offered (and accepted) only within the user's scope for the write's
      action ("add" on create, "change" on update), as the forms do.
    * ``version`` is read back and may be sent on update: a stale one is refused with 409.
    * ``create``/``update`` go through the services, never ``Model.save`` directly.
    """

    version = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=_("Send the version you read to have a stale update refused (409)."),
    )

    def build_standard_field(self, field_name, model_field):
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        internal = model_field.get_internal_type()
        if internal in PORTABLE_INTEGER_RANGES:
            db_min, db_max = connection.ops.integer_field_range(internal)
            low, high = PORTABLE_INTEGER_RANGES[internal]
            # Replace only the bounds that came from the database, not a model's own validators.
            if kwargs.get("min_value") == db_min:
                kwargs["min_value"] = low
            if kwargs.get("max_value") == db_max:
                kwargs["max_value"] = high
        return field_class, kwargs

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        user = getattr(request, "user", None)
        action = "change" if self.instance is not None else "add"
        for f in fields.values():
            if f.read_only:
                continue
            target = f.child_relation if isinstance(f, serializers.ManyRelatedField) else f
            qs = getattr(target, "queryset", None)
            if qs is not None and hasattr(qs, "restrict"):
                target.queryset = qs.restrict(user, action) if user is not None else qs.none()
        return fields

    # --- writes through the services -------------------------------------------------------------
    def perform_create(self, obj, actor):
        """Hook for models with their own create verb (orgs: path allocation)."""
        return services.create_object(obj, actor=actor)

    def create(self, validated_data):
        validated_data.pop("version", None)
        obj = self.Meta.model(**validated_data)
        try:
            return self.perform_create(obj, self.context["request"].user)
        except DjangoValidationError as exc:
            raise validation_error(exc) from None

    def update(self, instance, validated_data):
        expected = validated_data.pop("version", None)
        for name, value in validated_data.items():
            setattr(instance, name, value)
        try:
            return services.update_object(
                instance, actor=self.context["request"].user, expected_version=expected
            )
        except services.StaleEditError as exc:
            raise Conflict(str(exc)) from None
        except DjangoValidationError as exc:
            raise validation_error(exc) from None


class ChangeLogSerializer(serializers.ModelSerializer):
    object_type = serializers.SerializerMethodField()

    class Meta:
        model = ChangeLog
        fields = [
            "id",
            "time",
            "user",
            "user_name",
            "request_id",
            "ip",
            "action",
            "object_type",
            "object_id",
            "object_repr",
            "before",
            "after",
            "note",
        ]
        read_only_fields = fields

    def get_object_type(self, obj) -> str | None:
        ct = obj.content_type
        return "{}.{}".format(ct.app_label, ct.model) if ct else None
