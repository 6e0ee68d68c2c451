"""Menu entries of the cadres app (spliced into core.navigation.MENU; labels in this app's catalogue).
Three entries only, the menu bar is shared; the dashboard links to the other lists."""

from django.utils.translation import gettext_lazy as _

__all__ = ["MENU"]

MENU = [
    (_("Cadres"), "cadres:cadre_list", "id-badge-2", "view"),
    (_("Cadre dashboard"), "cadres:dashboard", "chart-radar", "view"),
    (_("Vacancies"), "cadres:vacancy_list", "user-search", "view"),
]
