"""Verbs on accounts: users (system admin), role grants (security admin), second factors.

Each verb is atomic and writes its own audit row in the same transaction. 三员分立 (MLPS 2.0
level 3, 8.1.4.2 d / 8.1.5) is enforced here, in ``grant_role``, so no door can bypass it.
"""

import secrets
from base64 import b32encode
from urllib.parse import quote, urlencode

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from orgwork.accounts.models import RoleGrant, User
from orgwork.accounts.policy import SecurityPolicy, get_policy
from orgwork.accounts.roles import GLOBAL_ROLES, SCOPED_ROLES, Role
from orgwork.core.audit import record_change, record_event, snapshot
from orgwork.core.models import ChangeLogAction

__all__ = [
    "user_roles",
    "otp_required",
    "needs_otp",
    "password_expired",
    "create_user",
    "update_user",
    "set_user_active",
    "reset_password",
    "record_password_changed",
    "unlock_user",
    "is_locked_out",
    "grant_role",
    "revoke_role",
    "start_totp_enrolment",
    "confirm_totp_device",
    "totp_config_url",
    "generate_backup_codes",
    "reset_second_factor",
    "has_confirmed_device",
]

BACKUP_CODE_COUNT = 10
SESSION_OTP_ENROLLED = "otp_enrolled"
SESSION_LOGIN_AT = "login_at"
SESSION_LAST_SEEN = "last_seen"


def _forget_grants(user) -> None:
    user.__dict__.pop("_orgwork_grants", None)


def user_roles(user) -> set[str]:
    """The roles ``user`` holds (read through the per-request grant cache of accounts.scope)."""
    from orgwork.accounts.scope import _grants

    return {role for role, _path, _sensitive in _grants(user)}


# ---------------------------------------------------------------- policy checks (middleware)


def otp_required(user, policy: SecurityPolicy | None = None) -> bool:
    """Does the policy require a second factor of ``user`` (by default: the three admin roles)?"""
    policy = policy or get_policy()
    return bool(user_roles(user) & set(policy.totp_required_roles))


def has_confirmed_device(user) -> bool:
    from django_otp import user_has_device

    return user_has_device(user, confirmed=True)


def needs_otp(request, policy: SecurityPolicy | None = None) -> bool:
    """Must this session still pass a TOTP check? Required roles always; any other user who chose
    to enrol a device must use it too (otherwise optional enrolment would protect nothing). Whether
    the user has a device is remembered in the session, so this costs no query per request."""
    user = request.user
    if not getattr(user, "is_authenticated", False):
        return False
    is_verified = getattr(user, "is_verified", None)
    if is_verified is not None and is_verified():
        return False
    if otp_required(user, policy):
        return True
    enrolled = request.session.get(SESSION_OTP_ENROLLED)
    if enrolled is None:
        enrolled = has_confirmed_device(user)
        request.session[SESSION_OTP_ENROLLED] = enrolled
    return bool(enrolled)


def password_expired(user, policy: SecurityPolicy | None = None) -> bool:
    """Forced change at first login / after a reset, and every ``password_max_age_days`` (MLPS
    8.1.4.1 a, "changed periodically"; 0 turns rotation off)."""
    if user.must_change_password:
        return True
    from django.utils import timezone

    max_age = (policy or get_policy()).password_max_age_days
    if max_age and user.password_changed_at:
        return (timezone.now() - user.password_changed_at).days >= max_age
    return False


# ---------------------------------------------------------------- users (system admin)


def _validate_new_password(password: str, user: User) -> None:
    validate_password(password, user)


@transaction.atomic
def create_user(*, username: str, password: str, actor, display_name: str = "", phone: str = "") -> User:
    """A new account with an initial password that must be changed at first login (MLPS 8.1.4.1 a)."""
    username = username.strip()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("The username “{}” is already taken.").format(username)})
    user = User(username=username, display_name=display_name, phone=phone, must_change_password=True)
    _validate_new_password(password, user)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    record_change(user, ChangeLogAction.CREATE, actor=actor)
    return user


_UNCHANGED = object()


@transaction.atomic
def update_user(user: User, *, actor, display_name: str, phone: str, person=_UNCHANGED) -> User:
    """Edit an account; ``person`` (a Person or None) links the login to the person it belongs to,
    whose own records the self-service pages then show (one account per person)."""
    before = snapshot(user)
    user.display_name = display_name
    user.phone = phone
    fields = ["display_name", "phone"]
    if person is not _UNCHANGED:
        if person is not None and User.objects.filter(person=person).exclude(pk=user.pk).exists():
            raise ValidationError(
                {"person": _("{} is already linked to another account.").format(person.name)}
            )
        user.person = person
        fields.append("person")
    user.full_clean(exclude=["password"])
    user.save(update_fields=fields)
    record_change(user, ChangeLogAction.UPDATE, actor=actor, before=before)
    return user


