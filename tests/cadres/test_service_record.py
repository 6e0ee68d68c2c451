"""The service record stored on each cadre (the post periods and highest education the selection
rules read for a whole pool): the same figures as the posts themselves, kept in step when a post or
an education record is added, edited, moved, sent to the recycle bin or restored."""

import json
import random
from dataclasses import asdict, fields
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse

from orgwork.cadres.choices import RANK_LEVEL
from orgwork.cadres.models import Cadre, CadrePost, Education, Vacancy
from orgwork.cadres.selection import eligible_list
from orgwork.cadres.services import (
    ServiceFigures,
    StoredFigures,
    _PostRow,
    figures_from_summary,
    service_record,
    summarize_posts,
)
from orgwork.core.services import create_object, delete_object, restore_object, update_object
from tests.cadres.factories import make_cadre, make_post

ON = date(2025, 6, 1)


def _reference(posts, on, *, rank, rank_since=None, work_started_on=None):
    """The figures computed the plain way: each post cut at ``on``, posts after ``on`` left out,
    overlapping days counted once."""

    def merged_days(periods):
        days, cur = 0, None
        for s, e in sorted(periods):
            if cur is None or s > cur[1]:
                if cur:
                    days += (cur[1] - cur[0]).days
                cur = [s, e]
            else:
                cur[1] = max(cur[1], e)
        return days + ((cur[1] - cur[0]).days if cur else 0)

    kept = [(p, min(p.ended_on or on, on)) for p in posts if p.started_on <= on]
    levels = {RANK_LEVEL.get(p.rank, 0) for p, _e in kept}
    by_level = {
        lv: merged_days([(p.started_on, e) for p, e in kept if RANK_LEVEL[p.rank] == lv]) / 365.25
        for lv in levels
    }
    counts = {lv: sum(1 for p, _e in kept if RANK_LEVEL[p.rank] == lv) for lv in levels}
    level = RANK_LEVEL[rank]
    start = work_started_on or min((p.started_on for p in posts), default=None)
    at_level = [p.started_on for p, _e in kept if RANK_LEVEL[p.rank] == level]
    return ServiceFigures(
        age=None,
        party_years=None,
        work_years=max(0.0, (on - start).days / 365.25) if start else 0.0,
        grassroots_years=merged_days([(p.started_on, e) for p, e in kept if p.grassroots]) / 365.25,
        rank_years=max(0.0, (on - rank_since).days / 365.25) if rank_since else by_level.get(level, 0.0),
        years_by_level=by_level,
        posts_by_level=counts,
        last_promotion=rank_since or (min(at_level) if at_level else None),
    )


def test_figures_from_the_summary_equal_those_of_the_posts_on_any_date():
    rng = random.Random(6)
    ranks = ["0150", "0142", "0141", "0132", "0131"]
    for _ in range(400):
        posts = []
        for _p in range(rng.randint(0, 6)):
            start = date(2005, 1, 1) + timedelta(days=rng.randint(0, 7000))
            end = None if rng.random() < 0.3 else start + timedelta(days=rng.randint(0, 2500))
            posts.append(_PostRow(rng.choice(ranks), start, end, rng.random() < 0.4))
        on = date(2005, 1, 1) + timedelta(days=rng.randint(0, 8000))
        rank = rng.choice(ranks)
        since = rng.choice([None, date(2015, 3, 1)])
        work = rng.choice([None, date(2004, 7, 1)])
        own = {
            "rank": rank,
            "rank_since": since,
            "work_started_on": work,
            "party_joined_on": None,
            "birth_date": None,
        }
        got = figures_from_summary(summarize_posts(posts), on, **own)
        assert got == _reference(posts, on, rank=rank, rank_since=since, work_started_on=work), (posts, on)
        # The eligibility list reads the record as JSON text, decoded only when a rule needs it.
        stored = StoredFigures(json.dumps(summarize_posts(posts)), on, **own)
        assert {f.name: getattr(stored, f.name) for f in fields(ServiceFigures)} == asdict(got)


def _years(cadre, on=ON):
    cadre = Cadre.objects.get(pk=cadre.pk)
    return figures_from_summary(
        cadre.service_record,
        on,
        rank=cadre.rank,
        rank_since=cadre.rank_since,
        work_started_on=cadre.work_started_on,
        party_joined_on=cadre.party_joined_on,
        birth_date=None,
    )


