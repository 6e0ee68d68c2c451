"""Personal API tokens: issue (the key is returned once, only its SHA-256 hash is kept), check,
revoke. Issuing and revoking are audited.

A token is a bearer credential that skips the login form and the second factor, so it can only be
issued from a session that already passed them: the security middleware sends a user whose role
requires TOTP to the TOTP check before any page (the token page included), and ``issue_token``
checks it again (``session_verified``)."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from orgwork.accounts.models import ApiToken
from orgwork.core.audit import record_event
from orgwork.core.models import ChangeLogAction

__all__ = [
    "KEY_PREFIX",
    "default_days",
    "max_days",
    "hash_key",
    "issue_token",
    "revoke_token",
    "find_token",
    "touch",
]

KEY_PREFIX = "ow_"
# Shown beside the token's name so its owner can tell tokens apart; 8 random characters are not
# enough to guess the rest (the key has 240 random bits).
SHOWN_CHARS = len(KEY_PREFIX) + 8
LAST_USED_RESOLUTION = timedelta(minutes=1)


def default_days() -> int:
    return int(getattr(settings, "API_TOKEN_DEFAULT_DAYS", 90))


def max_days() -> int:
    return int(getattr(settings, "API_TOKEN_MAX_DAYS", 365))


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def issue_token(user, *, name: str, days: int | None = None, session_verified: bool) -> tuple[ApiToken, str]:
    """A new token of ``user``; returns it and the key, which is never stored nor shown again."""
    from orgwork.accounts.services import otp_required

    if otp_required(user) and not session_verified:
        raise PermissionDenied(_("Pass the two-factor check before creating an API token."))
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name.")})
    days = default_days() if days is None else int(days)
    if not 1 <= days <= max_days():
        raise ValidationError({"days": _("A token is valid for 1 to {} days.").format(max_days())})
    key = KEY_PREFIX + secrets.token_urlsafe(30)
    now = timezone.now()
    token = ApiToken.objects.create(
        user=user,
        name=name[:100],
        prefix=key[:SHOWN_CHARS],
        key_hash=hash_key(key),
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    record_event(
        ChangeLogAction.CREATE,
        actor=user,
        obj=token,
        note="API token issued to {}".format(user.username),
        data={
            "user": user.username,
            "name": token.name,
            "prefix": token.prefix,
            "expires_at": token.expires_at,
        },
    )
    return token, key


@transaction.atomic
def revoke_token(token: ApiToken, *, actor) -> ApiToken:
    """Revoke ``token`` (its owner, or a security admin); revoking twice is a no-op."""
    from orgwork.accounts.scope import has_global_action

    if token.user_id != actor.pk and not has_global_action(actor, "manage_security"):
        raise PermissionDenied
    if token.revoked_at is not None:
        return token
    token.revoked_at = timezone.now()
    token.revoked_by = actor
    token.save(update_fields=["revoked_at", "revoked_by"])
    record_event(
        ChangeLogAction.REVOKE,
        actor=actor,
        obj=token,
        note="API token of {} revoked".format(token.user.username),
        data={"user": token.user.username, "name": token.name, "prefix": token.prefix},
    )
    return token


def find_token(key: str) -> ApiToken | None:
    return ApiToken.objects.select_related("user").filter(key_hash=hash_key(key)).first()


def touch(token: ApiToken) -> None:
    """Record the use, at most once a minute per token (one UPDATE, no read)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
