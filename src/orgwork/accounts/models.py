"""Users and their role grants, each scoped to an org subtree."""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from orgwork.accounts.roles import GLOBAL_ROLES, SCOPED_ROLES, Role

__all__ = ["User", "RoleGrant", "ApiToken"]


class User(AbstractUser):
    """A person who logs in. Staff flags of Django are unused: what a user may do comes from grants."""

    display_name = models.CharField(_("display name"), max_length=50, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    must_change_password = models.BooleanField(_("must change password"), default=True)
    password_changed_at = models.DateTimeField(_("password changed at"), null=True, blank=True)
    # The person this login belongs to: the self-service pages (``/me/``, app selfservice) show
    # them their own records without any scoped grant. Set by whoever manages users.
    person = models.OneToOneField(
        "people.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="user_account",
        help_text=_("The person this account belongs to: they see their own records under “Mine”."),
    )

    # Never copied into the change log: the hash, and the login time that changes on every login.
    audit_exclude = ("password", "last_login")

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.display_name or self.username

    def set_password(self, raw_password):
        super().set_password(raw_password)
        self.password_changed_at = timezone.now()


class RoleGrant(models.Model):
    """A role held by a user; data roles are scoped to the subtree under ``org``."""

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="grants")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    org = models.ForeignKey(
        "orgs.Org",
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    org_path = models.CharField(_("org path"), max_length=255, blank=True, editable=False)
    can_view_sensitive = models.BooleanField(
        _("may view sensitive data"),
        default=False,
        help_text=_("Unmasked ID numbers; every view is audited."),
    )
    granted_by = models.ForeignKey(
        User, verbose_name=_("granted by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("granted at"), default=timezone.now)

    class Meta:
        verbose_name = _("role grant")
        verbose_name_plural = _("role grants")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "org"], name="accounts_rolegrant_unique"),
        ]

    def __str__(self):
        if self.org_id:
            return f"{self.user} · {self.get_role_display()} · {self.org}"
        return f"{self.user} · {self.get_role_display()}"

    def clean(self):
        if self.role in SCOPED_ROLES and not self.org_id:
            raise ValidationError({"org": _("This role needs an organization: it is scoped to a subtree.")})
        if self.role in GLOBAL_ROLES and self.org_id:
            raise ValidationError({"org": _("This role is not scoped to an organization.")})

    def save(self, *args, **kwargs):
        self.org_path = self.org.path if self.org_id else ""
        super().save(*args, **kwargs)


class ApiTokenQuerySet(models.QuerySet):
    def active(self, now=None):
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now)


class ApiToken(models.Model):
    """A personal key for the REST API. Only its SHA-256 hash is stored: the key is shown once, when
    it is issued. A token acts as its user, with the same grants and scopes as the pages."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("What the token is for, e.g. the program using it.")
    )
    prefix = models.CharField(_("key prefix"), max_length=16, editable=False)
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("expires at"))
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        User,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    audit_exclude = ("key_hash", "last_used_at")

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return "{} ({}…)".format(self.name, self.prefix)

    @property
    def is_revoked(self):
        return self.revoked_at is not None

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()

    @property
    def is_active(self):
        return not self.is_revoked and not self.is_expired
