"""Talent test data, built through the real services."""

from datetime import date
from decimal import Decimal

from orgwork.core.services import create_object
from orgwork.talent import services
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
    TalentProgram,
    TalentStation,
    Tranche,
)
from tests.factories import make_person

__all__ = [
    "make_talent",
    "make_program",
    "make_round",
    "make_award",
    "make_tranche",
    "make_card",
    "make_use",
    "make_pair",
    "make_contact",
    "make_station",
    "make_stay",
    "make_challenge",
    "make_team",
    "make_milestone",
]


def make_talent(org, name=None, *, person=None, level="B", **kw):
    person = person or make_person(name or "{}人才".format(org.name[:2]), org)
    kw.setdefault("category", "innovation")
    kw.setdefault("industry", "it")
    kw.setdefault("arrived_on", date(2019, 5, 1))
    return create_object(Talent(person=person, org=org, level=level, **kw), actor=None)


def make_program(org, name=None, *, budget="5000", kind="district", **kw):
    return create_object(
        TalentProgram(
            org=org, name=name or "{}人才计划".format(org.name[:2]), budget=Decimal(budget), kind=kind, **kw
        ),
        actor=None,
    )


def make_round(program, name="2024年第一批", **kw):
    kw.setdefault("opens_on", date(2024, 3, 1))
    kw.setdefault("closes_on", date(2024, 4, 30))
    return create_object(ProgramRound(program=program, name=name, **kw), actor=None)


def make_award(round_, talent, *, project="", score="85", amount=None, on=date(2024, 6, 1)):
    award = create_object(
        Award(round=round_, talent=talent, project=project or "{}项目".format(talent), score=Decimal(score)),
        actor=None,
    )
    if amount is not None:
        award = services.award_funding(award, amount, actor=None, on=on)
    return award


def make_tranche(award, milestone="项目落地", amount="100", **kw):
    return create_object(Tranche(award=award, milestone=milestone, amount=Decimal(amount), **kw), actor=None)


def make_card(talent, on=date(2024, 1, 10), number=""):
    return services.issue_card(talent, actor=None, on=on, number=number)


def make_use(card, benefit="medical", on=date(2024, 2, 1), **kw):
    return create_object(CardServiceUse(card=card, benefit=benefit, used_on=on, **kw), actor=None)


def make_pair(talent, leader=None, *, started_on=date(2024, 1, 1), **kw):
    leader = leader or make_person("{}联系领导".format(talent.org.name[:2]), talent.org)
    return create_object(LiaisonPair(leader=leader, talent=talent, started_on=started_on, **kw), actor=None)


def make_contact(pair, on=date(2024, 2, 1), **kw):
    kw.setdefault("asked", "希望协调实验室用房")
    kw.setdefault("done", "已对接园区")
    return create_object(ContactLog(pair=pair, date=on, **kw), actor=None)


def make_station(org, name=None, *, capacity=10, kind="apartment", **kw):
    return create_object(
        TalentStation(
            org=org, name=name or "{}人才公寓".format(org.name[:3]), capacity=capacity, kind=kind, **kw
        ),
        actor=None,
    )


def make_stay(station, talent, moved_in=date(2024, 3, 1), **kw):
    return create_object(Stay(station=station, talent=talent, moved_in=moved_in, **kw), actor=None)


def make_challenge(org, title=None, *, bounty="1000", published_on=date(2024, 3, 1), **kw):
    kw.setdefault("issuer", "{}链主企业".format(org.name[:2]))
    kw.setdefault("deadline", date(2024, 12, 31))
    return create_object(
        Challenge(
            org=org,
            title=title or "{}技术难题".format(org.name[:3]),
            bounty=Decimal(bounty),
            published_on=published_on,
            **kw,
        ),
        actor=None,
    )


def make_team(challenge, name=None, **kw):
    kw.setdefault("leader_name", "王教授")
    return create_object(
        ChallengeTeam(challenge=challenge, name=name or "{}攻关团队".format(challenge.title[:3]), **kw),
        actor=None,
    )


def make_milestone(challenge, title="样机验收", *, payment="100", **kw):
    kw.setdefault("due_on", date(2024, 9, 30))
    return create_object(
        ChallengeMilestone(challenge=challenge, title=title, payment=Decimal(payment), **kw), actor=None
    )
