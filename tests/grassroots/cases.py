"""Per-model data of the grassroots models for the generic page and API suites: one object in
township A (the users' scope), one in township B, and an edit to apply."""

import itertools
from datetime import date

from orgwork.core.services import create_object
from orgwork.grassroots import models as m
from tests.factories import make_org
from tests.grassroots.factories import (
    make_action_branch,
    make_deed,
    make_health_check,
    make_household,
    make_member,
    make_pairing,
    make_project,
    make_visit,
)

_n = itertools.count(1)


class PledgeItemCases:
    model = m.PledgeItem

    def make_in_scope(self, tree):
        return create_object(
            m.PledgeItem(org=tree["town_a"], year=2026, code="a{}".format(next(_n)), name="震泽承诺事项"),
            actor=None,
        )

    def make_out_of_scope(self, tree):
        return create_object(
            m.PledgeItem(org=tree["town_b"], year=2026, code="b", name="盛泽承诺事项"), actor=None
        )

    def create_data(self, tree):
        return {
            "org": tree["village_a"].pk,
            "year": 2026,
            "code": "new_item",
            "name": "新承诺",
            "target": 2,
            "applies_to": "all",
            "measure": "deeds",
            "position": 0,
        }

    def edit_changes(self, obj):
        return {"target": 3}


class PledgeRoleCases:
    model = m.PledgeRole
    marker_attr = "person"

    def make_in_scope(self, tree):
        p = make_member("周领导", tree["village_a"])
        return create_object(m.PledgeRole(org=tree["village_a"], person=p, category="leader"), actor=None)

    def make_out_of_scope(self, tree):
        p = make_member("吴领导", tree["village_b"])
        return create_object(m.PledgeRole(org=tree["village_b"], person=p, category="leader"), actor=None)

    def create_data(self, tree):
        p = make_member("郑机关", tree["village_a"])
        return {"org": tree["village_a"].pk, "person": p.pk, "category": "organ"}

    def edit_changes(self, obj):
        return {"notes": "挂职"}


class DeedCases:
    model = m.Deed
    marker_attr = "description"

    def make_in_scope(self, tree):
        d = make_deed(make_member("钱党员", tree["village_a"]), "enterprise_need", date(2026, 3, 1))
        d.description = "走访震泽企业"
        d.save()
        return d

    def make_out_of_scope(self, tree):
        d = make_deed(make_member("孙党员", tree["village_b"]), "enterprise_need", date(2026, 3, 1))
        d.description = "走访盛泽企业"
        d.save()
        return d

    def create_data(self, tree):
        p = make_member("李党员", tree["village_a"])
        return {
            "org": tree["village_a"].pk,
            "person": p.pk,
            "year": 2026,
            "item_code": "policy_secured",
            "done_on": "2026-04-01",
            "description": "帮助企业申报补贴",
        }

    def edit_changes(self, obj):
        return {"evidence": "申报材料"}


class HouseholdCases:
    model = m.Household
    marker_attr = "head_name"

    def make_in_scope(self, tree):
        return make_household(tree["village_a"], "震泽户主")

    def make_out_of_scope(self, tree):
        return make_household(tree["village_b"], "盛泽户主")

    def create_data(self, tree):
        return {"org": tree["village_a"].pk, "head_name": "新户主", "size": 3, "difficulty": "dibao"}

    def edit_changes(self, obj):
        return {"address": "众安桥村5组"}


class PairingCases:
    model = m.Pairing
    marker_attr = "household"
    scope_fields = ("household",)

    def make_in_scope(self, tree):
        return make_pairing(
            make_household(tree["village_a"], "震泽结对户"), make_member("结对甲", tree["village_a"])
        )

    def make_out_of_scope(self, tree):
        return make_pairing(
            make_household(tree["village_b"], "盛泽结对户"), make_member("结对乙", tree["village_b"])
        )

    def create_data(self, tree):
        h = make_household(tree["village_a"], "待结对户")
        p = make_member("结对丙", tree["village_a"])
        return {"household": h.pk, "person": p.pk, "started_on": "2026-01-05"}

    def edit_changes(self, obj):
        return {"ended_on": "2026-12-31"}