def test_an_edited_post_updates_the_stored_record_through_the_pages(client, tree, admin_a):
    cadre = make_cadre("周基层", tree["village_a"], education="")
    post = make_post(cadre, rank="0142", started_on=date(2020, 1, 1), grassroots=False)
    assert _years(cadre).grassroots_years == 0
    client.force_login(admin_a)
    response = client.post(
        reverse("cadres:cadrepost_edit", args=[post.pk]),
        {
            "cadre": cadre.pk,
            "org": tree["village_a"].pk,
            "title": post.title,
            "rank": "0142",
            "started_on": "2020-01-01",
            "ended_on": "2024-01-01",
            "grassroots": "on",
            "version": post.version,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert _years(cadre).grassroots_years == pytest.approx(
        (date(2024, 1, 1) - date(2020, 1, 1)).days / 365.25
    )
    response = client.post(reverse("cadres:cadrepost_delete", args=[post.pk]))
    assert response.status_code == 302
    assert _years(cadre).grassroots_years == 0 and _years(cadre).posts_by_level == {}
    restore_object(CadrePost.all_objects.get(pk=post.pk), actor=admin_a)
    assert _years(cadre).posts_by_level == {3: 1}


def test_a_post_moved_to_another_cadre_leaves_neither_record_stale(tree):
    first = make_cadre("甲干部", tree["village_a"], education="")
    second = make_cadre("乙干部", tree["village_a"], education="")
    post = make_post(first, rank="0141", started_on=date(2019, 1, 1))
    post = CadrePost.objects.get(pk=post.pk)
    post.cadre = second
    update_object(post, actor=None)
    assert _years(first).posts_by_level == {}
    assert _years(second).posts_by_level == {4: 1}


def test_education_records_set_the_education_the_rules_read(tree, admin_a):
    cadre = make_cadre("钱学历", tree["village_a"], education="")
    assert Cadre.objects.get(pk=cadre.pk).service_record["edu"] == ""
    edu = create_object(
        Education(cadre=cadre, kind="1", education="31", graduated_on=date(2008, 6, 30)), actor=None
    )
    assert Cadre.objects.get(pk=cadre.pk).service_record["edu"] == "31"
    create_object(
        Education(cadre=cadre, kind="2", education="21", graduated_on=date(2012, 6, 30)), actor=None
    )
    assert Cadre.objects.get(pk=cadre.pk).service_record["edu"] == "21"
    delete_object(Education.objects.get(education="21", cadre=cadre), actor=None)
    assert Cadre.objects.get(pk=cadre.pk).service_record["edu"] == edu.education


def test_a_cadre_saved_from_an_old_copy_keeps_a_current_record(tree):
    cadre = make_cadre("孙旧本", tree["village_a"], education="")
    old_copy = Cadre.objects.get(pk=cadre.pk)
    make_post(cadre, rank="0142", started_on=date(2021, 1, 1))
    old_copy.expertise = "基层治理"
    update_object(old_copy, actor=None)
    assert _years(cadre).posts_by_level == {3: 1}


def test_refresh_command_repairs_records_written_around_the_hooks(tree):
    cadre = make_cadre("吴修复", tree["village_a"], education="")
    make_post(cadre, rank="0142", started_on=date(2021, 1, 1))
    CadrePost.objects.filter(cadre=cadre).update(rank="0141")  # no hook runs
    assert _years(cadre).posts_by_level == {3: 1}
    call_command("refresh_cadre_records", stdout=open("/dev/null", "w"))
    assert _years(cadre).posts_by_level == {4: 1}
    assert Cadre.objects.get(pk=cadre.pk).service_record == service_record([cadre.pk])[cadre.pk]


def test_eligibility_follows_an_edited_post(tree, admin_a):
    # A 副科 for two years becomes eligible for a 正科 post once the post's dates say so.
    cadre = make_cadre("郑任职", tree["village_a"], rank="0142", rank_since=None, education="21")
    post = make_post(cadre, rank="0142", started_on=date(2024, 1, 1))
    vacancy = create_object(
        Vacancy(org=tree["town_a"], title="办公室主任", rank="0141", opened_on=ON), actor=None
    )
    names = lambda: {r.name for r in eligible_list(vacancy, admin_a)["eligible"]}  # noqa: E731
    assert "郑任职" not in names()
    post.started_on = date(2022, 1, 1)
    update_object(post, actor=admin_a)
    assert "郑任职" in names()
