"""Per-model data of the talent app for the generic page and API suites and the access matrix:
one object in township A (震泽), one in township B (盛泽). Markers are what a user sees in the list
(names, titles), different on each side."""

import itertools

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
from tests.factories import make_person
from tests.talent.factories import (
    make_award,
    make_card,
    make_challenge,
    make_contact,
    make_milestone,
    make_pair,
    make_program,
    make_round,
    make_station,
    make_stay,
    make_talent,
    make_team,
    make_tranche,
    make_use,
)

__all__ = ["TALENT_CASES"]

SIDES = {
    "a": {"town": "town_a", "village": "village_a", "tag": "震泽", "talent": "钱英才", "leader": "赵书记"},
    "b": {"town": "town_b", "village": "village_b", "tag": "盛泽", "talent": "孙英才", "leader": "李书记"},
}


def _talent(tree, side, name=None):
    s = SIDES[side]
    return make_talent(tree[s["village"]], name or s["talent"])


def _program(tree, side):
    town = tree[SIDES[side]["town"]]
    return make_program(town, "{}英才计划".format(town.name))


def _award(tree, side, amount="300"):
    s = SIDES[side]
    rnd = make_round(_program(tree, side), "{}第一批".format(s["tag"]))
    return make_award(rnd, _talent(tree, side), project="{}智能装备项目".format(s["tag"]), amount=amount)


_numbers = itertools.count(1)


def _card(tree, side):
    talent = _talent(tree, side)
    return make_card(talent, number="{}-RC{:04d}".format(talent.org.name, next(_numbers)))


def _pair(tree, side):
    s = SIDES[side]
    talent = _talent(tree, side)
    return make_pair(talent, make_person(s["leader"], tree[s["town"]]), leader_post="镇党委书记")


def _challenge(tree, side):
    town = tree[SIDES[side]["town"]]
    return make_challenge(town, "{}碳化硅衬底攻关".format(town.name))


class _Cases:
    def make_in_scope(self, tree):
        return self.make(tree, "a")

    def make_out_of_scope(self, tree):
        return self.make(tree, "b")


class TalentCases(_Cases):
    model = Talent
    marker_attr = "person"

    def make(self, tree, side):
        return _talent(tree, side)

    def edit_changes(self, obj):
        return {"field": "集成电路设计"}


class TalentProgramCases(_Cases):
    model = TalentProgram
    marker_attr = "org"

    def make(self, tree, side):
        return _program(tree, side)

    def edit_changes(self, obj):
        return {"description": "支持创新创业领军人才"}


class ProgramRoundCases(_Cases):
    model = ProgramRound
    marker_attr = "org"
    scope_fields = ("program",)

    def make(self, tree, side):
        return make_round(_program(tree, side), "{}第一批".format(SIDES[side]["tag"]))

    def edit_changes(self, obj):
        return {"closes_on": "2024-05-15"}


class AwardCases(_Cases):
    model = Award
    marker_attr = "org"
    scope_fields = ("round",)

    def make(self, tree, side):
        return _award(tree, side, amount=None)

    def edit_changes(self, obj):
        return {"score": "91.50"}


class TrancheCases(_Cases):
    model = Tranche
    marker_attr = "org"
    scope_fields = ("award",)

    def make(self, tree, side):
        return make_tranche(_award(tree, side), "{}首期到位".format(tree[SIDES[side]["town"]].name), "100")

    def edit_changes(self, obj):
        return {"milestone": "{}·中期验收".format(obj.org.name)}


class TalentCardCases(_Cases):
    model = TalentCard
    marker_attr = "org"
    scope_fields = ("talent",)

    def make(self, tree, side):
        return _card(tree, side)

    def edit_changes(self, obj):
        return {"number": "{}-RC9999".format(obj.org.name)}


class CardServiceUseCases(_Cases):
    model = CardServiceUse
    marker_attr = "org"
    scope_fields = ("card",)

    def make(self, tree, side):
        return make_use(_card(tree, side), provider="{}人民医院".format(SIDES[side]["tag"]))

    def edit_changes(self, obj):
        return {"note": "专家门诊"}


class LiaisonPairCases(_Cases):
    model = LiaisonPair
    marker_attr = "leader"
    scope_fields = ("talent",)

    def make(self, tree, side):
        return _pair(tree, side)

    def edit_changes(self, obj):
        return {"leader_post": "镇长"}


class ContactLogCases(_Cases):
    model = ContactLog
    marker_attr = "org"
    scope_fields = ("pair",)

    def make(self, tree, side):
        return make_contact(_pair(tree, side), asked="{}希望协调实验室用房".format(SIDES[side]["tag"]))

    def edit_changes(self, obj):
        return {"done": "已协调园区用房"}


class TalentStationCases(_Cases):
    model = TalentStation
    marker_attr = "org"

    def make(self, tree, side):
        return make_station(tree[SIDES[side]["town"]], "{}人才驿站".format(tree[SIDES[side]["town"]].name))

    def edit_changes(self, obj):
        return {"address": "镇政府东侧"}


class StayCases(_Cases):
    model = Stay
    marker_attr = "org"
    scope_fields = ("station",)

    def make(self, tree, side):
        s = SIDES[side]
        station = make_station(tree[s["town"]], "{}人才公寓".format(tree[s["town"]].name))
        return make_stay(station, _talent(tree, side), room="{}-101".format(s["tag"]))

    def edit_changes(self, obj):
        return {"moved_out": "2024-12-31"}


class ChallengeCases(_Cases):
    model = Challenge
    marker_attr = "org"

    def make(self, tree, side):
        return _challenge(tree, side)

    def edit_changes(self, obj):
        return {"field": "第三代半导体"}


class ChallengeTeamCases(_Cases):
    model = ChallengeTeam
    marker_attr = "org"
    scope_fields = ("challenge",)

    def make(self, tree, side):
        return make_team(_challenge(tree, side), "{}揭榜团队".format(tree[SIDES[side]["town"]].name))

    def edit_changes(self, obj):
        return {"score": "88.00"}


class ChallengeMilestoneCases(_Cases):
    model = ChallengeMilestone
    marker_attr = "org"
    scope_fields = ("challenge",)

    def make(self, tree, side):
        return make_milestone(_challenge(tree, side), "{}样机验收".format(tree[SIDES[side]["town"]].name))

    def edit_changes(self, obj):
        return {"done_on": "2024-09-20"}


TALENT_CASES = [
    TalentCases,
    TalentProgramCases,
    ProgramRoundCases,
    AwardCases,
    TrancheCases,
    TalentCardCases,
    CardServiceUseCases,
    LiaisonPairCases,
    ContactLogCases,
    TalentStationCases,
    StayCases,
    ChallengeCases,
    ChallengeTeamCases,
    ChallengeMilestoneCases,
]
