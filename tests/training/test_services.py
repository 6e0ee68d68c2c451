"""Hours crediting, completion, requirement tiers and statistics, against hand counts."""

from datetime import date
from decimal import Decimal

import pytest

from orgwork.training import services
from tests.factories import make_org, make_person
from tests.training.factories import enroll, make_course, make_session, mark

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(tree):
    return make_course(tree["town_a"], "震泽镇2024年青年干部培训班")


@pytest.fixture
def trainees(tree):
    return [make_person(n, tree["village_a"]) for n in ("甲", "乙", "丙")]


class TestHours:
    def test_present_credits_the_session_hours_and_nothing_else_does(self, course, trainees):
        a, b, c = enroll(course, *trainees)
        s = make_session(course, date(2024, 3, 5), "3.5")
        mark(s, a, "present")
        mark(s, b, "leave")
        mark(s, c, "absent")
        assert services.hours_for([p.pk for p in trainees], date(2024, 1, 1), date(2024, 12, 31)) == {
            trainees[0].pk: Decimal("3.5"),
            trainees[1].pk: 0,
            trainees[2].pk: 0,
        }

    def test_the_period_includes_both_ends(self, course, trainees):
        (a,) = enroll(course, trainees[0])
        for day in (date(2024, 3, 1), date(2024, 6, 30), date(2024, 7, 1)):
            mark(make_session(course, day, "2"), a)
        pid = trainees[0].pk
        assert services.hours_for([pid], date(2024, 3, 1), date(2024, 6, 30))[pid] == Decimal("4")
        assert services.hours_for([pid], date(2024, 3, 2), date(2024, 6, 29))[pid] == 0

    def test_changing_a_mark_moves_the_hours_and_is_audited(self, course, trainees):
        from orgwork.core.models import ChangeLog

        (a,) = enroll(course, trainees[0])
        s = make_session(course, date(2024, 3, 5), "4")
        att = mark(s, a, "absent")
        mark(s, a, "present")
        att.refresh_from_db()
        assert att.version == 2
        assert services.hours_by_year(trainees[0].pk) == {2024: Decimal("4")}
        assert ChangeLog.objects.filter(object_id=str(att.pk), action="update").count() == 1

    def test_moving_a_session_moves_its_hours_to_the_new_date(self, course, trainees):
        from orgwork.core.services import update_object

        (a,) = enroll(course, trainees[0])
        s = make_session(course, date(2024, 3, 5), "4")
        mark(s, a)
        s.date = date(2024, 12, 30)
        update_object(s, actor=None)
        assert (
            services.hours_for([trainees[0].pk], date(2024, 12, 1), date(2024, 12, 31))[trainees[0].pk] == 4
        )

    def test_attendance_of_a_trainee_of_another_class_is_refused(self, tree, course, trainees):
        other = make_course(tree["town_a"], "另一个班")
        (e,) = enroll(other, trainees[0])
        with pytest.raises(ValueError):
            services.record_attendance(make_session(course), {e.pk: "present"}, actor=None)


class TestCompletion:
    def test_progress_at_the_rate_edge(self, course, trainees):
        a, b = enroll(course, *trainees[:2])
        sessions = [make_session(course, date(2024, 3, d), "2") for d in range(1, 11)]  # 20 hours
        for s in sessions[:8]:  # 16 of 20 = 80 %
            mark(s, a)
        for s in sessions[:7]:  # 14 of 20 = 70 %
            mark(s, b)
        by_person = {p.enrollment.person_id: p for p in services.course_progress(course)}
        assert by_person[trainees[0].pk].completed
        assert by_person[trainees[0].pk].attended == Decimal("16")
        assert not by_person[trainees[1].pk].completed

    def test_leave_over_a_seventh_fails(self, course, trainees):
        (a,) = enroll(course, trainees[0])
        sessions = [make_session(course, date(2024, 3, d), "1") for d in range(1, 8)]  # 7 hours
        for s in sessions[:5]:
            mark(s, a)
        mark(sessions[5], a, "leave")
        mark(sessions[6], a, "leave")  # 2 of 7 hours on leave > 1/7
        (p,) = services.course_progress(course)
        assert p.leave == 2 and p.leave_exceeded and not p.completed

    def test_withdrawn_never_completes(self, course, trainees):
        from orgwork.core.services import update_object

        (a,) = enroll(course, trainees[0])
        mark(make_session(course), a)
        a.status = "withdrawn"
        update_object(a, actor=None)
        (p,) = services.course_progress(course)
        assert not p.completed


