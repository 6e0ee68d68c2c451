"""Tables of the talent lists."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from orgwork.core.tables import BaseTable
from orgwork.talent import rules
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
    "TalentTable",
    "TalentProgramTable",
    "ProgramRoundTable",
    "AwardTable",
    "TrancheTable",
    "TalentCardTable",
    "CardServiceUseTable",
    "LiaisonPairTable",
    "ContactLogTable",
    "TalentStationTable",
    "StayTable",
    "ChallengeTable",
    "ChallengeTeamTable",
    "ChallengeMilestoneTable",
]

ORG = {"verbose_name": _("organization"), "order_by": ("org_path",)}


class TalentTable(BaseTable):
    person = tables.Column(
        linkify=lambda record: record.get_absolute_url(), order_by=("person__name_pinyin",)
    )
    org = tables.Column(verbose_name=_("serving organization"), order_by=("org_path",))
    level = tables.Column(verbose_name=pgettext_lazy("talent", "level"))
    industry = tables.Column(verbose_name=_("industry chain"))
    channel = tables.Column(verbose_name=_("recruitment channel"))

    class Meta(BaseTable.Meta):
        model = Talent
        fields = (
            "pk",
            "person",
            "category",
            "level",
            "industry",
            "field",
            "employer_name",
            "origin",
            "arrived_on",
            "channel",
            "org",
        )
        default_columns = (
            "person",
            "category",
            "level",
            "industry",
            "employer_name",
            "origin",
            "arrived_on",
            "org",
        )

    # Labels of the configurable lists, read once per table (not once per row: each read is a
    # settings query).
    def _labels(self, name):
        cache = self.__dict__.setdefault("_label_cache", {})
        if name not in cache:
            source = {
                "level": rules.level_choices,
                "industry": rules.industry_choices,
                "channel": rules.channel_choices,
            }
            cache[name] = {k: str(v) for k, v in source[name]()}
        return cache[name]

    def render_level(self, record):
        return self._labels("level").get(record.level, record.level)

    def value_level(self, record):
        return self.render_level(record)

    def render_industry(self, record):
        return self._labels("industry").get(record.industry, record.industry)

    def value_industry(self, record):
        return self.render_industry(record)

    def render_channel(self, record):
        return self._labels("channel").get(record.channel, record.channel)

    def value_channel(self, record):
        return self.render_channel(record)


class TalentProgramTable(BaseTable):
    name = tables.Column(linkify=True)
    org = tables.Column(verbose_name=_("organizer"), order_by=("org_path",))

    class Meta(BaseTable.Meta):
        model = TalentProgram
        fields = ("pk", "name", "kind", "year", "budget", "org")
        default_columns = ("name", "kind", "year", "budget", "org")


class ProgramRoundTable(BaseTable):
    name = tables.Column(linkify=True)
    program = tables.Column(linkify=True)
    org = tables.Column(**ORG)

    class Meta(BaseTable.Meta):
        model = ProgramRound
        fields = ("pk", "name", "program", "opens_on", "closes_on", "org")
        default_columns = ("name", "program", "opens_on", "closes_on", "org")


class AwardTable(BaseTable):
    talent = tables.Column(
        linkify=lambda record: record.get_absolute_url(), order_by=("talent__person__name_pinyin",)
    )
    program = tables.Column()
    round = tables.Column()
    org = tables.Column(**ORG)

    class Meta(BaseTable.Meta):
        model = Award
        fields = (
            "pk",
            "talent",
            "program",
            "round",
            "project",
            "score",
            "status",
            "amount",
            "awarded_on",
            "org",
        )
        default_columns = (
            "talent",
            "program",
            "round",
            "project",
            "score",
            "status",
            "amount",
            "awarded_on",
            "org",
        )


class TrancheTable(BaseTable):
    milestone = tables.Column(linkify=True)
    award = tables.Column()
    org = tables.Column(**ORG)

    class Meta(BaseTable.Meta):
        model = Tranche
        fields = ("pk", "milestone", "award", "amount", "due_on", "paid_on", "org")
        default_columns = ("milestone", "award", "amount", "due_on", "paid_on", "org")


class TalentCardTable(BaseTable):
    number = tables.Column(linkify=True)
    talent = tables.Column(order_by=("talent__person__name_pinyin",))
    tier = tables.Column(verbose_name=_("card tier"))
    org = tables.Column(**ORG)

    class Meta(BaseTable.Meta):
        model = TalentCard
        fields = ("pk", "number", "talent", "tier", "issued_on", "expires_on", "status", "org")
        default_columns = ("number", "talent", "tier", "issued_on", "expires_on", "status", "org")

    def render_tier(self, record):
        if "_tiers" not in self.__dict__:
            self._tiers = {t.code: str(t.label) for t in rules.card_tiers()}  # once per table
        return self._tiers.get(record.tier, record.tier)

    def value_tier(self, record):
        return self.render_tier(record)


class CardServiceUseTable(BaseTable):
    card = tables.Column(linkify=lambda record: record.get_absolute_url())
    benefit = tables.Column(verbose_name=_("benefit"))
    org = tables.Column(**ORG)

    class Meta(BaseTable.Meta):
        model = CardServiceUse
        fields = ("pk", "card", "benefit", "used_on", "provider", "note", "org")
        default_columns = ("card", "benefit", "used_on", "provider", "note", "org")

    def render_benefit(self, record):
        return rules.benefit_label(record.benefit)

    def value_benefit(self, record):
        return str(rules.benefit_label(record.benefit))


class LiaisonPairTable(BaseTable):
    leader = tables.Column(
        linkify=lambda record: record.get_absolute_url(), order_by=("leader__name_pinyin",)
    )
    talent = tables.Column(order_by=("talent__person__name_pinyin",))
    org = tables.Column(**ORG)

    class Meta(BaseTable.Meta):
        model = LiaisonPair
        fields = ("pk", "leader", "leader_post", "talent", "started_on", "ended_on", "org")
        default_columns = ("leader", "leader_post", "talent", "started_on", "ended_on", "org")


class ContactLogTable(BaseTable):
    date = tables.Column(linkify=lambda record: record.get_absolute_url())
    pair = tables.Column()
    org = tables.Column(**ORG)

    class Meta(BaseTable.Meta):
        model = ContactLog
        fields = ("pk", "date", "pair", "way", "asked", "done", "org")
        default_columns = ("date", "pair", "way", "asked", "done", "org")
        order_by = ("-date",)


class TalentStationTable(BaseTable):
    name = tables.Column(linkify=True)
    org = tables.Column(**ORG)

    class Meta(BaseTable.Meta):
        model = TalentStation
        fields = ("pk", "name", "kind", "address", "capacity", "services", "org")
        default_columns = ("name", "kind", "address", "capacity", "org")


class StayTable(BaseTable):
    talent = tables.Column(
        linkify=lambda record: record.get_absolute_url(), order_by=("talent__person__name_pinyin",)
    )
    station = tables.Column()
    org = tables.Column(**ORG)

    class Meta(BaseTable.Meta):
        model = Stay
        fields = ("pk", "talent", "station", "room", "moved_in", "moved_out", "org")
        default_columns = ("talent", "station", "room", "moved_in", "moved_out", "org")


class ChallengeTable(BaseTable):
    title = tables.Column(linkify=True)
    org = tables.Column(verbose_name=_("publishing organization"), order_by=("org_path",))

    class Meta(BaseTable.Meta):
        model = Challenge
        fields = ("pk", "title", "issuer", "field", "bounty", "published_on", "deadline", "status", "org")
        default_columns = ("title", "issuer", "field", "bounty", "published_on", "deadline", "status", "org")


class ChallengeTeamTable(BaseTable):
    name = tables.Column(linkify=True)
    challenge = tables.Column()
    org = tables.Column(**ORG)

    class Meta(BaseTable.Meta):
        model = ChallengeTeam
        fields = ("pk", "name", "challenge", "leader_name", "institution", "score", "status", "org")
        default_columns = ("name", "challenge", "leader_name", "institution", "score", "status", "org")


class ChallengeMilestoneTable(BaseTable):
    title = tables.Column(linkify=True)
    challenge = tables.Column()
    org = tables.Column(**ORG)

    class Meta(BaseTable.Meta):
        model = ChallengeMilestone
        fields = ("pk", "title", "challenge", "due_on", "done_on", "payment", "paid_on", "org")
        default_columns = ("title", "challenge", "due_on", "done_on", "payment", "paid_on", "org")
