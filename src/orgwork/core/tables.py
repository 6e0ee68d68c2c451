"""Table bases: selectable columns remembered per user, a selection checkbox for bulk edit."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from orgwork.core.models import ChangeLog

__all__ = ["BaseTable", "ChangeLogTable"]


class BaseTable(tables.Table):
    """``visible`` picks the shown columns among the table's own; ``fixed`` ones cannot be hidden."""

    pk = tables.CheckBoxColumn(
        accessor="pk",
        attrs={
            "th__input": {"class": "form-check-input js-select-all"},
            "td__input": {"class": "form-check-input", "form": "bulk-form"},
        },
    )
    fixed = ("pk",)

    def __init__(self, *args, request=None, user=None, visible=None, **kwargs):
        self.request_user = user
        super().__init__(*args, **kwargs)
        default = getattr(self.Meta, "default_columns", None)
        chosen = visible or default
        if chosen:
            for name in self.columns.names():
                if name not in self.fixed and name not in chosen:
                    self.columns.hide(name)

    def column_choices(self):
        out = []
        for name in self.base_columns:
            if name in self.fixed:
                continue
            out.append(
                (
                    name,
                    self.base_columns[name].verbose_name or name,
                    self.columns[name].visible if name in self.columns.names() else False,
                )
            )
        return out

    class Meta:
        attrs = {"class": "table table-vcenter table-hover card-table"}
        template_name = "core/table.html"


class ChangeLogTable(tables.Table):
    time = tables.DateTimeColumn(format="Y-m-d H:i:s", verbose_name=_("time"))
    object_type = tables.Column(accessor="content_type", verbose_name=_("object type"), orderable=False)
    changes = tables.TemplateColumn(
        template_name="core/_changelog_diff.html", verbose_name=_("changes"), orderable=False
    )

    class Meta:
        model = ChangeLog
        fields = ("time", "user_name", "action", "object_type", "object_repr", "request_id", "ip", "note")
        sequence = (
            "time",
            "user_name",
            "action",
            "object_type",
            "object_repr",
            "changes",
            "note",
            "request_id",
            "ip",
        )
        attrs = {"class": "table table-vcenter card-table table-sm"}
