"""API authentication by personal token (accounts.ApiToken): ``Authorization: Token <key>`` or
``Authorization: Bearer <key>``. An unknown, expired or revoked token is a 401 with a Chinese
message; the token's user then has exactly the grants and scopes they have on the pages. A user whose
password must be changed (after a reset by an administrator, or when it is older than the policy
allows) gets 403 ``password_change_required`` as a session would: a token does not outlive the
password rules of the account that made it."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from orgwork.accounts import tokens

__all__ = ["ApiTokenAuthentication"]

KEYWORDS = (b"token", b"bearer")


class TokenError(exceptions.AuthenticationFailed):
    def __init__(self, detail, code):
        super().__init__(detail, code)


class ApiTokenAuthentication(BaseAuthentication):
    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() not in KEYWORDS:
            return None
        if len(parts) != 2:
            raise TokenError(_("Malformed Authorization header: use “Token <key>”."), "token_malformed")
        try:
            key = parts[1].decode("ascii")
        except UnicodeError:
            raise TokenError(_("Invalid API token."), "token_invalid") from None
        token = tokens.find_token(key)
        if token is None:
            raise TokenError(_("Invalid API token."), "token_invalid")
        if token.is_revoked:
            raise TokenError(_("This API token has been revoked."), "token_revoked")
        if token.is_expired:
            raise TokenError(_("This API token has expired; create a new one."), "token_expired")
        if not token.user.is_active:
            raise TokenError(_("This account is disabled."), "user_inactive")
        from orgwork.accounts.services import password_expired

        if password_expired(token.user):
            raise exceptions.PermissionDenied(
                _("Your password must be changed on the pages first."), "password_change_required"
            )
        tokens.touch(token)
        return token.user, token

    def authenticate_header(self, request):
        # Makes DRF answer 401 (with WWW-Authenticate) rather than 403 to an unauthenticated call.
        return "Token"


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = ApiTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": str(
                _("Personal API token (account menu → API tokens), sent as “Token <key>” or “Bearer <key>”.")
            ),
        }
