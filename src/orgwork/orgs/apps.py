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