@transaction.atomic
def set_user_active(user: User, active: bool, *, actor) -> User:
    """Disable or re-enable an account (MLPS 8.1.4.2 c). A disabled user's sessions stop working at
    once: the authentication backend refuses inactive users on every request (ASVS 7.4.2)."""
    if actor is not None and getattr(actor, "pk", None) == user.pk and not active:
        raise ValidationError(_("You cannot deactivate your own account."))
    if user.is_active == active:
        return user
    before = snapshot(user)
    user.is_active = active
    user.save(update_fields=["is_active"])
    record_change(
        user,
        ChangeLogAction.UPDATE,
        actor=actor,
        before=before,
        note="reactivated" if active else "deactivated",
    )
    return user


@transaction.atomic
def reset_password(user: User, password: str, *, actor) -> User:
    """Set a temporary password that the user must change at next login. Changing the password
    also ends the user's open sessions (Django's session auth hash)."""
    if actor is not None and getattr(actor, "pk", None) == user.pk:
        raise ValidationError(_("Change your own password with “Change password”."))
    _validate_new_password(password, user)
    before = snapshot(user)
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "password_changed_at", "must_change_password"])
    record_change(user, ChangeLogAction.UPDATE, actor=actor, before=before, note="password reset")
    return user


@transaction.atomic
def record_password_changed(user: User) -> None:
    """The user changed their own password (the form has set it): clear the forced change, audit."""
    before = snapshot(user)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password", "password_changed_at"])
    record_change(user, ChangeLogAction.UPDATE, actor=user, before=before, note="password changed")


def is_locked_out(user: User) -> bool:
    """Is the account locked by django-axes right now?"""
    from axes.models import AccessAttempt
    from django.utils import timezone

    from orgwork.accounts.policy import axes_cooloff_time, axes_failure_limit

    since = timezone.now() - axes_cooloff_time()
    return AccessAttempt.objects.filter(
        username=user.username, failures_since_start__gte=axes_failure_limit(), attempt_time__gte=since
    ).exists()


@transaction.atomic
def unlock_user(user: User, *, actor) -> int:
    """Clear the failed attempts of ``user`` (django-axes), before the cool-off ends."""
    from axes.utils import reset

    count = reset(username=user.username)
    record_event(
        ChangeLogAction.UPDATE, actor=actor, obj=user, note="unlocked", data={"cleared_attempts": count}
    )
    return count


# ---------------------------------------------------------------- grants (security admin)


def _separation_error(user: User, role: str, held: set[str]) -> str | None:
    """Why ``role`` may not be added to ``held`` under 三员分立, or None."""
    role_label = Role(role).label
    if role in GLOBAL_ROLES:
        others = held - {role}
        if others & GLOBAL_ROLES:
            other = sorted(others & GLOBAL_ROLES)[0]
            return _(
                "Separation of the three administrators: user “{user}” is already {held} and cannot also be {role}."
            ).format(user=user, held=Role(other).label, role=role_label)
        if others & SCOPED_ROLES:
            return _(
                "Separation of the three administrators: a {role} may hold no business data role. "
                "Revoke the business roles of user “{user}” first."
            ).format(role=role_label, user=user)
    elif role in SCOPED_ROLES:
        admin = held & GLOBAL_ROLES
        if admin:
            return _(
                "Separation of the three administrators: user “{user}” is {held} and may hold no business "
                "data role ({role})."
            ).format(user=user, held=Role(sorted(admin)[0]).label, role=role_label)
    return None


