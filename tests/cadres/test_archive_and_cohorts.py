"""The growth archive gets entries from every source; cohort targets are counted from the posts and
agree with hand counts; assignments ending soon; a batch tracked as one; the dashboard in scope."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from orgwork.cadres.choices import ArchiveKind
from orgwork.cadres.models import (
    Appointment,
    ArchiveNote,
    Assignment,
    AssignmentBatch,
    CohortTarget,
    ContestResult,
    Evaluation,
    ReserveEntry,
    RewardSanction,
)
from orgwork.cadres.services import (
    _ARCHIVE_SOURCES,
    ArchiveItem,
    archive_for,
    batch_status,
    cohort_count,
    cohort_progress,
    cohort_progress_many,
    create_batch,
    ending_soon,
    register_archive_source,
)
from orgwork.core.services import create_object
from tests.cadres.cases import SCORES
from tests.cadres.factories import make_appraisal, make_cadre, make_post

pytestmark = pytest.mark.django_db


def test_archive_has_an_entry_from_every_source(tree, client, admin_a):
    va = tree["village_a"]
    c = make_cadre("周成长", va)
    make_post(c, title="村党委副书记", rank="0142", started_on=date(2020, 1, 1), grassroots=True)
    make_appraisal(c, 2024, "1")
    create_object(
        RewardSanction(cadre=c, code="01115", name="嘉奖", approved_on=date(2023, 1, 10)), actor=None
    )
    create_object(
        RewardSanction(cadre=c, code="02110", name="警告", approved_on=date(2023, 5, 10)), actor=None
    )
    create_object(
        Assignment(
            cadre=c,
            kind="first_secretary",
            org=va,
            starts_on=date(2022, 1, 1),
            ends_on=date(2024, 1, 1),
            outcome="excellent",
        ),
        actor=None,
    )
    create_object(
        ContestResult(org=va, contest="比武打擂", held_on=date(2024, 5, 20), cadre=c, score=93, placing=1),
        actor=None,
    )
    create_object(
        Evaluation(
            cadre=c, org=va, period="2024", assessor="考察组", evaluated_on=date(2024, 12, 1), scores=SCORES
        ),
        actor=None,
    )
    create_object(
        ReserveEntry(cadre=c, org=va, track="economy", target_rank="0141", entered_on=date(2024, 3, 1)),
        actor=None,
    )
    a = create_object(
        Appointment(
            cadre=c,
            org=va,
            title="镇党委委员",
            rank="0141",
            decided_on=date(2025, 1, 6),
            publicity_from=date(2025, 1, 7),
        ),
        actor=None,
    )
    a.appointed_on = date(2025, 2, 10)
    a.save()
    create_object(ArchiveNote(cadre=c, org=va, happened_on=date(2024, 7, 1), title="防汛一线"), actor=None)
    kinds = {i.kind for i in archive_for([c.pk])}
    expected = {k for k in ArchiveKind.values if k != ArchiveKind.TRAINING}
    assert kinds == expected
    client.force_login(admin_a)
    body = client.get(reverse("cadres:cadre_archive", args=[c.pk])).content.decode()
    for text in ("村党委副书记", "比武打擂", "防汛一线", "警告", "镇党委委员"):
        assert text in body


def test_another_app_can_add_archive_entries(tree, monkeypatch):
    c = make_cadre("吴培训", tree["village_a"])
    monkeypatch.setattr("orgwork.cadres.services._ARCHIVE_SOURCES", list(_ARCHIVE_SOURCES))

    def training(ids):
        return [ArchiveItem(i, date(2025, 3, 1), ArchiveKind.TRAINING, "年轻干部培训班") for i in ids]

    register_archive_source(training)
    assert any(i.kind == "training" and i.title == "年轻干部培训班" for i in archive_for([c.pk]))


def test_archive_is_404_out_of_scope(tree, client, admin_a):
    c = make_cadre("外镇人", tree["village_b"])
    client.force_login(admin_a)
    assert client.get(reverse("cadres:cadre_archive", args=[c.pk])).status_code == 404


def _young(tree, name, birth, posts):
    c = make_cadre(name, tree["village_a"], birth=birth, rank=posts[-1][0])
    for rank, start in posts:
        make_post(c, rank=rank, started_on=start, title="职务")
    return c


def test_cohort_counts_against_hand_counts(tree):
    # Hand count on 2025-01-01 of post-85 cadres at 副科 or above: B (副科 2023) and C (一级主任科员 2024) → 2.
    _young(tree, "甲八零", date(1982, 1, 1), [("0150", date(2005, 7, 1)), ("0142", date(2015, 1, 1))])
    _young(tree, "乙八五", date(1986, 1, 1), [("0150", date(2008, 7, 1)), ("0142", date(2023, 1, 1))])
    _young(tree, "丙九零", date(1991, 6, 1), [("0150", date(2013, 7, 1)), ("01A21", date(2024, 6, 1))])
    _young(tree, "丁九二", date(1992, 6, 1), [("0150", date(2014, 7, 1)), ("0142", date(2025, 3, 1))])
    _young(tree, "戊科员", date(1995, 6, 1), [("0150", date(2017, 7, 1))])
    prefix = tree["town_a"].path
    assert cohort_count(prefix, 1985, "0142", date(2025, 1, 1)) == 2
    assert cohort_count(prefix, 1980, "0142", date(2025, 1, 1)) == 3
    assert cohort_count(prefix, 1990, "0142", date(2025, 1, 1)) == 1
    assert cohort_count(prefix, 1990, "0142", date(2025, 6, 1)) == 2
    assert cohort_count(tree["town_b"].path, 1980, "0142", date(2025, 6, 1)) == 0
    target = create_object(
        CohortTarget(
            org=tree["town_a"],
            name="80后科级",
            born_from=1980,
            increase=3,
            baseline_on=date(2024, 1, 1),
            due_on=date(2027, 1, 1),
        ),
        actor=None,
    )
    p = cohort_progress(target, date(2025, 6, 1))
    # Baseline 2024-01-01: 甲 and 乙 → 2; now: 甲 乙 丙 丁 → 4; gained 2 of 3.
    assert (p["baseline"], p["current"], p["gained"], p["percent"]) == (2, 4, 2, 67)
    other = create_object(
        CohortTarget(
            org=tree["town_a"],
            name="90后科级",
            born_from=1990,
            increase=1,
            baseline_on=date(2024, 1, 1),
            due_on=date(2025, 4, 1),
        ),
        actor=None,
    )
    # The dashboard's batch computation gives the same figures as the one-target one.
    many = dict((t.pk, q) for t, q in cohort_progress_many([target, other], date(2025, 6, 1)))
    assert many == {target.pk: p, other.pk: cohort_progress(other, date(2025, 6, 1))}


def test_dashboard_counts_in_scope_only(tree, client, admin_a):
    _young(tree, "乙八五", date(1986, 1, 1), [("0142", date(2023, 1, 1))])
    other = make_cadre("外镇八五", tree["village_b"], birth=date(1987, 1, 1))
    assert other.pk
    client.force_login(admin_a)
    response = client.get(reverse("cadres:dashboard"))
    assert response.status_code == 200
    assert response.context["counts"]["total"] == 1


def test_ending_soon_and_batch_tracked_as_one(tree, admin_a):
    today = timezone.localdate()
    va = tree["village_a"]
    cadres = [make_cadre("轮岗{}".format(i), va) for i in range(3)]
    batch = AssignmentBatch(
        org=tree["town_a"],
        name="第一批轮岗",
        kind="rotation",
        starts_on=today - timedelta(days=160),
        ends_on=today + timedelta(days=20),
        planned_size=20,
    )
    create_batch(batch, [(c, tree["town_a"], "轮岗交流") for c in cadres], actor=admin_a)
    assert Assignment.objects.filter(batch=batch).count() == 3
    soon = ending_soon(Assignment.objects.all(), today)
    assert soon.count() == 3
    a = Assignment.objects.filter(batch=batch).first()
    a.outcome = "excellent"
    a.save()
    assert ending_soon(Assignment.objects.all(), today).count() == 2
    status = batch_status(batch, today)
    assert (status["count"], status["planned"], status["closed"], status["excellent"], status["running"]) == (
        3,
        20,
        1,
        1,
        True,
    )
