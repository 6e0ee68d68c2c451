"""State-changing verbs of a registered model through the API: POST /api/<app>/<model>/{id}/<verb>/.

A verb calls the same service function as the page, so the rules are the same: a refusal by the
rules (``ValidationError``) is a 400 with the reason, an act the user may not do for this object
(``PermissionDenied``) a 403, and an object outside the user's view scope a 404. The answer is the
object as it stands after the verb. Modules declare their verbs as a table and attach them to a
mixin with ``add_verbs``; the mixin goes into ``register(..., api_mixins=(Mixin,))``. The inputs'
recurring shapes (a note, a reason, a date that defaults to today) are the fields below."""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from orgwork.core.api.serializers import validation_error

__all__ = [
    "VerbsMixin",
    "add_verbs",
    "note_field",
    "reason_field",
    "optional_date_field",
    "NoteInput",
    "RequiredNoteInput",
]

NOTE_LENGTH = 2000


def note_field(*, max_length: int = NOTE_LENGTH):
    """A verb's optional note: blank when not given."""
    return serializers.CharField(required=False, allow_blank=True, default="", max_length=max_length)


def reason_field(*, max_length: int = NOTE_LENGTH):
    """A text the verb cannot do without (a reason, a required note, a reply)."""
    return serializers.CharField(max_length=max_length)


def optional_date_field(*, help_text):
    """A date the service takes as today when it is blank or absent."""
    return serializers.DateField(required=False, allow_null=True, help_text=help_text)


# The inputs of the verbs that take at most a note, and a note only (no docstrings: the schema would
# show them on every input built on these).
class NoteInput(serializers.Serializer):
    note = note_field()


class RequiredNoteInput(serializers.Serializer):
    note = reason_field()


def _make_action(verb, input_cls, call, summary):
    def handler(self, request, pk=None):
        obj = self.get_object()
        data = input_cls(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        try:
            result = call(obj, request.user, data.validated_data)
        except DjangoValidationError as exc:
            raise validation_error(exc) from None
        obj.refresh_from_db()
        body = self.get_serializer(obj).data
        warnings = getattr(result, "warnings", None)
        if warnings:
            body = {**body, "warnings": [str(w) for w in warnings]}
        return Response(body)

    handler.__name__ = verb.replace("-", "_")
    handler.__doc__ = str(summary)
    return extend_schema(request=input_cls, summary=summary)(
        action(detail=True, methods=["post"], url_path=verb, url_name=verb)(handler)
    )


class VerbsMixin:
    """A verb reads its object within the user's view scope; whether the user may do the verb is
    the service's (or the verb's own) decision, a 403 otherwise."""

    verb_names: frozenset = frozenset()

    def get_scope_action(self):
        if getattr(self, "action", None) in self.verb_names:
            return "view"
        return super().get_scope_action()


def add_verbs(mixin, verbs: dict):
    """Attach one POST action per entry of ``verbs`` — ``{url part: (input serializer class,
    call(obj, user, validated_data), summary)}`` — to ``mixin`` (a ``VerbsMixin``). A call may
    return an object with ``warnings``: they are added to the answer."""
    names = set(mixin.verb_names)
    for verb, (input_cls, call, summary) in verbs.items():
        name = verb.replace("-", "_")
        names.add(name)
        setattr(mixin, name, _make_action(verb, input_cls, call, summary))
    mixin.verb_names = frozenset(names)
    return mixin
