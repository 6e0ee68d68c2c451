from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The menu entries of casework live in core.navigation; their Chinese is in this app's catalogue.
MENU_LABELS = (_("My cases"), _("Cases"))


class CaseworkConfig(AppConfig):
    name = "orgwork.casework"
    label = "casework"
    verbose_name = _("Casework")

    def ready(self):
        from orgwork.casework import views  # noqa: F401 - registers Case in core.registry
        from orgwork.casework.demo import seed_cases
        from orgwork.demo.extensions import register_seeder

        register_seeder("casework", seed_cases, order=60)
