"""The eligibility list of a vacancy in pages (issue 6): every cadre of the pool checked and counted,
the rows of the shown pages explained in full, counts and order equal to the rule-by-rule result."""

import itertools
from datetime import date

import pytest
from django.urls import reverse

from orgwork.cadres import rules, services
from orgwork.cadres.choices import RANK_LEVEL
from orgwork.cadres.models import Cadre, Education, Vacancy
from orgwork.cadres.selection import CandidateData, check_candidate, eligible_list
from orgwork.cadres.services import ServiceFigures, service_figures
from orgwork.core.services import create_object
from tests.cadres.factories import make_appraisal, make_cadre, make_post

ON = date(2025, 6, 1)


@pytest.mark.parametrize("target", ["0141", "0131", "0121"])
def test_training_hours_never_decide_eligibility(target):
    # eligible_list checks the whole pool without training hours and fetches them for the rows
    # shown only: that is right only while the training rule warns and never fails (第八条五).
    grid = itertools.product(
        ["0150", "0142", "0141", "0132"],  # rank
        [0.5, 2.5, 6.0],  # years of work / in rank
        [0, 2, 3],  # education
        [False, True],  # in probation
        [None, date(2025, 1, 1), date(2020, 1, 1)],  # last promotion
        [None, 40],  # max age
        [False, True],  # allow exceptional
    )
    for rank, years, edu, probation, last, max_age, allow in grid:
        fig = ServiceFigures(
            age=38,
            party_years=years,
            work_years=years,
            grassroots_years=years,
            rank_years=years,
            years_by_level={},
            posts_by_level={4: 1, 6: 1},
            last_promotion=last,
        )
        verdicts = [
            check_candidate(
                target,
                CandidateData(
                    rank=rank, figures=fig, education_rank=edu, in_probation=probation, training_hours=h
                ),
                on=ON,
                max_age=max_age,
                committee_level="county",
                allow_exceptional=allow,
            )
            for h in (0.0, 10_000.0)
        ]
        a, b = verdicts
        assert (a.eligible, a.exceptional) == (b.eligible, b.exceptional)
        assert [c.code for c in a.failing] == [c.code for c in b.failing]


def _pool(tree):
    """Nine cadres of township A: eligible, eligible only as 破格, and not eligible for reasons."""
    village = tree["village_a"]
    made = []
    for i, since in enumerate([date(2019, 1, 1), date(2020, 3, 1), date(2021, 1, 1), date(2022, 5, 1)]):
        c = make_cadre(f"甲{i}", village, rank="0142", rank_since=since)
        make_post(c, title="副科长", rank="0142", started_on=since, grassroots=True)
        make_appraisal(c, 2024, "1" if i % 2 else "2")
        made.append(c)
    made.append(make_cadre("乙年限0", village, rank="0142", rank_since=date(2024, 9, 1)))
    made.append(make_cadre("乙年限1", village, rank="0142", rank_since=date(2024, 1, 1)))
    made.append(make_cadre("丙学历", village, rank="0142", rank_since=date(2019, 1, 1), education=""))
    made.append(make_cadre("丁越级", village, rank="0150", rank_since=date(2015, 1, 1)))
    # No rank_since: the years in rank come from the posts.
    c = make_cadre("戊岗位", village, rank="0142", rank_since=None)
    make_post(c, title="副科长", rank="0142", started_on=date(2020, 1, 1))
    made.append(c)
    return made


def _rule_by_rule(vacancy, cadres):
    """Each cadre through check_candidate, its data read record by record with the ORM."""
    out = {}
    for cadre in Cadre.objects.filter(pk__in=[c.pk for c in cadres]).select_related("person"):
        edu = max(
            (
                rules.education_rank(code)
                for code in Education.objects.filter(cadre=cadre).values_list("education", flat=True)
            ),
            default=0,
        )
        data = CandidateData(
            rank=cadre.rank,
            figures=service_figures(cadre, list(cadre.posts.all()), ON),
            education_rank=edu,
        )
        out[cadre.person.name] = check_candidate(
            vacancy.rank,
            data,
            on=ON,
            max_age=vacancy.max_age,
            committee_level=vacancy.committee_level,
            allow_exceptional=vacancy.allow_exceptional,
        )
    return out


