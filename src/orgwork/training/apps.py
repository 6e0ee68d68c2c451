from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "orgwork.training"
    label = "training"
    verbose_name = _("Training")

    def ready(self):
        from django.apps import apps

        from orgwork.demo.extensions import register_seeder
        from orgwork.training import views  # noqa: F401 - registers the models in core.registry
        from orgwork.training.demo import seed_training

        # After the cadres seeder (order 30), so that cadres exist when classes are seeded.
        register_seeder("training", seed_training, order=40)
        # Hundreds of thousands of enrollments at city scale: their foreign keys (and those to
        # classes and sessions) are searched, never listed in full.
        from orgwork.core.widgets import AUTOCOMPLETE_MODELS

        AUTOCOMPLETE_MODELS.update({"training.course", "training.session", "training.enrollment"})
        if apps.is_installed("orgwork.cadres"):
            from orgwork.training.integration import connect_cadres

            connect_cadres()