class VisitCases:
    model = m.Visit
    marker_attr = "pairing"
    scope_fields = ("pairing",)

    def make_in_scope(self, tree):
        v = make_visit(PairingCases().make_in_scope(tree), date(2026, 2, 1))
        v.notes = "震泽走访记录"
        v.save()
        return v

    def make_out_of_scope(self, tree):
        v = make_visit(PairingCases().make_out_of_scope(tree), date(2026, 2, 1))
        v.notes = "盛泽走访记录"
        v.save()
        return v

    def create_data(self, tree):
        p = PairingCases().make_in_scope(tree)
        return {"pairing": p.pk, "visited_on": "2026-03-02", "mode": "home", "notes": "入户"}

    def edit_changes(self, obj):
        return {"mode": "phone"}


class ActionBranchCases:
    model = m.ActionBranch

    def make_in_scope(self, tree):
        return make_action_branch(tree["town_a"], "震泽便民行动支部")

    def make_out_of_scope(self, tree):
        return make_action_branch(tree["town_b"], "盛泽便民行动支部")

    def create_data(self, tree):
        return {
            "org": tree["village_a"].pk,
            "name": "新行动支部",
            "kind": "产业发展类",
            "task": "服务项目",
            "started_on": "2026-02-01",
        }

    def edit_changes(self, obj):
        return {"task": "服务重点项目"}


class ActionBranchMemberCases:
    model = m.ActionBranchMember
    marker_attr = "person"
    scope_fields = ("action_branch",)

    def make_in_scope(self, tree):
        ab = make_action_branch(tree["town_a"], "震泽行动支部")
        return create_object(
            m.ActionBranchMember(action_branch=ab, person=make_member("行动甲", tree["village_a"])),
            actor=None,
        )

    def make_out_of_scope(self, tree):
        ab = make_action_branch(tree["town_b"], "盛泽行动支部")
        return create_object(
            m.ActionBranchMember(action_branch=ab, person=make_member("行动乙", tree["village_b"])),
            actor=None,
        )

    def create_data(self, tree):
        ab = make_action_branch(tree["town_a"], "震泽新行动支部")
        return {"action_branch": ab.pk, "person": make_member("行动丙", tree["village_a"]).pk, "role": "队员"}

    def edit_changes(self, obj):
        return {"role": "队长"}


class ActionActivityCases:
    model = m.ActionActivity
    marker_attr = "title"
    scope_fields = ("action_branch",)

    def make_in_scope(self, tree):
        ab = make_action_branch(tree["town_a"], "震泽行动支部")
        return create_object(
            m.ActionActivity(action_branch=ab, held_on=date(2026, 3, 1), title="震泽义诊", served_count=30),
            actor=None,
        )

    def make_out_of_scope(self, tree):
        ab = make_action_branch(tree["town_b"], "盛泽行动支部")
        return create_object(
            m.ActionActivity(action_branch=ab, held_on=date(2026, 3, 1), title="盛泽义诊", served_count=30),
            actor=None,
        )

    def create_data(self, tree):
        ab = make_action_branch(tree["town_a"], "震泽新行动支部")
        return {
            "action_branch": ab.pk,
            "held_on": "2026-04-01",
            "title": "理发",
            "served_count": 12,
            "participants": 4,
        }

    def edit_changes(self, obj):
        return {"place": "村党群服务中心"}


class SecretaryProjectCases:
    model = m.SecretaryProject

    def make_in_scope(self, tree):
        return make_project(tree["village_a"], "震泽书记项目")

    def make_out_of_scope(self, tree):
        return make_project(tree["village_b"], "盛泽书记项目")

    def create_data(self, tree):
        return {
            "org": tree["village_a"].pk,
            "year": 2026,
            "name": "新书记项目",
            "goal": "目标",
            "status": "active",
        }

    def edit_changes(self, obj):
        return {"status": "done"}


