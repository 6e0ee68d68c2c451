import django_tables2 as tables
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from orgwork.casework.models import Case
from orgwork.core.tables import BaseTable

__all__ = ["CaseTable"]


class CaseTable(BaseTable):
    title = tables.Column(linkify=True)
    source = tables.Column(accessor="get_source_display", order_by=("source",), verbose_name=_("source"))
    category = tables.Column(
        accessor="get_category_display",
        order_by=("category",),
        verbose_name=pgettext_lazy("casework", "category"),
    )
    org = tables.Column(verbose_name=_("registering organization"), order_by=("org_path",))
    lead_org = tables.Column(verbose_name=_("lead org"), order_by=("lead_org__path",))

    class Meta(BaseTable.Meta):
        model = Case
        fields = (
            "pk",
            "title",
            "source",
            "category",
            "priority",
            "state",
            "raised_on",
            "raised_by_name",
            "org",
            "lead_org",
            "due_on",
            "supervised",
            "overdue",
            "reopen_count",
            "satisfaction",
        )
        default_columns = (
            "title",
            "source",
            "category",
            "state",
            "raised_on",
            "org",
            "lead_org",
            "due_on",
            "overdue",
        )
        order_by = ("-raised_on",)

    def value_source(self, record):
        return record.get_source_display()

    def value_category(self, record):
        return record.get_category_display()
