"""Filters of the talent lists, shared by pages and API."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from orgwork.core.filters import BaseFilterSet
from orgwork.core.paths import subtree_q
from orgwork.orgs.models import Org
from orgwork.talent import rules
from orgwork.talent.choices import (
    AwardStatus,
    CardStatus,
    ChallengeStatus,
    Origin,
    ProgramKind,
    StationKind,
    TalentCategory,
    TeamStatus,
)
from orgwork.talent.models import (
    Award,
    CardServiceUse,
    Challenge,
    ChallengeMilestone,
    ChallengeTeam,
    ContactLog,
    LiaisonPair,
    ProgramRound,
    Stay,
    Talent,
    TalentCard,
    TalentProgram,
    TalentStation,
    Tranche,
)

__all__ = [
    "TalentFilterSet",
    "TalentProgramFilterSet",
    "ProgramRoundFilterSet",
    "AwardFilterSet",
    "TrancheFilterSet",
    "TalentCardFilterSet",
    "CardServiceUseFilterSet",
    "LiaisonPairFilterSet",
    "ContactLogFilterSet",
    "TalentStationFilterSet",
    "StayFilterSet",
    "ChallengeFilterSet",
    "ChallengeTeamFilterSet",
    "ChallengeMilestoneFilterSet",
]


class _Within(BaseFilterSet):
    # Filters whose choices are configurable data (talent.rules), read on every request.
    dynamic_choices: dict = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, fn in self.dynamic_choices.items():
            self.filters[name].extra["choices"] = fn()

    within = django_filters.ModelChoiceFilter(
        queryset=Org.objects.all(),
        method="filter_within",
        label=pgettext_lazy("talent", "within organization"),
    )

    # The query parameter is an org id (the hint is for the OpenAPI schema); ``value`` is that Org.
    def filter_within(self, queryset, name, value: int):
        return queryset.filter(subtree_q(value.path, "org_path")) if value else queryset


class TalentFilterSet(_Within):
    search_fields = (
        "person__name__contains",
        "person__name_pinyin__startswith",
        "employer_name__icontains",
        "field__icontains",
    )
    category = django_filters.MultipleChoiceFilter(
        choices=TalentCategory.choices, label=pgettext_lazy("talent", "category")
    )
    level = django_filters.MultipleChoiceFilter(choices=(), label=pgettext_lazy("talent", "level"))
    industry = django_filters.MultipleChoiceFilter(choices=(), label=_("industry chain"))
    origin = django_filters.ChoiceFilter(choices=Origin.choices, label=_("origin"))
    channel = django_filters.ChoiceFilter(choices=(), label=_("recruitment channel"))
    dynamic_choices = {
        "level": rules.level_choices,
        "industry": rules.industry_choices,
        "channel": rules.channel_choices,
    }
    arrived_after = django_filters.DateFilter(
        field_name="arrived_on", lookup_expr="gte", label=_("arrived on or after")
    )
    arrived_before = django_filters.DateFilter(
        field_name="arrived_on", lookup_expr="lte", label=_("arrived on or before")
    )

    class Meta:
        model = Talent
        fields = [
            "q",
            "within",
            "category",
            "level",
            "industry",
            "origin",
            "channel",
            "arrived_after",
            "arrived_before",
        ]


class TalentProgramFilterSet(_Within):
    search_fields = ("name__icontains",)
    kind = django_filters.ChoiceFilter(choices=ProgramKind.choices, label=pgettext_lazy("talent", "kind"))

    class Meta:
        model = TalentProgram
        fields = ["q", "within", "kind", "year"]


class ProgramRoundFilterSet(_Within):
    search_fields = ("name__icontains", "program__name__icontains")

    class Meta:
        model = ProgramRound
        fields = ["q", "within", "program"]


class AwardFilterSet(_Within):
    search_fields = ("talent__person__name__contains", "project__icontains", "program__name__icontains")
    status = django_filters.ChoiceFilter(choices=AwardStatus.choices, label=_("status"))

    class Meta:
        model = Award
        fields = ["q", "within", "program", "round", "status"]


class TrancheFilterSet(_Within):
    search_fields = ("milestone__icontains", "award__talent__person__name__contains")
    paid = django_filters.BooleanFilter(
        field_name="paid_on", lookup_expr="isnull", exclude=True, label=_("paid")
    )

    class Meta:
        model = Tranche
        fields = ["q", "within", "award", "paid"]


class TalentCardFilterSet(_Within):
    search_fields = ("number__icontains", "talent__person__name__contains")
    status = django_filters.ChoiceFilter(choices=CardStatus.choices, label=_("status"))

    class Meta:
        model = TalentCard
        fields = ["q", "within", "status", "tier"]


class CardServiceUseFilterSet(_Within):
    search_fields = ("card__number__icontains", "provider__icontains", "card__talent__person__name__contains")

    class Meta:
        model = CardServiceUse
        fields = ["q", "within", "card", "benefit"]


class LiaisonPairFilterSet(_Within):
    search_fields = ("leader__name__contains", "talent__person__name__contains", "leader_post__icontains")

    class Meta:
        model = LiaisonPair
        fields = ["q", "within", "talent"]


class ContactLogFilterSet(_Within):
    search_fields = ("asked__icontains", "done__icontains", "pair__talent__person__name__contains")
    after = django_filters.DateFilter(
        field_name="date", lookup_expr="gte", label=pgettext_lazy("talent", "on or after")
    )
    before = django_filters.DateFilter(
        field_name="date", lookup_expr="lte", label=pgettext_lazy("talent", "on or before")
    )

    class Meta:
        model = ContactLog
        fields = ["q", "within", "pair", "way", "after", "before"]


class TalentStationFilterSet(_Within):
    search_fields = ("name__icontains", "address__icontains")
    kind = django_filters.ChoiceFilter(choices=StationKind.choices, label=pgettext_lazy("talent", "kind"))

    class Meta:
        model = TalentStation
        fields = ["q", "within", "kind"]


class StayFilterSet(_Within):
    search_fields = ("talent__person__name__contains", "station__name__icontains", "room__icontains")
    current = django_filters.BooleanFilter(
        field_name="moved_out", lookup_expr="isnull", label=_("staying now")
    )

    class Meta:
        model = Stay
        fields = ["q", "within", "station", "current"]


class ChallengeFilterSet(_Within):
    search_fields = ("title__icontains", "issuer__icontains", "field__icontains")
    status = django_filters.ChoiceFilter(choices=ChallengeStatus.choices, label=_("status"))
    industry = django_filters.ChoiceFilter(choices=(), label=_("industry chain"))
    dynamic_choices = {"industry": rules.industry_choices}
    published_after = django_filters.DateFilter(
        field_name="published_on", lookup_expr="gte", label=_("published on or after")
    )
    published_before = django_filters.DateFilter(
        field_name="published_on", lookup_expr="lte", label=_("published on or before")
    )

    class Meta:
        model = Challenge
        fields = ["q", "within", "status", "industry", "published_after", "published_before"]


class ChallengeTeamFilterSet(_Within):
    search_fields = ("name__icontains", "leader_name__contains", "institution__icontains")
    status = django_filters.ChoiceFilter(choices=TeamStatus.choices, label=_("status"))

    class Meta:
        model = ChallengeTeam
        fields = ["q", "within", "challenge", "status"]


class ChallengeMilestoneFilterSet(_Within):
    search_fields = ("title__icontains", "challenge__title__icontains")

    class Meta:
        model = ChallengeMilestone
        fields = ["q", "within", "challenge"]