class ProjectMilestoneCases:
    model = m.ProjectMilestone
    marker_attr = "title"
    scope_fields = ("project",)

    def make_in_scope(self, tree):
        p = make_project(tree["village_a"], "震泽书记项目")
        return create_object(
            m.ProjectMilestone(project=p, title="震泽阶段一", due_on=date(2026, 6, 30)), actor=None
        )

    def make_out_of_scope(self, tree):
        p = make_project(tree["village_b"], "盛泽书记项目")
        return create_object(
            m.ProjectMilestone(project=p, title="盛泽阶段一", due_on=date(2026, 6, 30)), actor=None
        )

    def create_data(self, tree):
        p = make_project(tree["village_a"], "震泽新项目")
        return {"project": p.pk, "title": "阶段二", "due_on": "2026-09-30"}

    def edit_changes(self, obj):
        return {"done_on": "2026-06-20"}


class ProjectEvidenceCases:
    model = m.ProjectEvidence
    marker_attr = "title"
    scope_fields = ("project",)

    def make_in_scope(self, tree):
        p = make_project(tree["village_a"], "震泽书记项目")
        return create_object(m.ProjectEvidence(project=p, title="震泽会议纪要"), actor=None)

    def make_out_of_scope(self, tree):
        p = make_project(tree["village_b"], "盛泽书记项目")
        return create_object(m.ProjectEvidence(project=p, title="盛泽会议纪要"), actor=None)

    def create_data(self, tree):
        p = make_project(tree["village_a"], "震泽新项目")
        return {"project": p.pk, "title": "照片", "notes": "存档"}

    def edit_changes(self, obj):
        return {"notes": "已归档"}


class HealthCheckItemCases:
    model = m.HealthCheckItem

    def make_in_scope(self, tree):
        return create_object(
            m.HealthCheckItem(org=tree["town_a"], code="x{}".format(next(_n)), name="震泽体检项", weight=10),
            actor=None,
        )

    def make_out_of_scope(self, tree):
        return create_object(
            m.HealthCheckItem(org=tree["town_b"], code="x", name="盛泽体检项", weight=10), actor=None
        )

    def create_data(self, tree):
        return {"org": tree["village_a"].pk, "code": "new", "name": "新项目", "weight": 20, "position": 1}

    def edit_changes(self, obj):
        return {"weight": 15}


class HealthCheckCases:
    model = m.HealthCheck
    marker_attr = "org"

    def make_in_scope(self, tree):
        return make_health_check(make_org("震泽体检支部{}".format(next(_n)), tree["village_a"]))

    def make_out_of_scope(self, tree):
        return make_health_check(make_org("盛泽体检支部{}".format(next(_n)), tree["village_b"]))

    def create_data(self, tree):
        return {"org": tree["village_a"].pk, "year": 2026, "period": "H1", "checked_on": "2026-06-30"}

    def edit_changes(self, obj):
        return {"notes": "复查"}


ALL_CASES = [
    PledgeItemCases,
    PledgeRoleCases,
    DeedCases,
    HouseholdCases,
    PairingCases,
    VisitCases,
    ActionBranchCases,
    ActionBranchMemberCases,
    ActionActivityCases,
    SecretaryProjectCases,
    ProjectMilestoneCases,
    ProjectEvidenceCases,
    HealthCheckItemCases,
    HealthCheckCases,
]


# The access matrix (tests/security) finds the marker through the global search, which knows people
# and orgs: each model is marked there by an org or person column its list shows.
MATRIX_MARKERS = {
    PledgeItemCases: "org",
    PledgeRoleCases: "person",
    DeedCases: "person",
    HouseholdCases: "org",
    PairingCases: "person",
    VisitCases: "org",
    ActionBranchCases: "org",
    ActionBranchMemberCases: "person",
    ActionActivityCases: "org",
    SecretaryProjectCases: "org",
    ProjectMilestoneCases: "org",
    ProjectEvidenceCases: "org",
    HealthCheckItemCases: "org",
    HealthCheckCases: "org",
}
MATRIX_CASES = [
    type("Matrix" + cases.__name__, (cases,), {"marker_attr": attr}) for cases, attr in MATRIX_MARKERS.items()
]
