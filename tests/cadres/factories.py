"""Factories of cadre records for the tests."""

from datetime import date

from orgwork.cadres.models import Appraisal, Cadre, CadrePost, Education
from orgwork.core.services import create_object
from tests.factories import make_person

__all__ = ["make_cadre", "make_post"]


def make_cadre(
    name="王干部",
    org=None,
    *,
    rank="0142",
    rank_since=date(2020, 1, 1),
    birth=date(1988, 5, 20),
    work_started_on=date(2010, 7, 1),
    party_joined_on=date(2009, 6, 1),
    education="21",
    posts=(),
    **kw,
):
    person = make_person(name, org, birth=birth)
    cadre = create_object(
        Cadre(
            person=person,
            org=org,
            rank=rank,
            rank_since=rank_since,
            work_started_on=work_started_on,
            party_joined_on=party_joined_on,
            **kw,
        ),
        actor=None,
    )
    if education:
        create_object(
            Education(
                cadre=cadre,
                kind="1",
                education=education,
                degree="4",
                school="苏州大学法学专业",
                graduated_on=date(2010, 6, 30),
            ),
            actor=None,
        )
    for p in posts:
        make_post(cadre, **p)
    return cadre


def make_post(
    cadre,
    *,
    org=None,
    title="科员",
    rank="0150",
    started_on=date(2010, 7, 1),
    ended_on=None,
    grassroots=False,
):
    return create_object(
        CadrePost(
            cadre=cadre,
            org=org or cadre.org,
            title=title,
            rank=rank,
            started_on=started_on,
            ended_on=ended_on,
            grassroots=grassroots,
        ),
        actor=None,
    )


def make_appraisal(cadre, year, grade="2"):
    return create_object(Appraisal(cadre=cadre, year=year, grade=grade), actor=None)
