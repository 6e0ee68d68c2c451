"""The main menu; apps add their entries here, each guarded by the action it needs."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

__all__ = ["MENU", "menu_for"]

# (label, url name, icon, needs): needs is a data action in scope, or "global:<action>".
MENU = [
    (_("Organizations"), "orgs:org_tree", "sitemap", "view"),
    (_("People"), "people:person_list", "users", "view"),
    (_("Terms due"), "orgs:terms_due", "calendar-due", "view"),
    (_("Team seats"), "orgs:teamseat_list", "armchair", "view"),
    (_("Recycle bin"), "core:recycle_bin", "trash", "restore"),
    (_("Users"), "accounts:user_list", "user-cog", "global:manage_users"),
    (_("Working-day calendar"), "core:calendar", "calendar", "global:manage_system"),
    (_("Role grants"), "accounts:grant_list", "key", "global:manage_grants"),
    (_("Login history"), "accounts:login_history", "login", "global:view_login_history"),
    (_("Security policy"), "accounts:security_policy", "shield-lock", "global:manage_security"),
    (_("Change log"), "core:changelog_list", "history", "global:view_audit"),
]


def menu_for(user):
    from orgwork.accounts.scope import has_action, has_global_action

    if not getattr(user, "is_authenticated", False):
        return []
    items = []
    for label, name, icon, needs in MENU:
        ok = has_global_action(user, needs[7:]) if needs.startswith("global:") else has_action(user, needs)
        if not ok:
            continue
        try:
            items.append({"label": label, "url": reverse(name), "icon": icon})
        except NoReverseMatch:
            continue
    return items
