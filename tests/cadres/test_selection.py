"""The selection rules of RULES.md §3.7 at their edges (pure functions), and the eligibility list of a
vacancy on data (scope, reasons, ranking)."""

from datetime import date

import pytest
from django.urls import reverse

from orgwork.cadres import rules
from orgwork.cadres.models import Vacancy
from orgwork.cadres.selection import (
    FAIL,
    PASS,
    WARN,
    CandidateData,
    check_candidate,
    eligible_list,
    rank_score,
)
from orgwork.cadres.services import ServiceFigures, register_training_hours_provider, training_hours
from orgwork.core.services import create_object
from tests.cadres.factories import make_appraisal, make_cadre, make_post
from tests.factories import make_user

ON = date(2025, 6, 1)


def figures(**kw):
    base = dict(
        age=35,
        party_years=10.0,
        work_years=12.0,
        grassroots_years=4.0,
        rank_years=3.0,
        years_by_level={},
        posts_by_level={4: 2},
        last_promotion=date(2021, 1, 1),
    )
    base.update(kw)
    return ServiceFigures(**base)


def cand(rank="0142", hours=100.0, edu=3, **kw):
    return CandidateData(rank=rank, figures=figures(**kw), education_rank=edu, training_hours=hours)


def status(verdict, code):
    return next(c.status for c in verdict.checks if c.code == code)


@pytest.mark.parametrize("years,expected", [(1.99, FAIL), (2.0, PASS)])
def test_deputy_to_head_needs_two_years(years, expected):
    v = check_candidate("0141", cand("0142", rank_years=years), on=ON)
    assert status(v, "lower_years") == expected
    assert v.eligible is (expected == PASS)


@pytest.mark.parametrize("years,expected", [(2.99, FAIL), (3.0, PASS)])
def test_lower_head_to_upper_deputy_needs_three_years(years, expected):
    v = check_candidate("0132", cand("0141", rank_years=years), on=ON)
    assert status(v, "lower_years") == expected


@pytest.mark.parametrize("years,expected", [(4.99, FAIL), (5.0, PASS)])
def test_county_level_needs_five_years_of_work(years, expected):
    v = check_candidate("0132", cand("0141", work_years=years), on=ON)
    assert status(v, "work_years") == expected


@pytest.mark.parametrize("years,expected", [(1.99, FAIL), (2.0, PASS)])
def test_county_level_needs_two_grassroots_years(years, expected):
    v = check_candidate("0132", cand("0141", grassroots_years=years), on=ON)
    assert status(v, "grassroots") == expected


@pytest.mark.parametrize("posts,expected", [(1, FAIL), (2, PASS)])
def test_county_level_needs_two_posts_at_the_lower_level(posts, expected):
    v = check_candidate("0132", cand("0141", posts_by_level={4: posts}), on=ON)
    assert status(v, "lower_posts") == expected


def test_section_level_does_not_apply_the_county_rules():
    v = check_candidate("0141", cand("0142", work_years=1.0, grassroots_years=0.0), on=ON)
    assert {c.code for c in v.checks}.isdisjoint({"work_years", "grassroots", "lower_posts"})


@pytest.mark.parametrize(
    "edu,target,expected", [(1, "0141", FAIL), (2, "0141", PASS), (2, "0122", FAIL), (3, "0122", PASS)]
)
def test_education_college_or_bachelor_for_bureau(edu, target, expected):
    rank = {"0141": "0142", "0122": "0131"}[target]
    v = check_candidate(target, cand(rank, edu=edu), on=ON)
    assert status(v, "education") == expected


@pytest.mark.parametrize("hours,expected", [(89.9, WARN), (90.0, PASS)])
def test_training_hours_section_level_is_a_warning_not_a_bar(hours, expected):
    v = check_candidate("0141", cand("0142", hours=hours), on=ON)
    assert status(v, "training") == expected
    assert v.eligible


def test_training_hours_county_level_550_in_five_years():
    assert status(check_candidate("0132", cand("0141", hours=549), on=ON), "training") == WARN
    assert status(check_candidate("0132", cand("0141", hours=550), on=ON), "training") == PASS


@pytest.mark.parametrize("age,expected", [(35, PASS), (36, FAIL)])
def test_age_limit_of_the_post(age, expected):
    v = check_candidate("0141", cand("0142", age=age), on=ON, max_age=35)
    assert status(v, "age") == expected
    assert v.eligible is (expected == PASS)


@pytest.mark.parametrize(
    "level,years,expected",
    [("county", 2.99, FAIL), ("county", 3.0, PASS), ("city", 4.99, FAIL), ("city", 5.0, PASS)],
)
def test_party_standing_for_committee_seats(level, years, expected):
    v = check_candidate("0141", cand("0142", party_years=years), on=ON, committee_level=level)
    assert status(v, "party_years") == expected


def test_transfer_at_the_same_level_needs_no_years():
    v = check_candidate("0141", cand("0141", rank_years=0.1), on=ON)
    assert v.eligible
    assert "lower_years" not in {c.code for c in v.checks}


def test_skipping_two_levels_is_never_possible():
    v = check_candidate("0141", cand("0160"), on=ON, allow_exceptional=True)
    assert not v.eligible
    assert v.first_failure.code == "step"