class TestRequirement:
    def test_township_tier_counts_the_year(self, course, trainees):
        (a,) = enroll(course, trainees[0], tier="township")
        mark(make_session(course, date(2024, 3, 5), "8"), a)
        (row,) = services.requirement_rows([trainees[0].pk], 2024)
        assert (row.required, row.done, row.shortfall, row.behind) == (
            Decimal("90"),
            Decimal("8"),
            Decimal("82"),
            True,
        )
        (row,) = services.requirement_rows([trainees[0].pk], 2025)
        assert row.done == 0

    def test_county_tier_counts_five_years(self, tree, trainees):
        pid = trainees[0].pk
        for year in (2019, 2020, 2024):
            c = make_course(
                tree["town_a"], "班{}".format(year), starts_on=date(year, 1, 1), ends_on=date(year, 12, 31)
            )
            (e,) = enroll(c, trainees[0], tier="county")
            mark(make_session(c, date(year, 6, 1), "10"), e)
        (row,) = services.requirement_rows([pid], 2024)
        assert (row.first_year, row.last_year, row.done, row.required) == (
            2020,
            2024,
            Decimal("20"),
            Decimal("550"),
        )

    def test_exactly_the_requirement_is_met(self, course, trainees):
        (a,) = enroll(course, trainees[0], tier="township")
        for d in range(1, 10):
            mark(make_session(course, date(2024, 4, d), "10"), a)
        (row,) = services.requirement_rows([trainees[0].pk], 2024)
        assert row.done == 90 and not row.behind and row.shortfall == 0

    def test_unknown_tier_has_no_requirement(self, course, trainees):
        enroll(course, trainees[0], tier="")
        (row,) = services.requirement_rows([trainees[0].pk], 2024)
        assert row.tier is None and not row.behind

    def test_a_provider_such_as_the_cadres_app_overrides_the_enrollment(self, course, trainees):
        (a,) = enroll(course, trainees[0], tier="township")
        provider = services.register_tier_provider(lambda ids: {trainees[0].pk: "county"})
        try:
            assert services.tiers_for([trainees[0].pk]) == {trainees[0].pk: "county"}
        finally:
            services._TIER_PROVIDERS.remove(provider)
        assert services.tiers_for([trainees[0].pk]) == {trainees[0].pk: "township"}


