"""Tables of grassroots work."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from orgwork.core.tables import BaseTable
from orgwork.grassroots import models as m

__all__ = [
    "PledgeItemTable",
    "PledgeRoleTable",
    "DeedTable",
    "HouseholdTable",
    "PairingTable",
    "VisitTable",
    "ActionBranchTable",
    "ActionBranchMemberTable",
    "ActionActivityTable",
    "SecretaryProjectTable",
    "ProjectMilestoneTable",
    "ProjectEvidenceTable",
    "HealthCheckItemTable",
    "HealthCheckTable",
]


def _org():
    return tables.Column(
        linkify=True, order_by=("org_path",), verbose_name=pgettext_lazy("grassroots", "organization")
    )


class PledgeItemTable(BaseTable):
    name = tables.Column(linkify=True)
    org = _org()

    class Meta(BaseTable.Meta):
        model = m.PledgeItem
        fields = ("pk", "year", "name", "code", "target", "applies_to", "measure", "org", "position")
        default_columns = ("year", "name", "target", "applies_to", "measure", "org")


class PledgeRoleTable(BaseTable):
    person = tables.Column(linkify=True, order_by=("person__name_pinyin",))
    category = tables.Column(linkify=True)
    org = _org()

    class Meta(BaseTable.Meta):
        model = m.PledgeRole
        fields = ("pk", "person", "category", "org", "notes")
        default_columns = ("person", "category", "org", "notes")


class DeedTable(BaseTable):
    person = tables.Column(linkify=True, order_by=("person__name_pinyin",))
    description = tables.Column(linkify=True)
    org = _org()

    class Meta(BaseTable.Meta):
        model = m.Deed
        fields = ("pk", "person", "year", "item_code", "done_on", "description", "evidence", "org")
        default_columns = ("person", "item_code", "done_on", "description", "org")


class HouseholdTable(BaseTable):
    head_name = tables.Column(linkify=True)
    org = _org()

    class Meta(BaseTable.Meta):
        model = m.Household
        fields = (
            "pk",
            "head_name",
            "org",
            "difficulty",
            "size",
            "address",
            "phone",
            "registered_on",
            "closed_on",
        )
        default_columns = ("head_name", "org", "difficulty", "size", "address", "closed_on")


class PairingTable(BaseTable):
    household = tables.Column(linkify=True, order_by=("household__head_name",))
    person = tables.Column(linkify=True, order_by=("person__name_pinyin",))
    started_on = tables.Column(linkify=True)
    org = _org()

    class Meta(BaseTable.Meta):
        model = m.Pairing
        fields = ("pk", "household", "person", "started_on", "ended_on", "org")
        default_columns = ("household", "person", "started_on", "ended_on", "org")


class VisitTable(BaseTable):
    pairing = tables.Column(linkify=True, orderable=False)
    visited_on = tables.Column(linkify=True)
    org = _org()

    class Meta(BaseTable.Meta):
        model = m.Visit
        fields = ("pk", "visited_on", "pairing", "mode", "notes", "org")
        default_columns = ("visited_on", "pairing", "mode", "notes", "org")


class ActionBranchTable(BaseTable):
    name = tables.Column(linkify=True)
    org = _org()
    leader = tables.Column(linkify=True, order_by=("leader__name_pinyin",))

    class Meta(BaseTable.Meta):
        model = m.ActionBranch
        fields = ("pk", "name", "kind", "task", "leader", "org", "started_on", "ended_on")
        default_columns = ("name", "kind", "task", "org", "started_on", "ended_on")


class ActionBranchMemberTable(BaseTable):
    action_branch = tables.Column(linkify=True, order_by=("action_branch__name",))
    person = tables.Column(linkify=True, order_by=("person__name_pinyin",))
    home_org = tables.Column(linkify=True, verbose_name=_("home branch"))

    class Meta(BaseTable.Meta):
        model = m.ActionBranchMember
        fields = ("pk", "action_branch", "person", "home_org", "role", "joined_on")
        default_columns = ("action_branch", "person", "home_org", "role", "joined_on")


class ActionActivityTable(BaseTable):
    org = _org()
    title = tables.Column(linkify=True)
    action_branch = tables.Column(linkify=True, order_by=("action_branch__name",))

    class Meta(BaseTable.Meta):
        model = m.ActionActivity
        fields = ("pk", "held_on", "title", "action_branch", "org", "place", "served_count", "participants")
        default_columns = (
            "held_on",
            "title",
            "action_branch",
            "org",
            "place",
            "served_count",
            "participants",
        )


class SecretaryProjectTable(BaseTable):
    name = tables.Column(linkify=True)
    org = _org()
    secretary = tables.Column(linkify=True, order_by=("secretary__name_pinyin",))

    class Meta(BaseTable.Meta):
        model = m.SecretaryProject
        fields = ("pk", "year", "name", "org", "secretary", "status", "review_grade", "reviewed_on")
        default_columns = ("year", "name", "org", "secretary", "status", "review_grade")


class ProjectMilestoneTable(BaseTable):
    org = _org()
    title = tables.Column(linkify=True)
    project = tables.Column(linkify=True, order_by=("project__name",))

    class Meta(BaseTable.Meta):
        model = m.ProjectMilestone
        fields = ("pk", "project", "org", "title", "due_on", "done_on")
        default_columns = ("project", "org", "title", "due_on", "done_on")


class ProjectEvidenceTable(BaseTable):
    org = _org()
    title = tables.Column(linkify=True)
    project = tables.Column(linkify=True, order_by=("project__name",))

    class Meta(BaseTable.Meta):
        model = m.ProjectEvidence
        fields = ("pk", "project", "org", "title", "original_name", "size", "notes")
        default_columns = ("project", "org", "title", "original_name", "size")


class HealthCheckItemTable(BaseTable):
    name = tables.Column(linkify=True)
    org = _org()

    class Meta(BaseTable.Meta):
        model = m.HealthCheckItem
        fields = ("pk", "name", "code", "weight", "evidence_hint", "org", "position")
        default_columns = ("name", "weight", "evidence_hint", "org")


class HealthCheckTable(BaseTable):
    org = tables.Column(linkify=lambda record: record.get_absolute_url(), order_by=("org_path",))

    class Meta(BaseTable.Meta):
        model = m.HealthCheck
        fields = ("pk", "org", "year", "period", "checked_on", "total", "weak", "rectify_by", "rectified_on")
        default_columns = ("org", "year", "period", "checked_on", "total", "weak", "rectify_by")
