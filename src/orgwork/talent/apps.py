from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class TalentConfig(AppConfig):
    name = "orgwork.talent"
    label = "talent"
    verbose_name = pgettext_lazy("talent", "Talent")

    def ready(self):
        from orgwork.casework.kinds import CaseKind, register_kind
        from orgwork.demo.extensions import register_seeder
        from orgwork.talent import (
            rules,
            views,  # noqa: F401 - registers the models in core.registry
        )
        from orgwork.talent.demo import seed_talent

        # One-stop service requests run on the casework engine as their own kind
        # (docs/dev/casework-kinds.md); categories and days: talent.rules.
        register_kind(
            CaseKind(
                code=rules.SERVICE_KIND,
                label=_("talent service requests"),
                sources=(
                    ("talent_office", _("talent office")),
                    ("talent", _("the talent")),
                    ("talent_card", _("talent card holder")),
                    ("enterprise", pgettext_lazy("talent", "employer")),
                ),
                categories=rules.SERVICE_CATEGORIES,
                default_days=rules.SERVICE_DEFAULT_DAYS,
                days_by_category=rules.SERVICE_DAYS,
                co_days_offset=2,
            )
        )
        # After training (order 40): talents are people of the base seed.
        register_seeder("talent", seed_talent, order=50)
        from orgwork.core.widgets import AUTOCOMPLETE_MODELS

        AUTOCOMPLETE_MODELS.update({"talent.talent"})
        # 我的: the talent's own record and service requests (app selfservice).
        from orgwork.selfservice.panels import Panel, register_panel
        from orgwork.talent.selfservice import PANEL

        register_panel(Panel(**PANEL))