@pytest.mark.django_db
@pytest.mark.parametrize("allow_exceptional", [False, True])
def test_pages_counts_and_order_equal_the_rule_by_rule_result(tree, admin_a, monkeypatch, allow_exceptional):
    monkeypatch.setattr(services, "_TRAINING_PROVIDERS", [lambda ids, s, e: {i: 95 for i in ids}])
    cadres = _pool(tree)
    vacancy = create_object(
        Vacancy(
            org=tree["town_a"],
            title="震泽镇组织委员",
            rank="0141",
            opened_on=ON,
            allow_exceptional=allow_exceptional,
        ),
        actor=None,
    )
    # The pool: rungs up to one below the post's, two when it is open to exceptional promotion.
    pool = [c for c in cadres if RANK_LEVEL[c.rank] >= RANK_LEVEL["0141"] - (2 if allow_exceptional else 1)]
    assert 0 < len(pool) <= len(cadres) and (len(pool) == len(cadres)) is allow_exceptional
    expected = _rule_by_rule(vacancy, pool)
    whole = eligible_list(vacancy, admin_a, per_page=100)
    n_eligible = sum(v.eligible for v in expected.values())
    assert whole["pool"] == len(pool)
    assert whole["eligible_count"] == n_eligible == len(whole["eligible"]) > 0
    assert whole["ineligible_count"] == len(pool) - n_eligible == len(whole["ineligible"]) > 0
    for row in whole["eligible"] + whole["ineligible"]:
        v = expected[row.name]
        assert (row.verdict.eligible, row.verdict.exceptional) == (v.eligible, v.exceptional)
        assert [(c.code, c.status) for c in row.verdict.checks if c.code != "training"] == [
            (c.code, c.status) for c in v.checks if c.code != "training"
        ]
        training = next(c for c in row.verdict.checks if c.code == "training")
        assert training.status == "pass" and "95.0" in training.text  # the real hours
    assert (
        whole["ineligible"][0].verdict.first_failure.code
        == expected[whole["ineligible"][0].name].first_failure.code
    )

    # Two a page: the pages put together are the whole lists, in the same order.
    paged = {"eligible": [], "ineligible": []}
    for number in range(1, 6):
        result = eligible_list(vacancy, admin_a, page=number, ineligible_page=number, per_page=2)
        assert (result["eligible_count"], result["ineligible_count"]) == (
            whole["eligible_count"],
            whole["ineligible_count"],
        )
        for key in paged:
            page = result[key + "_page"]
            if page.number == number:  # past the last page, get_page gives the last one again
                assert len(result[key]) <= 2
                paged[key] += [r.name for r in result[key]]
    assert paged["eligible"] == [r.name for r in whole["eligible"]]
    assert paged["ineligible"] == [r.name for r in whole["ineligible"]]


@pytest.mark.django_db
def test_the_vacancy_page_shows_counts_and_pages(client, tree, admin_a, monkeypatch):
    from orgwork.cadres import selection

    monkeypatch.setattr(selection, "PER_PAGE", 2)
    _pool(tree)
    vacancy = create_object(
        Vacancy(org=tree["town_a"], title="震泽镇组织委员", rank="0141", opened_on=ON), actor=None
    )
    whole = eligible_list(vacancy, admin_a, per_page=100)
    client.force_login(admin_a)
    url = reverse("cadres:vacancy_detail", args=[vacancy.pk])
    body = client.get(url).content.decode()
    assert "人选范围 {} 人中 {} 人".format(whole["pool"], whole["eligible_count"]) in body
    assert whole["eligible"][0].name in body and whole["eligible"][2].name not in body
    assert "?page=2" in body and "?ipage=2" in body
    body = client.get(url + "?page=2&ipage=2").content.decode()
    assert whole["eligible"][2].name in body and whole["eligible"][0].name not in body
    assert whole["ineligible"][2].name in body and whole["ineligible"][0].name not in body
    assert ">3</td>" in body  # numbering goes on from the first page
    for bad in ("?page=x", "?page=999&ipage=-1"):
        assert client.get(url + bad).status_code == 200


@pytest.mark.django_db
def test_the_education_shown_is_the_last_of_the_highest_rung(tree, admin_a):
    from orgwork.people.choices import Education as EducationCode

    cadre = make_cadre("甲学历", tree["village_a"], rank="0142", rank_since=date(2019, 1, 1), education="")
    for code, graduated in (("2B", date(2015, 6, 30)), ("31", date(2005, 6, 30)), ("21", date(2009, 6, 30))):
        create_object(
            Education(
                cadre=cadre, kind="1", education=code, degree="4", school="苏州大学", graduated_on=graduated
            ),
            actor=None,
        )
    vacancy = create_object(
        Vacancy(org=tree["town_a"], title="震泽镇组织委员", rank="0141", opened_on=ON), actor=None
    )
    (row,) = eligible_list(vacancy, admin_a)["eligible"]
    assert row.education_label == dict(EducationCode.choices)["2B"]
