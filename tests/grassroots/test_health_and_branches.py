"""Health checks (scoring, ranking, weak-org flags with working-day deadlines), action-branch
dashboard figures, secretary project progress, review and evidence files."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from orgwork.core.services import create_object
from orgwork.grassroots import models as m
from orgwork.grassroots import rules, services
from tests.factories import make_org, make_user
from tests.grassroots.factories import make_action_branch, make_health_check, make_member, make_project

pytestmark = pytest.mark.django_db

ALL_80_LIFE_50 = {
    "organization": 80,
    "team": 80,
    "members": 80,
    "life": 50,
    "venue": 80,
    "rules": 80,
    "role": 80,
}


def test_default_checklist_weights_sum_to_100():
    assert sum(d["weight"] for d in rules.DEFAULT_HEALTH_ITEMS) == 100


def test_total_is_the_weighted_mean(tree):
    check = make_health_check(tree["village_a"])
    services.score_health_check(check, scores=ALL_80_LIFE_50, actor=None)
    check.refresh_from_db()
    assert check.total == Decimal("74.0")  # (80 × 80 + 50 × 20) / 100
    services.score_health_check(check, scores={"team": 90, "life": "60"}, actor=None)
    check.refresh_from_db()
    assert check.total == Decimal("75.0")  # only the scored items: (90 × 20 + 60 × 20) / 40
    assert check.version == 3


@pytest.mark.parametrize("bad", [-1, 100.5, 101])
def test_scores_outside_0_to_100_are_refused(tree, bad):
    check = make_health_check(tree["village_a"])
    with pytest.raises(ValidationError):
        services.score_health_check(check, scores={"team": bad}, actor=None)
    check.refresh_from_db()
    assert check.total is None


def test_scores_0_and_100_are_accepted(tree):
    check = make_health_check(tree["village_a"])
    services.score_health_check(check, scores={"team": 0, "life": 100}, actor=None)
    check.refresh_from_db()
    assert check.total == Decimal("50.0")


def test_an_org_s_own_checklist_applies_to_its_subtree(tree):
    create_object(m.HealthCheckItem(org=tree["town_a"], code="only", name="唯一项目", weight=5), actor=None)
    assert [i.code for i in services.health_items_for(tree["village_a"])] == ["only"]
    assert len(services.health_items_for(tree["village_b"])) == len(rules.DEFAULT_HEALTH_ITEMS)
    check = make_health_check(tree["village_a"])
    services.score_health_check(check, scores={"only": 40, "team": 100}, actor=None)
    check.refresh_from_db()
    assert check.scores == {"only": 40.0} and check.total == Decimal("40.0")


def test_ranking_uses_competition_ranks_and_lists_flagged_orgs(tree):
    orgs = [make_org("支部{}".format(i), tree["town_a"]) for i in range(4)]
    totals = [90, 75, 75, 55]
    checks = []
    for org, t in zip(orgs, totals, strict=True):
        c = make_health_check(org)
        services.score_health_check(c, scores={k: t for k in ALL_80_LIFE_50}, actor=None)
        checks.append(c)
    make_health_check(make_org("未评分支部", tree["town_a"]))
    other = make_health_check(tree["village_b"])
    services.score_health_check(other, scores={"team": 100}, actor=None)
    services.flag_weak(
        checks[3], reason="总分低于60", plan="调整班子", flagged_on=date(2026, 6, 1), workdays=10, actor=None
    )
    data = services.health_ranking(tree["town_a"], 2025, "Y")
    assert [(rank, r.org.name) for rank, r in data["ranked"]] == [
        (1, "支部0"),
        (2, "支部1"),
        (2, "支部2"),
        (4, "支部3"),
    ]
    assert [r.org.name for r in data["unscored"]] == ["未评分支部"]
    assert [r.org.name for r in data["flagged"]] == ["支部3"]


def test_weak_flag_deadline_counts_working_days(tree):
    check = make_health_check(tree["village_a"])
    services.flag_weak(
        check, reason="低分", plan="整改", flagged_on=date(2026, 6, 1), workdays=10, actor=None
    )
    check.refresh_from_db()
    # Mon 2026-06-01 + 10 working days = Mon 06-15 (no holiday in between; 端午 is 06-19).
    assert check.weak and check.rectify_by == date(2026, 6, 15)


def test_weak_flag_deadline_skips_the_national_day_holiday(tree):
    from orgwork.core.workdays import add_workdays

    check = make_health_check(tree["village_a"])
    services.flag_weak(
        check, reason="低分", plan="整改", flagged_on=date(2026, 9, 30), workdays=1, actor=None
    )
    check.refresh_from_db()
    assert check.rectify_by == add_workdays(date(2026, 9, 30), 1)
    assert check.rectify_by > date(2026, 10, 7)


def test_a_weak_flag_needs_a_plan_and_rectification_follows_the_flag(tree):
    check = make_health_check(tree["village_a"])
    with pytest.raises(ValidationError):
        services.flag_weak(check, reason="低分", plan="  ", flagged_on=date(2026, 6, 1), actor=None)
    with pytest.raises(ValidationError):
        services.mark_rectified(check, rectified_on=date(2026, 7, 1), actor=None)
    services.flag_weak(check, reason="低分", plan="整改", flagged_on=date(2026, 6, 1), actor=None)
    with pytest.raises(ValidationError):
        services.mark_rectified(check, rectified_on=date(2026, 5, 31), actor=None)
    services.mark_rectified(check, rectified_on=date(2026, 6, 1), actor=None)
    check.refresh_from_db()
    assert check.rectified_on == date(2026, 6, 1)
    assert services.health_ranking(tree["village_a"], 2025, "Y")["flagged"] == []


def test_score_and_flag_pages(client, tree, admin_a):
    check = make_health_check(tree["village_a"])
    client.force_login(admin_a)
    url = reverse("grassroots:healthcheck_score", args=[check.pk])
    data = {
        "version": check.version,
        **{"score_" + k: v for k, v in ALL_80_LIFE_50.items()},
        "evidence_life": "记录",
    }
    assert client.post(url, data).status_code == 302
    check.refresh_from_db()
    assert check.total == Decimal("74.0") and check.evidence == {"life": "记录"}
    stale = client.post(url, data)
    assert stale.status_code == 400  # the version sent is now stale
    r = client.post(
        reverse("grassroots:healthcheck_flag", args=[check.pk]),
        {"reason": "组织生活不规范", "plan": "限期整改", "flagged_on": "2026-06-01", "workdays": 10},
    )
    assert r.status_code == 302
    check.refresh_from_db()
    assert check.rectify_by == date(2026, 6, 15)
    ranking = client.get(
        reverse("grassroots:health_ranking"), {"org": tree["town_a"].pk, "year": 2025}
    ).content.decode()
    assert "组织生活不规范" in ranking


def test_health_pages_of_another_township_are_404(client, tree, admin_a):
    check = make_health_check(tree["village_b"])
    client.force_login(admin_a)
    for name in ("healthcheck_score", "healthcheck_flag", "healthcheck_rectified"):
        assert client.post(reverse("grassroots:" + name, args=[check.pk]), {}).status_code == 404


# --- action branches ------------------------------------------------------------------------------


def test_action_branch_dashboard_figures(tree):
    a1 = make_action_branch(tree["town_a"], "行动一", "便民服务类", started_on=date(2025, 3, 1))
    a2 = make_action_branch(tree["village_a"], "行动二", "产业发展类", started_on=date(2026, 2, 1))
    make_action_branch(
        tree["town_a"], "已撤销", "便民服务类", started_on=date(2024, 1, 1), ended_on=date(2025, 12, 31)
    )
    make_action_branch(tree["town_b"], "外镇行动", "便民服务类")
    for ab, d, served in (
        (a1, date(2026, 1, 5), 30),
        (a1, date(2025, 12, 31), 99),
        (a2, date(2026, 3, 1), 50),
    ):
        create_object(
            m.ActionActivity(action_branch=ab, held_on=d, title="活动", served_count=served), actor=None
        )
    organ = make_org("机关支部", tree["town_a"])
    for ab, person in (
        (a1, make_member("队员甲", tree["village_a"])),
        (a1, make_member("队员乙", organ)),
        (a2, make_member("队员丙", organ)),
    ):
        create_object(m.ActionBranchMember(action_branch=ab, person=person), actor=None)
    d = services.action_branch_dashboard(tree["town_a"], 2026)
    assert (d["branches"], d["activities"], d["served"]) == (2, 2, 80)
    assert (d["members"], d["home_orgs"]) == (3, 2)
    kinds = {k: (n, s) for k, n, s in d["by_kind"]}
    assert kinds["便民服务类"] == (1, 30) and kinds["产业发展类"] == (1, 50) and kinds["社会治理类"] == (0, 0)
    everything = services.action_branch_dashboard(tree["town_a"], None)
    assert (everything["branches"], everything["served"]) == (3, 179)


def test_action_branch_types_are_configurable(tree):
    from orgwork.core.settings_store import set_setting

    with pytest.raises(ValidationError):
        make_action_branch(tree["town_a"], "应急行动支部", "应急处置类")
    set_setting("grassroots.action_branch_types", ["应急处置类"], actor=None)
    ab = make_action_branch(tree["town_a"], "应急行动支部", "应急处置类")
    assert ab.pk and "应急处置类" in rules.action_branch_types()


def test_dashboard_page(client, tree, admin_a):
    ab = make_action_branch(tree["town_a"], "行动一", "便民服务类", started_on=date(2026, 1, 1))
    create_object(
        m.ActionActivity(action_branch=ab, held_on=date(2026, 1, 5), title="活动", served_count=25180),
        actor=None,
    )
    client.force_login(admin_a)
    body = client.get(reverse("grassroots:action_branch_dashboard"), {"year": 2026}).content.decode()
    assert 'id="ab-served">25180<' in body


# --- secretary projects -----------------------------------------------------------------------------


def test_project_progress_and_review(tree):
    p = make_project(tree["village_a"])
    for i, done in enumerate((date(2026, 3, 1), None, None)):
        create_object(
            m.ProjectMilestone(
                project=p, title="阶段{}".format(i), due_on=date(2026, 3 + i, 1), done_on=done
            ),
            actor=None,
        )
    assert services.project_progress(p) == (1, 3, Decimal("33.3"))
    services.review_project(p, grade="good", notes="成效明显", reviewed_on=date(2026, 12, 20), actor=None)
    p.refresh_from_db()
    assert p.review_grade == "good" and p.version == 2


def test_evidence_upload_and_scoped_download(client, tree, admin_a, settings, tmp_path):
    settings.GRASSROOTS_EVIDENCE_ROOT = tmp_path
    p = make_project(tree["village_a"])
    client.force_login(admin_a)
    up = reverse("grassroots:evidence_upload", args=[p.pk])
    bad = client.post(up, {"title": "程序", "file": SimpleUploadedFile("x.exe", b"MZ")})
    assert bad.status_code == 302 and not m.ProjectEvidence.objects.exists()
    ok = client.post(up, {"title": "会议纪要", "file": SimpleUploadedFile("纪要.pdf", b"%PDF-1.4 test")})
    assert ok.status_code == 302
    ev = m.ProjectEvidence.objects.get()
    assert ev.original_name == "纪要.pdf" and ev.size == 13
    assert ev.stored_name.endswith(".pdf") and "纪要" not in ev.stored_name
    assert (tmp_path / ev.stored_name).exists()
    r = client.get(reverse("grassroots:evidence_download", args=[ev.pk]))
    assert r.status_code == 200 and b"".join(r.streaming_content) == b"%PDF-1.4 test"
    assert r["Content-Type"] == "application/octet-stream"
    client.force_login(make_user("admin_b", "org_admin", tree["town_b"]))
    assert client.get(reverse("grassroots:evidence_download", args=[ev.pk])).status_code == 404
    assert client.post(up, {"title": "x", "file": SimpleUploadedFile("y.pdf", b"%PDF")}).status_code == 404
