"""Terms (换届) at their edges, and team-structure statistics against hand-computed values."""

from datetime import date

import pytest

from orgwork.core.settings_store import set_setting
from orgwork.orgs.models import TeamSeat, Term
from orgwork.orgs.rules import add_years, term_years
from orgwork.orgs.services import team_stats, term_status, terms_due
from tests.factories import make_org, make_person, make_seat, make_term


@pytest.mark.parametrize(
    "kind, level, years",
    [
        ("committee", "town", 5),
        ("general_branch", "unit", 3),
        ("branch", "unit", 3),
        ("branch", "village", 5),
        ("general_branch", "community", 5),
    ],
)
def test_term_length_by_kind_and_level(db, kind, level, years):
    assert term_years(kind, level) == years


def test_term_length_is_configurable(db):
    set_setting("TERM_YEARS", {"branch": 4}, actor=None)
    assert term_years("branch", "unit") == 4
    assert term_years("branch", "village") == 5


def test_term_end_defaults_from_the_rule_including_29_february(tree):
    branch = make_org("某支部", tree["town_a"], kind="branch")
    term = make_term(branch, started_on=date(2024, 2, 29))
    assert term.ends_on == date(2027, 2, 28)
    assert add_years(date(2021, 6, 1), 5) == date(2026, 6, 1)


@pytest.mark.parametrize(
    "ends_on, code",
    [
        (date(2027, 5, 31), "ok"),  # 6 months and 1 day ahead
        (date(2027, 5, 30), "due"),  # exactly 6 months ahead: the reminder starts
        (date(2026, 12, 1), "due"),
        (date(2026, 11, 30), "due"),  # today
        (date(2026, 11, 29), "overdue"),
    ],
)
def test_term_status_edges(tree, ends_on, code):
    term = make_term(tree["village_a"], started_on=date(2022, 1, 1), ends_on=ends_on)
    assert term_status(term, today=date(2026, 11, 30)).code == code


def test_terms_due_lists_current_due_and_overdue_only(tree):
    today = date(2026, 11, 30)
    due = make_term(tree["village_a"], number=1, started_on=date(2022, 3, 1), ends_on=date(2027, 3, 1))
    make_term(tree["village_b"], number=1, started_on=date(2024, 1, 1), ends_on=date(2029, 1, 1))
    ended = make_term(
        tree["town_a"],
        number=1,
        started_on=date(2020, 1, 1),
        ends_on=date(2025, 1, 1),
        ended_on=date(2025, 1, 5),
    )
    overdue = make_term(tree["town_b"], number=1, started_on=date(2020, 1, 1), ends_on=date(2025, 1, 1))
    listed = list(terms_due(Term.objects.all(), today=today))
    assert listed == [overdue, due]
    assert ended not in listed


def test_team_stats_against_hand_computed_values(tree):
    as_of = date(2026, 6, 30)
    v = tree["village_a"]
    # ages on 2026-06-30: 30 (birthday passed), 34 (birthday tomorrow → still 34), 40, 51
    p1 = make_person("甲", v, birth=date(1996, 6, 30), sex="F", education="21")
    p2 = make_person("乙", v, birth=date(1991, 7, 1), sex="M", education="31")
    p3 = make_person("丙", v, birth=date(1986, 1, 15), sex="M", education="61")
    p4 = make_person("丁", v, birth=date(1975, 3, 3), sex="F", education="11")
    for p in (p1, p2, p3, p4):
        make_seat(v, p, started_on=date(2021, 1, 1))
    make_seat(
        v, p1, role="director", team="residents", started_on=date(2021, 1, 1)
    )  # same person twice: counted once
    gone = make_person("戊", v, birth=date(1960, 1, 1))
    make_seat(v, gone, started_on=date(2018, 1, 1), ended_on=date(2026, 6, 30))  # left that day: not counted
    make_seat(
        tree["village_b"], make_person("己", tree["village_b"]), started_on=date(2021, 1, 1)
    )  # another subtree

    from orgwork.core.paths import subtree_q

    stats = team_stats(TeamSeat.objects.filter(subtree_q(tree["town_a"].path, "org_path")), as_of)
    assert stats.people == 4
    assert stats.seats == 5
    assert stats.orgs == 1
    assert stats.mean_age == round((30 + 34 + 40 + 51) / 4, 1)
    assert stats.under_35 == 0.5  # 30 and 34
    assert stats.under_40 == 0.5  # 40 is not under 40
    assert stats.college == 0.75  # 本科, 大专, 研究生; 高中 is not
    assert stats.women == 0.5


def test_team_stats_of_an_empty_subtree(tree):
    stats = team_stats(TeamSeat.objects.none(), date(2026, 1, 1))
    assert stats.people == 0 and stats.mean_age is None and stats.college is None


def test_team_stats_as_of_a_past_date(tree):
    v = tree["village_a"]
    p = make_person("庚", v, birth=date(1980, 1, 1))
    make_seat(v, p, started_on=date(2010, 1, 1), ended_on=date(2020, 1, 1))
    assert team_stats(TeamSeat.objects.all(), date(2015, 1, 1)).people == 1
    assert team_stats(TeamSeat.objects.all(), date(2021, 1, 1)).people == 0


def test_cached_subtree_figures_follow_every_change(tree):
    """The org page's figures are cached, but a change anywhere shows at the next read."""
    from orgwork.core.services import delete_object
    from orgwork.orgs.services import subtree_figures

    as_of = date(2026, 1, 1)
    v = tree["village_a"]
    seat = make_seat(v, make_person("缓存甲", v, birth=date(1990, 6, 1)), started_on=date(2021, 1, 1))
    first = subtree_figures(tree["district"], as_of)
    assert first["village_stats"].people == 1
    make_seat(v, make_person("缓存乙", v, birth=date(1970, 6, 1)), started_on=date(2021, 1, 1))
    second = subtree_figures(tree["district"], as_of)
    assert second["village_stats"].people == 2 and second["village_stats"].mean_age == 45.0
    delete_object(seat, actor=None)
    assert subtree_figures(tree["district"], as_of)["village_stats"].people == 1


def test_age_in_sql_matches_python_on_birthdays_and_leap_days(tree):
    from orgwork.orgs.services import AgeOn
    from orgwork.people.models import Person

    cases = [date(2000, 2, 29), date(1990, 6, 30), date(1990, 7, 1), date(1985, 12, 31), date(1986, 1, 1)]
    people = [make_person("年龄{}".format(i), tree["village_a"], birth=b) for i, b in enumerate(cases)]
    for as_of in (date(2026, 6, 30), date(2025, 2, 28), date(2024, 2, 29), date(2026, 1, 1)):
        got = dict(
            Person.objects.filter(pk__in=[p.pk for p in people])
            .annotate(a=AgeOn("birth_date", as_of))
            .values_list("pk", "a")
        )
        assert got == {p.pk: p.age_on(as_of) for p in people}, as_of
