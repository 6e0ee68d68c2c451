from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "orgwork.orgs"
    label = "orgs"
    verbose_name = _("Organizations")

    def ready(self):
        from orgwork.orgs.services import seat_affiliations
        from orgwork.people.services import register_affiliation_source

        register_affiliation_source(seat_affiliations)
        # Registration (core.registry) happens where the views are declared; load it with the app
        # so that every door (pages, tests, commands) sees the same registry.
        from orgwork.orgs import views  # noqa: F401
