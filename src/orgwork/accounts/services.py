"""Verbs on accounts: grant and revoke roles (audited), the TOTP requirement."""

from django.conf import settings
from django.db import transaction

from orgwork.accounts.models import RoleGrant
from orgwork.core.audit import record_change
from orgwork.core.models import ChangeLogAction

__all__ = ["grant_role", "revoke_role", "user_roles", "needs_otp"]


def user_roles(user) -> set[str]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(user.grants.values_list("role", flat=True))


@transaction.atomic
def grant_role(user, role, org=None, *, actor, can_view_sensitive=False) -> RoleGrant:
    grant = RoleGrant(user=user, role=role, org=org, can_view_sensitive=can_view_sensitive, granted_by=actor if getattr(actor, "pk", None) else None)
    grant.full_clean()
    grant.save()
    record_change(grant, ChangeLogAction.GRANT, actor=actor)
    user.__dict__.pop("_orgwork_grants", None)
    return grant


@transaction.atomic
def revoke_role(grant: RoleGrant, *, actor):
    from orgwork.core.audit import snapshot

    before = snapshot(grant)
    record_change(grant, ChangeLogAction.REVOKE, actor=actor, before=before, after=None)
    grant.delete()


def needs_otp(request) -> bool:
    """Admin roles must pass a TOTP check each session (django-otp)."""
    user = request.user
    required = set(settings.ORGWORK["TOTP_REQUIRED_ROLES"])
    if not (user_roles(user) & required):
        return False
    return not user.is_verified()
