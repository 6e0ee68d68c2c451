"""Tables for people: the ID number column is always masked (unmasking is a per-person, audited act)."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from orgwork.core.tables import BaseTable
from orgwork.people.models import Person

__all__ = ["PersonTable"]


class PersonTable(BaseTable):
    name = tables.Column(linkify=True, order_by=("name_pinyin",))
    id_number = tables.Column(
        accessor="masked_id_number", verbose_name=_("ID number"), order_by=("id_number",)
    )
    registered_org = tables.Column(verbose_name=_("registered by"), order_by=("registered_org__path",))

    class Meta(BaseTable.Meta):
        model = Person
        fields = (
            "pk",
            "name",
            "sex",
            "birth_date",
            "id_number",
            "ethnicity",
            "education",
            "political_status",
            "phone",
            "registered_org",
        )
        default_columns = (
            "name",
            "sex",
            "birth_date",
            "id_number",
            "education",
            "political_status",
            "registered_org",
        )
        order_by = ("name",)
