from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "orgwork.members"
    label = "members"
    verbose_name = _("Party members")

    def ready(self):
        from orgwork.demo.extensions import register_seeder
        from orgwork.members.seed import seed_members
        from orgwork.members.services import member_affiliations
        from orgwork.people.services import register_affiliation_source

        register_affiliation_source(member_affiliations)
        register_seeder("members", seed_members, order=10)
        from orgwork.members import views  # noqa: F401 - registers the models in core.registry

        # 我的: the member's own membership, dues, transfers and recruitment (app selfservice).
        from orgwork.members.selfservice import PANEL
        from orgwork.selfservice.panels import Panel, register_panel

        register_panel(Panel(**PANEL))