def test_already_above_the_post():
    v = check_candidate("0142", cand("0141"), on=ON)
    assert not v.eligible and v.first_failure.code == "step"


def test_exceptional_promotion_only_when_the_post_allows_it():
    c = cand("0142", rank_years=1.5, last_promotion=date(2023, 12, 1))
    assert not check_candidate("0141", c, on=ON).eligible
    v = check_candidate("0141", c, on=ON, allow_exceptional=True)
    assert v.eligible and v.exceptional
    assert status(v, "exceptional") == WARN


@pytest.mark.parametrize("promoted,eligible", [(date(2024, 6, 2), False), (date(2024, 6, 1), True)])
def test_exceptional_promotion_not_within_a_year_of_the_last(promoted, eligible):
    c = cand("0142", rank_years=0.5, last_promotion=promoted)
    v = check_candidate("0141", c, on=ON, allow_exceptional=True)
    assert v.eligible is eligible


def test_exceptional_promotion_not_in_probation_and_not_twice_on_years():
    c = cand("0142", rank_years=1.5)
    c.in_probation = True
    assert not check_candidate("0141", c, on=ON, allow_exceptional=True).eligible
    c = cand("0142", rank_years=1.5)
    c.last_promotion_exceptional = True
    assert not check_candidate("0141", c, on=ON, allow_exceptional=True).eligible


def test_exceptional_promotion_cannot_set_aside_age_or_party_standing():
    c = cand("0142", rank_years=1.5, age=41)
    v = check_candidate("0141", c, on=ON, allow_exceptional=True, max_age=40)
    assert not v.eligible
    assert v.first_failure.code == "age"


def test_rank_score_shares_out_missing_components():
    w = {"evaluation": 50, "appraisal": 30, "archive": 20}
    assert rank_score(evaluation=90, appraisal=80, archive=40, weights=w) == 77.0
    assert rank_score(evaluation=None, appraisal=80, archive=40, weights=w) == 64.0
    assert rank_score(evaluation=None, appraisal=None, archive=None, weights=w) == 0.0


def test_training_hours_without_provider_say_so(monkeypatch):
    from orgwork.cadres import services

    monkeypatch.setattr(services, "_TRAINING_PROVIDERS", [])
    hours, note = training_hours([1, 2], date(2024, 1, 1), date(2025, 1, 1))
    assert hours[1] == 0 and note
    register_training_hours_provider(lambda ids, s, e: {i: 95 for i in ids})
    hours, note = training_hours([1], date(2024, 1, 1), date(2025, 1, 1))
    assert hours[1] == 95 and note == ""


@pytest.mark.django_db
def test_eligible_list_explains_and_ranks_within_scope(client, tree, admin_a):
    town_a = tree["town_a"]
    ready = make_cadre("甲合格", tree["village_a"], rank="0142", rank_since=date(2021, 1, 1))
    make_post(ready, title="副科长", rank="0142", started_on=date(2021, 1, 1), grassroots=True)
    make_appraisal(ready, 2024, "1")
    early = make_cadre("乙年限", tree["village_a"], rank="0142", rank_since=date(2024, 9, 1))
    outside = make_cadre("丙外镇", tree["village_b"], rank="0142", rank_since=date(2019, 1, 1))
    vacancy = create_object(
        Vacancy(org=town_a, title="震泽镇组织委员", rank="0141", opened_on=ON), actor=None
    )
    result = eligible_list(vacancy, admin_a)
    assert [r.name for r in result["eligible"]] == ["甲合格"]
    assert [r.name for r in result["ineligible"]] == ["乙年限"]
    assert result["ineligible"][0].verdict.first_failure.code == "lower_years"
    assert outside.pk not in {r.cadre_id for r in result["eligible"] + result["ineligible"]}
    assert early.pk
    client.force_login(admin_a)
    body = client.get(reverse("cadres:vacancy_detail", args=[vacancy.pk])).content.decode()
    assert "甲合格" in body and "乙年限" in body and "丙外镇" not in body
    assert "第八条三" in body


@pytest.mark.django_db
def test_a_user_of_another_township_sees_no_candidates_of_ours(tree):
    make_cadre("甲合格", tree["village_a"], rank="0142", rank_since=date(2021, 1, 1))
    vacancy = create_object(
        Vacancy(org=tree["district"], title="区委组织部干部科科长", rank="0141", opened_on=ON), actor=None
    )
    admin_b = make_user("admin_b", "org_admin", tree["town_b"])
    result = eligible_list(vacancy, admin_b)
    assert result["pool"] == 0


def test_rules_numbers_have_their_values():
    # The figures of 《党政领导干部选拔任用工作条例》 and 《干部教育培训工作条例》 (RULES.md §3.7).
    assert (rules.COUNTY_MIN_WORK_YEARS, rules.COUNTY_MIN_GRASSROOTS_YEARS) == (5, 2)
    assert (rules.DEPUTY_TO_HEAD_YEARS, rules.HEAD_TO_UPPER_DEPUTY_YEARS) == (2, 3)
    assert (rules.TRAINING_HOURS_SECTION_PER_YEAR, rules.TRAINING_HOURS_COUNTY_PER_5_YEARS) == (90, 550)
    assert rules.PUBLICITY_WORKDAYS == 5 and rules.PROBATION_YEARS == 1
