"""Menu entries of grassroots work (spliced into core.navigation.MENU; labels translated by this
app's catalogue). Household coverage is reached from the pledge page, secretary projects from
the action-branch page: the top bar has little room."""

from django.utils.translation import gettext_lazy as _

MENU = [
    (_("Pledge completion"), "grassroots:pledge_completion", "flag", "view"),
    (_("Action branches"), "grassroots:action_branch_dashboard", "run", "view"),
    (_("Health checks"), "grassroots:health_ranking", "heartbeat", "view"),
]
