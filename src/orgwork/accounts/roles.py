"""Roles and what each may do. 三员分立: the system, security and audit admins each hold one job,
none can do another's, and none sees personal data (they hold no org-scoped grant by default)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["Role", "ROLE_ACTIONS", "SCOPED_ROLES", "GLOBAL_ROLES", "DATA_ACTIONS", "ADMIN_ROLES"]


class Role(models.TextChoices):
    SYSTEM_ADMIN = "system_admin", _("system administrator")
    SECURITY_ADMIN = "security_admin", _("security administrator")
    AUDITOR = "auditor", _("auditor")
    ORG_ADMIN = "org_admin", _("organization administrator")
    ORG_STAFF = "org_staff", _("organization staff")
    VIEWER = "viewer", _("read-only viewer")


# Actions on the data of a subtree.
DATA_ACTIONS = {"view", "add", "change", "delete", "restore", "move", "import", "export", "view_sensitive"}

ROLE_ACTIONS = {
    Role.SYSTEM_ADMIN: {"manage_system", "manage_users"},
    Role.SECURITY_ADMIN: {"manage_grants", "manage_security", "view_login_history"},
    Role.AUDITOR: {"view_audit", "export_audit", "purge_audit"},
    Role.ORG_ADMIN: {
        "view",
        "add",
        "change",
        "delete",
        "restore",
        "move",
        "import",
        "export",
        "view_sensitive",
    },
    Role.ORG_STAFF: {"view", "add", "change", "import", "export"},
    Role.VIEWER: {"view", "export"},
}

SCOPED_ROLES = {Role.ORG_ADMIN, Role.ORG_STAFF, Role.VIEWER}
GLOBAL_ROLES = {Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDITOR}
ADMIN_ROLES = GLOBAL_ROLES
