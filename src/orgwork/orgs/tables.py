"""Tables of the org tree."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from orgwork.core.tables import BaseTable
from orgwork.orgs.models import Org, TeamSeat, Term

__all__ = ["OrgTable", "TermTable", "TeamSeatTable"]


class OrgTable(BaseTable):
    name = tables.Column(linkify=True)
    parent = tables.Column(linkify=True, order_by=("parent__path",))

    class Meta(BaseTable.Meta):
        model = Org
        fields = (
            "pk",
            "name",
            "short_name",
            "code",
            "kind",
            "level",
            "sector",
            "parent",
            "division_code",
            "established_on",
        )
        default_columns = ("name", "code", "kind", "level", "sector", "parent")
        order_by = ("path",)


class TermTable(BaseTable):
    org = tables.Column(linkify=True, order_by=("org_path",))
    number = tables.Column(linkify=("orgs:term_detail", [tables.A("pk")]))
    status = tables.TemplateColumn(
        template_name="orgs/_term_status.html", verbose_name=_("status"), orderable=False
    )

    class Meta(BaseTable.Meta):
        model = Term
        fields = ("pk", "org", "number", "started_on", "ends_on", "ended_on", "election_method", "status")
        default_columns = ("org", "number", "started_on", "ends_on", "ended_on", "status")


class TeamSeatTable(BaseTable):
    org = tables.Column(linkify=True, order_by=("org_path",))
    person = tables.Column(linkify=True, order_by=("person__name_pinyin",))
    role = tables.Column(
        linkify=lambda record: record.get_absolute_url() if hasattr(record, "get_absolute_url") else None
    )

    class Meta(BaseTable.Meta):
        model = TeamSeat
        fields = ("pk", "org", "team", "role", "person", "started_on", "ended_on", "notes")
        default_columns = ("org", "team", "role", "person", "started_on", "ended_on")
