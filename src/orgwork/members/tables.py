"""Tables of the member registry."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from orgwork.core.tables import BaseTable
from orgwork.members.models import (
    Due,
    Meeting,
    MeetingAttendance,
    Member,
    Recruitment,
    RecruitmentStep,
    Transfer,
)

__all__ = [
    "MemberTable",
    "RecruitmentTable",
    "RecruitmentStepTable",
    "DueTable",
    "TransferTable",
    "MeetingTable",
]


class MemberTable(BaseTable):
    name = tables.Column(
        accessor="person__name",
        verbose_name=pgettext_lazy("members", "name"),
        linkify=lambda record: record.get_absolute_url(),
        order_by=("person__name_pinyin",),
    )
    sex = tables.Column(accessor="person__sex", verbose_name=_("sex"))
    birth_date = tables.Column(accessor="person__birth_date", verbose_name=_("birth date"))
    education = tables.Column(accessor="person__education", verbose_name=_("education"))
    org = tables.Column(verbose_name=pgettext_lazy("members", "party branch"), order_by=("org_path",))
    party_years = tables.Column(verbose_name=_("party standing (years)"), orderable=False, empty_values=())
    monthly_due = tables.Column(verbose_name=_("monthly dues"), orderable=False, empty_values=())

    def render_sex(self, record):
        return record.person.get_sex_display()

    def render_education(self, record):
        return record.person.get_education_display()

    def value_sex(self, record):
        return record.person.get_sex_display()

    def value_education(self, record):
        return record.person.get_education_display()

    def render_party_years(self, value):
        return "—" if value is None else value

    class Meta(BaseTable.Meta):
        model = Member
        fields = (
            "pk",
            "name",
            "sex",
            "birth_date",
            "education",
            "org",
            "status",
            "category",
            "joined_on",
            "confirmed_on",
            "party_years",
            "post",
            "membership_state",
            "dues_base",
            "monthly_due",
        )
        default_columns = (
            "name",
            "sex",
            "birth_date",
            "org",
            "status",
            "category",
            "joined_on",
            "confirmed_on",
            "party_years",
        )
        order_by = ("org",)


class RecruitmentTable(BaseTable):
    name = tables.Column(
        accessor="person__name",
        verbose_name=pgettext_lazy("members", "name"),
        linkify=lambda record: record.get_absolute_url(),
        order_by=("person__name_pinyin",),
    )
    org = tables.Column(verbose_name=pgettext_lazy("members", "party branch"), order_by=("org_path",))

    class Meta(BaseTable.Meta):
        model = Recruitment
        fields = (
            "pk",
            "name",
            "org",
            "stage",
            "last_step",
            "applied_on",
            "activist_on",
            "candidate_on",
            "admitted_on",
            "approved_on",
            "confirmed_on",
            "mentors",
            "sponsors",
        )
        default_columns = (
            "name",
            "org",
            "stage",
            "last_step",
            "applied_on",
            "activist_on",
            "candidate_on",
            "admitted_on",
        )
        order_by = ("org",)


class RecruitmentStepTable(BaseTable):
    person = tables.Column(
        accessor="recruitment__person__name",
        verbose_name=pgettext_lazy("members", "name"),
        order_by=("recruitment__person__name_pinyin",),
    )
    step = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = RecruitmentStep
        fields = (
            "pk",
            "person",
            "step",
            "done_on",
            "people",
            "expected",
            "present",
            "in_favour",
            "publicity_from",
            "publicity_to",
            "notes",
        )
        default_columns = ("person", "step", "done_on", "people", "expected", "present", "in_favour")
        order_by = ("-done_on",)


class DueTable(BaseTable):
    name = tables.Column(
        accessor="member__person__name",
        verbose_name=pgettext_lazy("members", "name"),
        linkify=lambda record: record.get_absolute_url() if hasattr(record, "get_absolute_url") else None,
        order_by=("member__person__name_pinyin",),
    )
    org = tables.Column(verbose_name=pgettext_lazy("members", "party branch"), order_by=("org_path",))
    month = tables.DateColumn(format="Y-m", verbose_name=_("month"))

    class Meta(BaseTable.Meta):
        model = Due
        fields = ("pk", "name", "org", "month", "base", "amount", "paid", "paid_on", "voluntary", "notes")
        default_columns = ("name", "org", "month", "base", "amount", "paid", "paid_on")
        order_by = ("-month",)


class TransferTable(BaseTable):
    name = tables.Column(
        accessor="person__name",
        verbose_name=pgettext_lazy("members", "name"),
        linkify=lambda record: record.get_absolute_url(),
        order_by=("person__name_pinyin",),
    )
    org = tables.Column(verbose_name=_("from branch"), order_by=("org_path",))
    to_org = tables.Column(verbose_name=_("to branch"), order_by=("to_org_path",))

    class Meta(BaseTable.Meta):
        model = Transfer
        fields = (
            "pk",
            "name",
            "kind",
            "org",
            "to_org",
            "outside_org",
            "state",
            "letter_kind",
            "letter_no",
            "issued_on",
            "valid_days",
            "accepted_on",
            "receipt_on",
        )
        default_columns = (
            "name",
            "kind",
            "org",
            "to_org",
            "outside_org",
            "state",
            "issued_on",
            "accepted_on",
        )
        order_by = ("-issued_on",)


class MeetingTable(BaseTable):
    topic = tables.Column(linkify=True)
    org = tables.Column(verbose_name=pgettext_lazy("members", "party branch"), order_by=("org_path",))

    class Meta(BaseTable.Meta):
        model = Meeting
        fields = ("pk", "held_on", "org", "kind", "topic", "expected", "present")
        default_columns = ("held_on", "org", "kind", "topic", "expected", "present")
        order_by = ("-held_on",)


class MeetingAttendanceTable(BaseTable):
    name = tables.Column(
        accessor="member__person__name",
        verbose_name=pgettext_lazy("members", "name"),
        linkify=lambda record: record.get_absolute_url(),
        order_by=("member__person__name_pinyin",),
    )
    meeting = tables.Column(verbose_name=_("meeting"), linkify=True, order_by=("meeting__held_on",))
    org = tables.Column(verbose_name=pgettext_lazy("members", "party branch"), order_by=("org_path",))

    class Meta(BaseTable.Meta):
        model = MeetingAttendance
        fields = ("pk", "name", "meeting", "org", "status", "reason")
        default_columns = ("name", "meeting", "org", "status", "reason")
        order_by = ("-meeting",)
