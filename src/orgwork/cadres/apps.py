from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CadresConfig(AppConfig):
    name = "orgwork.cadres"
    label = "cadres"
    verbose_name = _("Cadres")

    def ready(self):
        from orgwork.cadres import services, views  # noqa: F401 - registrations and archive sources
        from orgwork.cadres.demo import seed_cadres
        from orgwork.demo.extensions import register_seeder

        register_seeder("cadres", seed_cadres, order=30)
        # Tens of thousands of cadres: their foreign keys are searched, never listed in full.
        from orgwork.core.widgets import AUTOCOMPLETE_MODELS

        AUTOCOMPLETE_MODELS.add("cadres.cadre")
        # 我的: the cadre's own post, training hours, growth archive and assignments (app selfservice).
        from orgwork.cadres.selfservice import PANEL
        from orgwork.selfservice.panels import Panel, register_panel

        register_panel(Panel(**PANEL))
