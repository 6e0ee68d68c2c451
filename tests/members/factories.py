"""Test data of the member registry, built through the services."""

from datetime import date

from orgwork.core.services import create_object
from orgwork.members.models import Due, Meeting, Member, Recruitment, Transfer
from tests.factories import make_person

__all__ = ["make_member", "make_recruitment", "make_due", "make_transfer", "make_meeting"]


def make_member(
    org,
    name="党员甲",
    *,
    person=None,
    status="full",
    joined=date(2010, 7, 1),
    confirmed=date(2011, 7, 1),
    **kw,
):
    person = person or make_person(name, org, birth=kw.pop("birth", date(1980, 3, 4)), sex=kw.pop("sex", "M"))
    return create_object(
        Member(
            person=person,
            org=org,
            status=status,
            joined_on=joined,
            confirmed_on=confirmed if status == "full" else None,
            **kw,
        ),
        actor=None,
    )


def make_recruitment(org, name="申请人甲", *, birth=date(1995, 1, 1), applied=date(2024, 1, 10), **kw):
    person = make_person(name, org, birth=birth)
    return create_object(Recruitment(person=person, org=org, applied_on=applied, **kw), actor=None)


def make_due(member, month=date(2025, 1, 1), base=4000, **kw):
    return create_object(
        Due(member=member, org=member.org, month=month, base=base, amount=None, **kw), actor=None
    )


def make_transfer(member, to_org, **kw):
    return create_object(
        Transfer(member=member, person=member.person, kind="within", to_org=to_org, **kw), actor=None
    )


def make_meeting(org, topic="学习党章", *, kind="general_meeting", held_on=date(2025, 2, 10), **kw):
    return create_object(
        Meeting(org=org, kind=kind, held_on=held_on, topic=topic, expected=10, present=9, **kw), actor=None
    )
