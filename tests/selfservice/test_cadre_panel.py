"""我的 · the cadre's own post and rank, training hours against the requirement, the latest entries
of the growth archive (without what the organization keeps for itself) and assignments in progress —
without any grant, and never another cadre's."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from orgwork.cadres.models import ArchiveNote, Assignment, ReserveEntry
from orgwork.core.services import create_object
from tests.cadres.factories import make_appraisal, make_cadre, make_post
from tests.factories import login_as_person, make_person
from tests.training.factories import enroll, make_course, make_session, mark

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year


@pytest.fixture
def cadres(tree):
    me = make_cadre("王科长", tree["town_a"], rank="0141", title="震泽镇党委副书记")
    make_post(me, title="副镇长", rank="0142", started_on=date(2016, 1, 1), ended_on=date(2019, 12, 31))
    make_post(me, title="镇党委副书记", rank="0141", started_on=date(2020, 1, 1))
    for year in range(2016, 2024):
        make_appraisal(me, year)
    other = make_cadre("李科长", tree["town_b"], rank="0132", title="盛泽镇镇长")
    # Training: 4 + 6 hours present this year, 8 absent, 5 last year (乡科级: 90 hours a year).
    course = make_course(
        tree["district"], "年轻干部培训班", starts_on=date(YEAR - 1, 3, 1), ends_on=date(YEAR, 12, 31)
    )
    sessions = [
        make_session(course, on=date(YEAR - 1, 3, 5), hours="5"),
        make_session(course, on=date(YEAR, 3, 5), hours="4"),
        make_session(course, on=date(YEAR, 3, 6), hours="6"),
        make_session(course, on=date(YEAR, 3, 7), hours="8"),
    ]
    mine, theirs = enroll(course, me.person, other.person)
    for s, status in zip(sessions, ("present", "present", "present", "absent"), strict=True):
        mark(s, mine, status)
        mark(s, theirs, "present")
    return {"me": me, "other": other}


def test_the_cadre_sees_post_rank_and_training_hours_against_the_requirement(client, cadres):
    login_as_person(client, cadres["me"].person)
    page = client.get("/me/").content.decode()
    assert 'id="panel-cadre"' in page
    assert "震泽镇党委副书记" in page and "乡科级正职" in page
    figures = {k: Decimal(v) for k, v in re.findall(r'id="me-training-(done|required)">([\d.]+)<', page)}
    assert figures == {"done": 10, "required": 90}  # 4 + 6 this year; not the absence, not last year
    assert Decimal(re.search(r"差 ([\d.]+) 学时", page).group(1)) == 80
    assert "李科长" not in page and "盛泽镇镇长" not in page


def test_the_archive_shows_the_latest_ten_entries_without_the_organizations_own(client, tree, cadres):
    me = cadres["me"]
    create_object(
        ArchiveNote(cadre=me, org=tree["district"], happened_on=date(YEAR, 1, 2), title="组织掌握的谈话情况"),
        actor=None,
    )
    create_object(
        ReserveEntry(
            cadre=me, org=tree["district"], track="economy", target_rank="0132", entered_on=date(YEAR, 1, 3)
        ),
        actor=None,
    )
    make_appraisal(cadres["other"], 2024, "1")  # would be the newest appraisal if it leaked
    login_as_person(client, me.person)
    page = client.get("/me/").content.decode()
    # Newest first: the class, appraisals 2023–2020, the post of 2020, appraisals 2019–2016.
    assert page.count("data-archive-kind=") == 10
    assert page.count('data-archive-kind="appraisal"') == 8
    assert page.count('data-archive-kind="training"') == 1 and "年轻干部培训班" in page
    assert "2016-12-31" in page and "2016-01-01" not in page  # the 11th and 12th are left out
    assert "组织掌握的谈话情况" not in page and "后备干部" not in page
    assert 'data-archive-kind="note"' not in page and 'data-archive-kind="reserve"' not in page


def test_only_assignments_in_progress_of_the_cadre_are_listed(client, tree, cadres):
    today = timezone.localdate()

    def assign(cadre, org, starts_on, ends_on):
        return create_object(
            Assignment(cadre=cadre, kind="first_secretary", org=org, starts_on=starts_on, ends_on=ends_on),
            actor=None,
        )

    now = assign(cadres["me"], tree["village_b"], date(YEAR, 1, 1), date(YEAR + 1, 6, 30))
    done = assign(cadres["me"], tree["village_a"], date(2022, 1, 1), date(2024, 1, 1))
    theirs = assign(cadres["other"], tree["village_a"], date(YEAR, 1, 1), today.replace(year=YEAR + 2))
    login_as_person(client, cadres["me"].person)
    page = client.get("/me/").content.decode()
    assert 'data-assignment="{}"'.format(now.pk) in page and "黄家溪村党总支" in page
    assert 'data-assignment="{}"'.format(done.pk) not in page
    assert 'data-assignment="{}"'.format(theirs.pk) not in page


def test_a_person_who_is_not_a_cadre_gets_no_cadre_panel(client, tree, cadres):
    login_as_person(client, make_person("赵群众", tree["village_a"]))
    assert 'id="panel-cadre"' not in client.get("/me/").content.decode()
