"""The security policy: configurable at run time (core.Setting "SECURITY_POLICY"), defaulting to
MLPS 2.0 level 3 (GB/T 22239-2019 8.1.4.1; shared/reference/PEERS.md §4.2).

The middleware reads the policy on every request, so it is cached per process for a few seconds:
at most one query per process every ``CACHE_SECONDS``. A change made in this process is seen at
once; other processes see it within ``CACHE_SECONDS``.
"""

import threading
import time
from dataclasses import asdict, dataclass, field, fields
from datetime import timedelta

from django.conf import settings
from django.db import transaction

from orgwork.accounts.roles import ADMIN_ROLES, Role

__all__ = [
    "SecurityPolicy",
    "SETTING_KEY",
    "CACHE_SECONDS",
    "default_policy",
    "get_policy",
    "set_policy",
    "clear_policy_cache",
    "axes_failure_limit",
    "axes_cooloff_time",
]

SETTING_KEY = "SECURITY_POLICY"
CACHE_SECONDS = 5.0


def _orgwork(key, default):
    return getattr(settings, "ORGWORK", {}).get(key, default)


@dataclass(frozen=True)
class SecurityPolicy:
    """One consistent set of security settings; every field has an MLPS 2.0 level 3 default."""

    # Password: at least 10 characters of 3 of 4 classes (MLPS "complexity"), changed every 90 days
    # (MLPS "periodic change"; 0 switches rotation off, as ASVS 6.2.10 would have it).
    password_min_length: int = 10
    password_min_classes: int = 3
    password_max_age_days: int = 90
    # Sessions: ASVS 3.3.2 L2 and common MLPS practice, 30 minutes idle and 12 hours absolute.
    session_idle_minutes: int = 30
    session_absolute_hours: int = 12
    # Lockout (django-axes): 5 failures lock the account for 30 minutes.
    lockout_failures: int = 5
    lockout_minutes: int = 30
    # Second factor (MLPS 8.1.4.1 d, ASVS 4.3.1): required for the three admin roles.
    totp_required_roles: tuple[str, ...] = field(default_factory=lambda: tuple(sorted(ADMIN_ROLES)))

    @property
    def idle_seconds(self) -> int:
        return self.session_idle_minutes * 60

    @property
    def absolute_seconds(self) -> int:
        return self.session_absolute_hours * 3600

    def as_dict(self) -> dict:
        data = asdict(self)
        data["totp_required_roles"] = list(self.totp_required_roles)
        return data

    @classmethod
    def from_dict(cls, data: dict | None, base: "SecurityPolicy | None" = None) -> "SecurityPolicy":
        """Known keys of ``data`` over ``base``; unknown keys and values of the wrong type are ignored
        so a damaged row can never switch the policy off."""
        base = base or default_policy()
        values = base.as_dict()
        for f in fields(cls):
            if not data or f.name not in data:
                continue
            value = data[f.name]
            if f.name == "totp_required_roles":
                if isinstance(value, list | tuple):
                    values[f.name] = [r for r in value if r in Role.values]
            elif isinstance(value, int) and not isinstance(value, bool) and value >= 0:
                values[f.name] = value
        values["totp_required_roles"] = tuple(sorted(set(values["totp_required_roles"])))
        return cls(**values)


def default_policy() -> SecurityPolicy:
    """The defaults: settings.ORGWORK and Django's session age, else MLPS 2.0 level 3."""
    return SecurityPolicy(
        password_max_age_days=int(_orgwork("PASSWORD_MAX_AGE_DAYS", 90)),
        session_idle_minutes=int(getattr(settings, "SESSION_COOKIE_AGE", 1800)) // 60,
        session_absolute_hours=int(_orgwork("SESSION_ABSOLUTE_HOURS", 12)),
        totp_required_roles=tuple(sorted(_orgwork("TOTP_REQUIRED_ROLES", sorted(ADMIN_ROLES)))),
    )


_lock = threading.Lock()
_cache: dict = {"policy": None, "at": 0.0}


def clear_policy_cache() -> None:
    with _lock:
        _cache["policy"] = None
        _cache["at"] = 0.0


def get_policy() -> SecurityPolicy:
    """The policy in force (cached per process for ``CACHE_SECONDS``)."""
    now = time.monotonic()
    policy = _cache["policy"]
    if policy is not None and now - _cache["at"] < CACHE_SECONDS:
        return policy
    from django.db import DatabaseError

    from orgwork.core.settings_store import get_setting

    try:
        stored = get_setting(SETTING_KEY, None)
    except DatabaseError:
        # No table yet (manage.py check / migrate on an empty database): the defaults, not cached.
        return default_policy()
    policy = SecurityPolicy.from_dict(stored)
    with _lock:
        _cache["policy"] = policy
        _cache["at"] = now
    return policy


@transaction.atomic
def set_policy(policy: SecurityPolicy, *, actor) -> SecurityPolicy:
    """Store ``policy`` (audited by set_setting in the same transaction) and drop the cache."""
    from orgwork.core.settings_store import set_setting

    set_setting(SETTING_KEY, policy.as_dict(), actor=actor)
    clear_policy_cache()
    # A rollback after this point must not leave another value cached.
    transaction.on_commit(clear_policy_cache)
    return policy


# django-axes reads these (settings.AXES_FAILURE_LIMIT / AXES_COOLOFF_TIME may name callables).
def axes_failure_limit(request=None, credentials=None) -> int:
    return max(1, get_policy().lockout_failures)


def axes_cooloff_time(request=None) -> timedelta:
    return timedelta(minutes=max(1, get_policy().lockout_minutes))
