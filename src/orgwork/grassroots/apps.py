from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrassrootsConfig(AppConfig):
    """Grassroots work: 先锋365 pledges and deeds, households in difficulty and pairings with
    visits, 行动支部 with activities, 书记项目, and 党建体检 health checks with weak-org flags.

    DESIGN.md places pledges and pairings under ``members`` and health checks under ``orgs``;
    they live here so that this module and the member registry could be built in parallel
    without touching each other's models. A party member is, for this app, a ``people.Person``
    with political status 01/02 attached to the subtree (``grassroots.services.party_members``,
    the one place to switch to the ``members.Member`` table later)."""

    name = "orgwork.grassroots"
    label = "grassroots"
    verbose_name = _("Grassroots work")

    def ready(self):
        from orgwork.demo.extensions import register_seeder
        from orgwork.grassroots import views  # noqa: F401 - registers the models in core.registry
        from orgwork.grassroots.demo import seed_grassroots

        register_seeder("grassroots", seed_grassroots, order=60)
        # 我的: the member's own 先锋365 pledges and deeds (app selfservice).
        from orgwork.grassroots.selfservice import PANEL
        from orgwork.selfservice.panels import Panel, register_panel

        register_panel(Panel(**PANEL))
