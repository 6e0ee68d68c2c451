"""Tables of cadre work."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from orgwork.cadres.models import (
    Appointment,
    Appraisal,
    ArchiveNote,
    Assignment,
    AssignmentBatch,
    Cadre,
    CadrePost,
    CohortTarget,
    ContestResult,
    Education,
    Evaluation,
    FamilyMember,
    ReserveEntry,
    RewardSanction,
    Vacancy,
)
from orgwork.core.tables import BaseTable

__all__ = [
    "CadreTable",
    "CadrePostTable",
    "EducationTable",
    "AppraisalTable",
    "RewardSanctionTable",
    "FamilyMemberTable",
    "ReserveEntryTable",
    "CohortTargetTable",
    "EvaluationTable",
    "AssignmentBatchTable",
    "AssignmentTable",
    "ContestResultTable",
    "ArchiveNoteTable",
    "VacancyTable",
    "AppointmentTable",
]


class CadreTable(BaseTable):
    name = tables.Column(
        accessor="person__name",
        verbose_name=pgettext_lazy("cadres", "name"),
        linkify=lambda record: record.get_absolute_url(),
        order_by=("person__name_pinyin",),
    )
    birth_date = tables.DateColumn(accessor="person__birth_date", verbose_name=_("birth date"), format="Y-m")
    org = tables.Column(verbose_name=_("current unit"), order_by=("org__path",))

    class Meta(BaseTable.Meta):
        model = Cadre
        fields = (
            "pk",
            "name",
            "birth_date",
            "org",
            "title",
            "rank",
            "rank_since",
            "track",
            "selected_graduate",
            "management",
            "work_started_on",
        )
        default_columns = ("name", "birth_date", "org", "title", "rank", "rank_since", "track")
        order_by = ("org",)


def _table(model, fields, default=None, link="cadre"):
    attrs = {"__module__": __name__}
    cols = list(fields)
    if link == "cadre":
        attrs["cadre"] = tables.Column(
            verbose_name=_("cadre"), linkify=True, order_by=("cadre__person__name_pinyin",)
        )
    first = cols[0]
    if first not in attrs:
        attrs[first] = tables.Column(linkify=lambda record: record.get_absolute_url())
    meta = type(
        "Meta",
        (BaseTable.Meta,),
        {"model": model, "fields": ("pk", *cols), "default_columns": tuple(default or cols)},
    )
    attrs["Meta"] = meta
    return type(model.__name__ + "Table", (BaseTable,), attrs)


CadrePostTable = _table(CadrePost, ["title", "cadre", "org", "rank", "started_on", "ended_on", "grassroots"])
EducationTable = _table(Education, ["education", "cadre", "kind", "degree", "school", "graduated_on"])
AppraisalTable = _table(Appraisal, ["year", "cadre", "grade"])
RewardSanctionTable = _table(RewardSanction, ["name", "cadre", "code", "approved_on", "approver"])
FamilyMemberTable = _table(
    FamilyMember, ["name", "cadre", "relation", "birth_date", "political_status", "work"]
)
ReserveEntryTable = _table(
    ReserveEntry, ["cadre", "org", "track", "target_rank", "category", "entered_on", "left_on", "left_reason"]
)
CohortTargetTable = _table(
    CohortTarget, ["name", "org", "born_from", "min_rank", "increase", "baseline_on", "due_on"], link=None
)
EvaluationTable = _table(Evaluation, ["period", "cadre", "assessor", "evaluated_on", "total", "org"])
AssignmentBatchTable = _table(
    AssignmentBatch, ["name", "org", "kind", "starts_on", "ends_on", "planned_size"], link=None
)
AssignmentTable = _table(
    Assignment, ["cadre", "kind", "org", "post", "batch", "starts_on", "ends_on", "supervisor", "outcome"]
)
ContestResultTable = _table(
    ContestResult, ["contest", "cadre", "held_on", "score", "placing", "award", "org"]
)
ArchiveNoteTable = _table(ArchiveNote, ["title", "cadre", "happened_on", "org"])
VacancyTable = _table(
    Vacancy, ["title", "org", "rank", "opened_on", "max_age", "allow_exceptional", "filled"], link=None
)
AppointmentTable = _table(
    Appointment,
    [
        "title",
        "cadre",
        "org",
        "rank",
        "decided_on",
        "publicity_from",
        "publicity_to",
        "appointed_on",
        "probation_ends",
        "probation_result",
    ],
)
