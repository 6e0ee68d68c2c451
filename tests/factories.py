"""Test data built through the real service functions (Zulip's rule), so tests see what users see."""

import itertools
import random
from datetime import date

from orgwork.accounts.models import User
from orgwork.accounts.services import grant_role
from orgwork.core.services import create_object
from orgwork.orgs.models import Org, TeamSeat, Term
from orgwork.orgs.services import create_org
from orgwork.people.idnumber import check_char
from orgwork.people.models import Person

__all__ = ["make_org", "make_person", "make_user", "make_seat", "make_term", "id_number_for"]

_seq = itertools.count(1)


def id_number_for(birth: date, sex: str = "M", area: str = "320509", seq: int | None = None) -> str:
    n = seq if seq is not None else random.randint(0, 49)
    order = n * 2 + (1 if sex == "M" else 0)
    order = order % 1000
    if sex == "M" and order % 2 == 0:
        order += 1
    if sex == "F" and order % 2 == 1:
        order -= 1
    body = "{}{}{:03d}".format(area, birth.strftime("%Y%m%d"), order)
    return body + check_char(body)


def make_org(name=None, parent=None, *, kind="branch", level="unit", sector="other", code=None):
    n = next(_seq)
    return create_org(
        Org(
            name=name or f"组织{n}",
            code=code or f"T{n:06d}",
            kind=kind,
            level=level,
            sector=sector,
            parent=parent,
        ),
        actor=None,
    )


def make_person(
    name="张三", org=None, *, birth=date(1985, 5, 20), sex="M", education="21", id_number=None, **kw
):
    n = next(_seq)
    number = id_number if id_number is not None else id_number_for(birth, sex, seq=n % 499)
    return create_object(
        Person(
            name=name,
            id_number=number,
            birth_date=birth,
            sex=sex,
            registered_org=org,
            education=education,
            **kw,
        ),
        actor=None,
    )


def make_user(username=None, role=None, org=None, *, password="Passw0rd!x", sensitive=False):
    user = User.objects.create_user(username=username or f"u{next(_seq)}", password=password)
    user.must_change_password = False
    user.save()
    if role:
        grant_role(user, role, org, actor=None, can_view_sensitive=sensitive)
    return user


def make_seat(org, person, role="member", started_on=date(2021, 1, 1), ended_on=None, team="party"):
    return create_object(
        TeamSeat(org=org, person=person, role=role, started_on=started_on, ended_on=ended_on, team=team),
        actor=None,
    )


def make_term(org, number=1, started_on=date(2021, 6, 1), **kw):
    return create_object(Term(org=org, number=number, started_on=started_on, **kw), actor=None)


def login_verified(client, user):
    """Log ``user`` in as if they had passed the TOTP step (admin roles need it for every page)."""
    from django_otp.plugins.otp_static.models import StaticDevice

    client.force_login(user)
    device = StaticDevice.objects.create(user=user, name="test")
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


def login_as_person(client, person, username=None):
    """A user with no grant, linked to ``person`` (accounts.User.person), logged in: 我的."""
    user = make_user(username)
    user.person = person
    user.save()
    client.force_login(user)
    return user
