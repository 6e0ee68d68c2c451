"""One JSON shape for every API error (400, 401, 403, 404, 405, 409, 429, …):

    {"code": "invalid", "detail": "提交的数据有误。", "errors": {"birth_date": ["…"]}}

``code`` is stable and meant for programs, ``detail`` is a Chinese sentence meant for people, and
``errors`` maps a field name to its messages (empty unless the request body or the filters were
invalid; errors not tied to one field are under ``non_field_errors``)."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, serializers
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

__all__ = ["ErrorSerializer", "DeleteRefused", "error_body", "exception_handler"]

NON_FIELD = api_settings.NON_FIELD_ERRORS_KEY


class ErrorSerializer(serializers.Serializer):
    """The body of every error response (documented once, as the ``Error`` component)."""

    code = serializers.CharField(
        help_text=gettext_lazy(
            "Stable error code: invalid, not_authenticated, authentication_failed, token_invalid, "
            "token_expired, token_revoked, permission_denied, not_found, method_not_allowed, "
            "stale_version, delete_refused, throttled, …"
        )
    )
    detail = serializers.CharField(help_text=gettext_lazy("What went wrong, in words for people."))
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text=gettext_lazy("Messages per field (empty unless the input was invalid)."),
    )


class DeleteRefused(exceptions.APIException):
    """The model refuses the deletion (e.g. an org that still has children)."""

    status_code = 400
    default_code = "delete_refused"
    default_detail = gettext_lazy("This record cannot be deleted.")


def _flatten(detail, prefix="") -> dict[str, list[str]]:
    """DRF error detail (dicts of lists, possibly nested) as ``{"field" or "a.0.b": [messages]}``."""
    out: dict[str, list[str]] = {}
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = "{}.{}".format(prefix, key) if prefix else str(key)
            for k, v in _flatten(value, name).items():
                out.setdefault(k, []).extend(v)
    elif isinstance(detail, list):
        for i, value in enumerate(detail):
            if isinstance(value, dict | list):
                name = "{}.{}".format(prefix, i) if prefix else str(i)
                for k, v in _flatten(value, name).items():
                    out.setdefault(k, []).extend(v)
            else:
                out.setdefault(prefix or NON_FIELD, []).append(str(value))
    else:
        out.setdefault(prefix or NON_FIELD, []).append(str(detail))
    return out


def error_body(code: str, detail: str, errors: dict | None = None) -> dict:
    return {"code": code, "detail": str(detail), "errors": errors or {}}


def _code_of(exc: exceptions.APIException) -> str:
    detail = exc.detail
    code = getattr(detail, "code", None)
    return str(code or exc.default_code)


def exception_handler(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:  # not an API exception: a 500, left to Django (logged, generic page)
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = _flatten(exc.detail)
        body = error_body("invalid", _("The data sent is not valid; see the errors of each field."), errors)
    elif isinstance(exc, exceptions.Throttled):
        body = error_body(
            "throttled", _("Too many requests; try again in {} seconds.").format(int(exc.wait or 1))
        )
    elif isinstance(exc, exceptions.ParseError):
        body = error_body("parse_error", _("The request body could not be read (malformed JSON?)."))
    elif isinstance(exc, exceptions.NotFound):
        body = error_body("not_found", _("Not found."))
    elif isinstance(exc, exceptions.APIException):
        body = error_body(_code_of(exc), str(exc.detail))
    response.data = body
    return response
