"""The main menu; apps add their entries here, each guarded by the action it needs."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from orgwork.cadres.menu import MENU as CADRES_MENU  # cadres app (issue 6)

__all__ = ["MENU", "SECTIONS", "Menu", "menu_for", "menu_groups"]

from orgwork.grassroots.menu import MENU as _GRASSROOTS_MENU  # noqa: E402 - app grassroots
from orgwork.talent.menu import MENU as _TALENT_MENU  # noqa: E402 - talent app (issue 8)

# (label, url name, icon, needs): needs is a data action in scope, "global:<action>", or "person"
# (the account is linked to a person: the self-service portal).
MENU = [
    (_("Mine"), "selfservice:me", "user-circle", "person"),
    (_("Organizations"), "orgs:org_tree", "sitemap", "view"),
    (_("People"), "people:person_list", "users", "view"),
    (_("Terms due"), "orgs:terms_due", "calendar-due", "view"),
    # --- app members: registry, recruitment, dues, transfers, meetings, statistics
    (_("Party members"), "members:member_list", "user-star", "view"),
    (_("Recruitment of party members"), "members:due_this_month", "list-check", "view"),
    (_("Transfers"), "members:transfer_inbox", "arrows-exchange", "view"),
    (_("Party dues"), "members:dues_ledger", "coin-yuan", "view"),
    (_("Meetings"), "members:meeting_completeness", "calendar-event", "view"),
    (_("Member statistics"), "members:stats", "chart-bar", "view"),
    # --- end of app members
    (_("Team seats"), "orgs:teamseat_list", "armchair", "view"),
    # --- training (app training): classes; hours and statistics are linked from its list ---
    (_("Training classes"), "training:course_list", "school", "view"),
    (_("Training-hour requirements"), "training:tiers", "adjustments", "global:manage_system"),
    # --- grassroots (app grassroots): 先锋365, households, action branches, projects, health checks
    *_GRASSROOTS_MENU,
    # casework (issue 7)
    (_("My cases"), "casework:my_cases", "checklist", "change"),
    (_("Cases"), "casework:case_list", "message-report", "view"),
    (_("Supervision"), "casework:supervision", "alarm", "view"),
    (_("Casework statistics"), "casework:stats", "chart-bar", "view"),
    (_("Casework settings"), "casework:settings", "adjustments", "global:manage_system"),
    # cadres app (issue 6): records, dashboard, vacancies, assignments, reserve pool, appointments
    *CADRES_MENU,
    # talent app (issue 8): registry, map, plan, programs, cards, liaison, stations, challenges
    *_TALENT_MENU,
    (_("Recycle bin"), "core:recycle_bin", "trash", "restore"),
    (_("Users"), "accounts:user_list", "user-cog", "global:manage_users"),
    (_("Working-day calendar"), "core:calendar", "calendar", "global:manage_system"),
    (_("Role grants"), "accounts:grant_list", "key", "global:manage_grants"),
    (_("Login history"), "accounts:login_history", "login", "global:view_login_history"),
    (_("Security policy"), "accounts:security_policy", "shield-lock", "global:manage_security"),
    (_("Change log"), "core:changelog_list", "history", "global:view_audit"),
]


# The top bar shows one entry per section (a drop-down when the user may open more than one of its
# pages); an entry belongs to the section of its URL namespace.
SECTIONS = [
    ("orgs", _("Organizations"), "sitemap", ("orgs", "people")),
    ("members", _("Party members"), "users-group", ("members", "grassroots")),
    ("cadres", _("Cadres"), "id-badge-2", ("cadres", "training")),
    ("casework", _("Casework"), "message-report", ("casework",)),
    ("talent", _("Talent"), "bulb", ("talent",)),
    ("system", _("System"), "settings", ("core", "accounts")),
    ("me", _("Mine"), "user-circle", ("selfservice",)),
]
_SECTION_OF = {ns: key for key, _label, _icon, spaces in SECTIONS for ns in spaces}


def menu_groups(items, active_url=""):
    """The user's menu entries grouped by section, in the order of SECTIONS."""
    groups = []
    for key, label, icon, _spaces in SECTIONS:
        mine = [i for i in items if i.get("section", "system") == key]
        if mine:
            groups.append(
                {
                    "key": key,
                    "label": label,
                    "icon": icon,
                    "items": mine,
                    "active": any(i["url"] == active_url for i in mine),
                }
            )
    return groups


class Menu(list):
    """The entries a user may open; ``key`` names the entries (the same key, the same entries)."""

    key = None


# Menus by key: a menu depends only on the user's role grants (role, subtree, sensitive), whether the
# account is linked to a person, and the URL prefix; it was rebuilt twice a page (the page and the
# table each run the context processors), 60 reverse() and grant checks each time.
_MENUS: dict = {}
_MAX_MENUS = 512


def menu_for(user):
    from django.urls import get_script_prefix, get_urlconf

    from orgwork.accounts.scope import _grants

    if not getattr(user, "is_authenticated", False):
        return Menu()
    key = (
        tuple(sorted(_grants(user))),  # the whole grants: a menu entry may come to need any of them
        getattr(user, "person_id", None) is not None,
        get_script_prefix(),
        get_urlconf(),
    )
    items = _MENUS.get(key)
    if items is None:
        items = _build_menu(user)
        if len(_MENUS) >= _MAX_MENUS:
            _MENUS.clear()
        _MENUS[key] = items
    menu = Menu(dict(item) for item in items)
    menu.key = key
    return menu


def _build_menu(user):
    from orgwork.accounts.scope import has_action, has_global_action

    items = []
    for label, name, icon, needs in MENU:
        if needs == "person":
            ok = getattr(user, "person_id", None) is not None
        elif needs.startswith("global:"):
            ok = has_global_action(user, needs[7:])
        else:
            ok = has_action(user, needs)
        if not ok:
            continue
        try:
            url = reverse(name)
            items.append(
                {
                    "label": label,
                    "url": url,
                    "icon": icon,
                    "section": _SECTION_OF.get(name.split(":")[0], "system"),
                }
            )
        except NoReverseMatch:
            continue
    return items
