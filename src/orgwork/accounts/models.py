"""Users and their role grants, each scoped to an org subtree."""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from orgwork.accounts.roles import GLOBAL_ROLES, SCOPED_ROLES, Role

__all__ = ["User", "RoleGrant"]


class User(AbstractUser):
    """A person who logs in. Staff flags of Django are unused: what a user may do comes from grants."""

    display_name = models.CharField(_("display name"), max_length=50, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    must_change_password = models.BooleanField(_("must change password"), default=True)
    password_changed_at = models.DateTimeField(_("password changed at"), null=True, blank=True)

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