class TestStatistics:
    def test_against_hand_counts(self, tree):
        p = [make_person("人{}".format(i), tree["village_a"]) for i in range(4)]
        q = [make_person("外{}".format(i), tree["village_b"]) for i in range(2)]
        town_class = make_course(
            tree["town_a"], "镇班", starts_on=date(2024, 2, 1), ends_on=date(2024, 2, 28)
        )
        village_class = make_course(
            tree["village_a"],
            "村班",
            starts_on=date(2024, 5, 1),
            ends_on=date(2024, 5, 31),
            kind="night_school",
        )
        other_town = make_course(
            tree["town_b"], "盛泽班", starts_on=date(2024, 5, 1), ends_on=date(2024, 5, 31)
        )
        last_year = make_course(
            tree["town_a"], "去年班", starts_on=date(2023, 5, 1), ends_on=date(2023, 5, 31)
        )
        e1 = enroll(town_class, *p)  # 4 trainee-times
        e2 = enroll(village_class, *p[:2])  # 2
        enroll(other_town, *q)
        enroll(last_year, *p)
        from orgwork.core.services import update_object

        e1[3].status = "withdrawn"  # left out: 3 + 2 = 5 trainee-times
        update_object(e1[3], actor=None)
        s1 = make_session(town_class, date(2024, 2, 2), "4")
        s2 = make_session(village_class, date(2024, 5, 2), "2")
        for e in e1[:3]:
            mark(s1, e)
        mark(s2, e2[0])
        mark(s2, e2[1], "leave")
        stats = services.training_statistics(
            [tree["town_a"].path], date(2024, 1, 1), date(2024, 12, 31), group_prefix=tree["town_a"].path
        )
        t = stats["totals"]
        assert (t["classes"], t["trainee_times"], t["people"], t["sessions"]) == (2, 5, 3, 2)
        assert (t["attendance_times"], t["credited_hours"]) == (4, Decimal("14"))
        assert stats["by_kind"] == {
            "class": {"classes": 1, "trainee_times": 3},
            "night_school": {"classes": 1, "trainee_times": 2},
        }
        assert stats["by_month"] == {
            "2024-02": {"classes": 1, "trainee_times": 3},
            "2024-05": {"classes": 1, "trainee_times": 2},
        }
        assert stats["by_org"] == {
            tree["town_a"].path: {"classes": 1, "trainee_times": 3, "attendance_times": 3},
            tree["village_a"].path: {"classes": 1, "trainee_times": 2, "attendance_times": 1},
        }
        district = services.training_statistics([tree["district"].path], date(2024, 1, 1), date(2024, 12, 31))
        assert (district["totals"]["classes"], district["totals"]["trainee_times"]) == (3, 7)

    def test_archive_entries_for_the_cadres_app(self, course, trainees):
        (a,) = enroll(course, trainees[0])
        mark(make_session(course, date(2024, 3, 5), "4"), a)
        mark(make_session(course, date(2024, 3, 6), "3"), a)
        (entry,) = services.archive_entries([trainees[0].pk])
        assert entry["title"] == course.name and entry["date"] == course.starts_on
        assert "7.0" in entry["detail"] and entry["url"].endswith("/training/courses/{}/".format(course.pk))


def test_enroll_skips_those_already_enrolled(course, trainees):
    enroll(course, trainees[0])
    new = services.enroll_people(course, trainees, actor=None)
    assert len(new) == 2 and course.enrollments.count() == 3


def test_org_placement_follows_the_class(tree, course, trainees):
    from orgwork.core.services import update_object

    (a,) = enroll(course, trainees[0])
    att = mark(make_session(course), a)
    new_org = make_org("新主办单位", tree["town_a"])
    course.org = new_org
    update_object(course, actor=None)
    att.refresh_from_db()
    a.refresh_from_db()
    assert att.org_path == a.org_path == new_org.path


def test_long_id_lists_are_cut_into_chunks(course, trainees):
    (a,) = enroll(course, trainees[0], tier="county")
    mark(make_session(course, date(2024, 3, 5), "4"), a)
    ids = [trainees[0].pk, *range(10**6, 10**6 + 1200)]
    hours = services.hours_for(ids, date(2024, 1, 1), date(2024, 12, 31))
    assert len(hours) == 1201 and hours[trainees[0].pk] == 4
    rows = {r.person_id: r for r in services.requirement_rows(ids, 2024)}
    assert rows[trainees[0].pk].tier.code == "county" and rows[trainees[0].pk].done == 4


def test_a_cadres_class_hours_and_record_reach_the_cadre_profile(tree, course):
    """With the cadres app installed, the hours a cadre earned in a class count toward the
    selection rules and the class appears in the cadre's growth archive."""
    from orgwork.cadres import services as cadres_services
    from orgwork.training.integration import connect_cadres
    from tests.cadres.factories import make_cadre

    assert connect_cadres() is True
    cadre = make_cadre("丁干部", tree["village_a"])
    (a,) = enroll(course, cadre.person)
    mark(make_session(course, date(2024, 3, 5), "6"), a)
    hours, note = cadres_services.training_hours([cadre.person_id], date(2024, 1, 1), date(2024, 12, 31))
    assert hours[cadre.person_id] == 6 and note == ""
    titles = [i.title for i in cadres_services.archive_for([cadre.pk]) if i.kind == "training"]
    assert any(course.name in t for t in titles), titles
