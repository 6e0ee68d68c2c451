"""Grassroots test data, built through the services."""

from datetime import date

from orgwork.core.services import create_object
from orgwork.grassroots import models as m
from tests.factories import make_person

__all__ = [
    "make_member",
    "make_household",
    "make_pairing",
    "make_visit",
    "make_deed",
    "make_action_branch",
    "make_project",
    "make_health_check",
]


def make_member(name, org, **kw):
    kw.setdefault("political_status", "01")
    return make_person(name, org, **kw)


def make_household(org, head_name="王阿大", **kw):
    return create_object(m.Household(org=org, head_name=head_name, **kw), actor=None)


def make_pairing(household, person, started_on=date(2025, 1, 1), ended_on=None):
    return create_object(
        m.Pairing(household=household, person=person, started_on=started_on, ended_on=ended_on), actor=None
    )


def make_visit(pairing, visited_on):
    return create_object(m.Visit(pairing=pairing, visited_on=visited_on), actor=None)


def make_deed(person, item_code, done_on, org=None):
    return create_object(
        m.Deed(
            person=person,
            item_code=item_code,
            year=done_on.year,
            done_on=done_on,
            description="事迹",
            org=org or person.registered_org,
        ),
        actor=None,
    )


def make_action_branch(org, name="便民服务行动支部", kind="便民服务类", started_on=date(2026, 1, 10), **kw):
    return create_object(
        m.ActionBranch(org=org, name=name, kind=kind, task="为群众办实事", started_on=started_on, **kw),
        actor=None,
    )


def make_project(org, name="红色锋巢书记项目", year=2026, **kw):
    return create_object(
        m.SecretaryProject(org=org, name=name, year=year, goal="以党建引领发展", **kw), actor=None
    )


def make_health_check(org, year=2025, period="Y", checked_on=date(2025, 12, 10)):
    return create_object(m.HealthCheck(org=org, year=year, period=period, checked_on=checked_on), actor=None)