@transaction.atomic
def grant_role(user, role, org=None, *, actor, can_view_sensitive=False) -> RoleGrant:
    """Give ``user`` a role: scoped roles on an org subtree, the three admin roles globally.

    三员分立 (MLPS 2.0 level 3 8.1.5): a holder of system_admin, security_admin or auditor holds no
    other of the three and no data role, so none of them does another's job or sees personal data.
    Nobody changes their own grants.
    """
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    if actor is not None and getattr(actor, "pk", None) == user.pk:
        raise ValidationError(_("You cannot change your own role grants."))
    # Serialize grants of one user (PostgreSQL row lock; SQLite transactions are IMMEDIATE), so two
    # concurrent grants cannot both pass the separation check.
    User.objects.select_for_update().filter(pk=user.pk).first()
    held = set(RoleGrant.objects.filter(user=user).values_list("role", flat=True))
    if role in SCOPED_ROLES and org is None:
        raise ValidationError({"org": _("A grant of {} must name an organization.").format(Role(role).label)})
    if role in GLOBAL_ROLES:
        if org is not None:
            raise ValidationError(
                {
                    "org": _("{} is a global role and cannot be scoped to an organization.").format(
                        Role(role).label
                    )
                }
            )
        if can_view_sensitive:
            raise ValidationError(
                _(
                    "Separation of the three administrators: a {} may not view sensitive personal data."
                ).format(Role(role).label)
            )
        if role in held:
            raise ValidationError(
                _("User “{user}” is already {role}.").format(user=user, role=Role(role).label)
            )
    error = _separation_error(user, role, held)
    if error:
        raise ValidationError(error, code="separation_of_duties")
    if org is not None and RoleGrant.objects.filter(user=user, role=role, org=org).exists():
        raise ValidationError(
            _("User “{user}” already holds this role in “{org}”.").format(user=user, org=org)
        )
    grant = RoleGrant(
        user=user,
        role=role,
        org=org,
        can_view_sensitive=can_view_sensitive,
        granted_by=actor if getattr(actor, "pk", None) else None,
    )
    grant.full_clean()
    grant.save()
    record_change(grant, ChangeLogAction.GRANT, actor=actor)
    _forget_grants(user)
    return grant


@transaction.atomic
def revoke_role(grant: RoleGrant, *, actor) -> None:
    """Take a role back; the user's next request already runs without it."""
    if actor is not None and getattr(actor, "pk", None) == grant.user_id:
        raise ValidationError(_("You cannot change your own role grants."))
    before = snapshot(grant)
    # An empty "after" (record_change would otherwise snapshot the row that is about to go).
    record_change(grant, ChangeLogAction.REVOKE, actor=actor, before=before, after={})
    grant.delete()
    _forget_grants(grant.user)


# ---------------------------------------------------------------- second factor


def totp_config_url(device: TOTPDevice) -> str:
    """The otpauth:// URL an authenticator app reads from the QR code."""
    issuer = str(getattr(settings, "ORGWORK", {}).get("TOTP_ISSUER", "OrgWork")).replace(":", "")
    label = "{}:{}".format(issuer, device.user.get_username())
    params = urlencode(
        {"secret": secret_base32(device), "algorithm": "SHA1", "digits": device.digits, "period": device.step}
    )
    return "otpauth://totp/{}?{}&issuer={}".format(quote(label), params, quote(issuer))


def secret_base32(device: TOTPDevice) -> str:
    return b32encode(device.bin_key).decode("ascii").rstrip("=")


@transaction.atomic
def start_totp_enrolment(user: User) -> TOTPDevice:
    """The user's unconfirmed TOTP device, created on first call (a reload shows the same secret)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="TOTP", confirmed=False)
    return device


@transaction.atomic
def confirm_totp_device(device: TOTPDevice, token: str, *, actor) -> bool:
    """Confirm an enrolment with a token from the app; older devices of the user are replaced."""
    if not device.verify_token(token):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    record_event(ChangeLogAction.CREATE, actor=actor, obj=device.user, note="TOTP device enrolled")
    return True


@transaction.atomic
def generate_backup_codes(user: User, *, actor) -> list[str]:
    """Ten single-use backup codes (django-otp static device); older codes stop working."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="backup", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [
        "{:04d}-{:04d}".format(secrets.randbelow(10000), secrets.randbelow(10000))
        for _i in range(BACKUP_CODE_COUNT)
    ]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    record_event(ChangeLogAction.UPDATE, actor=actor, obj=user, note="backup codes generated")
    return codes


@transaction.atomic
def reset_second_factor(user: User, *, actor) -> int:
    """Remove every second-factor device of ``user`` (a lost phone); they enrol again at next login.
    A security-admin verb: the system admin, who resets passwords, cannot also reset the second
    factor, so neither of them alone can take over another account."""
    if actor is not None and getattr(actor, "pk", None) == user.pk:
        raise ValidationError(_("You cannot reset your own two-factor authentication."))
    count = TOTPDevice.objects.filter(user=user).delete()[0]
    count += StaticDevice.objects.filter(user=user).delete()[0]
    record_event(
        ChangeLogAction.UPDATE, actor=actor, obj=user, note="second factor reset", data={"devices": count}
    )
    return count
