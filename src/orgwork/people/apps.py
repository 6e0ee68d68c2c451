from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "orgwork.people"
    label = "people"
    verbose_name = _("People")

    def ready(self):
        from orgwork.people import views  # noqa: F401 - registers Person in core.registry
