"""OpenAPI generation: every operation documents the error responses it can give, all with the one
``Error`` body of core.api.errors."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse

from orgwork.core.api.errors import ErrorSerializer

__all__ = ["OrgWorkAutoSchema"]

ERROR_DESCRIPTIONS = {
    "400": _("Invalid input (request body or filters); messages per field in ``errors``."),
    "401": _("No credentials, or an unknown, expired or revoked token."),
    "403": _("Signed in, but this action is not allowed (role, second factor, password change)."),
    "404": _("Not found, or outside the user's part of the tree (the two look the same)."),
    "409": _("Stale ``version``: somebody else changed the record since it was read."),
    "429": _("Too many requests; see the Retry-After header."),
}


class OrgWorkAutoSchema(AutoSchema):
    def _error_codes(self) -> list[str]:
        codes = ["401", "403"]
        method = self.method.upper()
        is_detail = "{" in self.path
        if method in ("POST", "PUT", "PATCH", "DELETE") or (method == "GET" and not is_detail):
            codes.append("400")  # body, filters, or a deletion the model refuses
        if is_detail:
            codes.append("404")
        if method in ("PUT", "PATCH") and is_detail:
            codes.append("409")
        codes.append("429")
        return sorted(codes)

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for code in self._error_codes():
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    OpenApiResponse(ErrorSerializer, description=ERROR_DESCRIPTIONS[code]), code
                )
        return responses
