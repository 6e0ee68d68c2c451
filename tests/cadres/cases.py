"""Per-model data of the generic page and API suites for the cadres app: one object in township A,
one in township B, a change, and the data of a new object."""

from datetime import date

from orgwork.cadres.models import (
    Appointment,
    Appraisal,
    ArchiveNote,
    Assignment,
    AssignmentBatch,
    Cadre,
    CadrePost,
    CohortTarget,
    ContestResult,
    Education,
    Evaluation,
    FamilyMember,
    ReserveEntry,
    RewardSanction,
    Vacancy,
)
from orgwork.core.services import create_object
from tests.cadres.factories import make_cadre, make_post
from tests.factories import make_person

SCORES = {"political": 90, "performance": 85, "responsibility": 80, "ability": 88, "integrity": 95}


class CadreCases:
    model = Cadre
    marker_attr = "person"

    def make_in_scope(self, tree):
        return make_cadre("孙悟干", tree["village_a"])

    def make_out_of_scope(self, tree):
        return make_cadre("猪八干", tree["village_b"])

    def edit_changes(self, obj):
        return {"expertise": "基层治理"}

    def create_data(self, tree):
        person = make_person("沙和干", tree["village_a"])
        return {
            "person": person.pk,
            "org": tree["village_a"].pk,
            "rank": "0150",
            "management": "04",
            "health": "健康",
        }


class _ChildCases:
    marker_attr = "person"

    def cadre(self, tree, key):
        names = {"village_a": "唐三干", "village_b": "白龙干"}
        return make_cadre(names[key], tree[key])


class CadrePostCases(_ChildCases):
    model = CadrePost

    def make_in_scope(self, tree):
        return make_post(
            self.cadre(tree, "village_a"), title="镇党委组织委员", rank="0142", started_on=date(2021, 1, 1)
        )

    def make_out_of_scope(self, tree):
        return make_post(
            self.cadre(tree, "village_b"), title="镇党委宣传委员", rank="0142", started_on=date(2021, 1, 1)
        )

    def edit_changes(self, obj):
        return {"grassroots": True}

    def create_data(self, tree):
        c = self.cadre(tree, "village_a")
        return {
            "cadre": c.pk,
            "org": tree["village_a"].pk,
            "title": "村党委第一书记",
            "rank": "0142",
            "started_on": "2022-03-01",
        }


class EducationCases(_ChildCases):
    model = Education
    scope_fields = ("cadre",)  # placed where its cadre is
    marker_attr = "school"

    def cadre(self, tree, key):  # without the education record make_cadre adds
        names = {"village_a": "唐三学", "village_b": "白龙学"}
        return make_cadre(names[key], tree[key], education="")

    def _make(self, cadre, school):
        return create_object(
            Education(cadre=cadre, kind="2", education="13", school=school, graduated_on=date(2019, 6, 30)),
            actor=None,
        )

    def make_in_scope(self, tree):
        return self._make(self.cadre(tree, "village_a"), "中央党校研究生院")

    def make_out_of_scope(self, tree):
        return self._make(self.cadre(tree, "village_b"), "江苏省委党校")

    def edit_changes(self, obj):
        return {"degree": "3"}

    def create_data(self, tree):
        c = self.cadre(tree, "village_a")
        return {
            "cadre": c.pk,
            "kind": "2",
            "education": "21",
            "school": "苏州大学在职研究生",
            "graduated_on": "2023-06-30",
        }


class AppraisalCases(_ChildCases):
    model = Appraisal
    scope_fields = ("cadre",)  # placed where its cadre is
    marker_attr = "year"

    def make_in_scope(self, tree):
        return create_object(Appraisal(cadre=self.cadre(tree, "village_a"), year=2023, grade="1"), actor=None)

    def make_out_of_scope(self, tree):
        return create_object(Appraisal(cadre=self.cadre(tree, "village_b"), year=2022, grade="2"), actor=None)

    def edit_changes(self, obj):
        return {"grade": "2"}

    def create_data(self, tree):
        return {"cadre": self.cadre(tree, "village_a").pk, "year": 2024, "grade": "1"}


class RewardSanctionCases(_ChildCases):
    model = RewardSanction
    scope_fields = ("cadre",)  # placed where its cadre is
    marker_attr = "name"

    def _make(self, cadre, name):
        return create_object(
            RewardSanction(
                cadre=cadre, code="01111", name=name, approved_on=date(2022, 12, 1), approver="吴江区委"
            ),
            actor=None,
        )

    def make_in_scope(self, tree):
        return self._make(self.cadre(tree, "village_a"), "优秀共产党员")

    def make_out_of_scope(self, tree):
        return self._make(self.cadre(tree, "village_b"), "优秀党务工作者")

    def edit_changes(self, obj):
        return {"approver": "苏州市委"}

    def create_data(self, tree):
        c = self.cadre(tree, "village_a")
        return {
            "cadre": c.pk,
            "code": "01111",
            "name": "先进工作者",
            "approved_on": "2024-05-01",
            "approver": "吴江区政府",
        }


class FamilyMemberCases(_ChildCases):
    model = FamilyMember
    scope_fields = ("cadre",)  # placed where its cadre is
    marker_attr = "name"

    def _make(self, cadre, name):
        return create_object(
            FamilyMember(
                cadre=cadre, relation="12", name=name, birth_date=date(1988, 3, 1), work="吴江区教育局"
            ),
            actor=None,
        )

    def make_in_scope(self, tree):
        return self._make(self.cadre(tree, "village_a"), "李家属")

    def make_out_of_scope(self, tree):
        return self._make(self.cadre(tree, "village_b"), "赵家属")

    def edit_changes(self, obj):
        return {"work": "吴江区卫健委"}

    def create_data(self, tree):
        c = self.cadre(tree, "village_a")
        return {"cadre": c.pk, "relation": "12", "name": "周家属", "political_status": "13", "position": 0}


class ReserveEntryCases(_ChildCases):
    model = ReserveEntry

    def _make(self, tree, key):
        c = self.cadre(tree, key)
        return create_object(
            ReserveEntry(
                cadre=c, org=tree[key], track="economy", target_rank="0141", entered_on=date(2024, 3, 1)
            ),
            actor=None,
        )

    def make_in_scope(self, tree):
        return self._make(tree, "village_a")

    def make_out_of_scope(self, tree):
        return self._make(tree, "village_b")

    def edit_changes(self, obj):
        return {"category": "key"}

    def create_data(self, tree):
        c = self.cadre(tree, "village_a")
        return {
            "cadre": c.pk,
            "org": tree["village_a"].pk,
            "track": "legal",
            "target_rank": "0141",
            "category": "regular",
            "entered_on": "2024-05-01",
        }


class CohortTargetCases:
    model = CohortTarget
    marker_attr = "org"

    def _make(self, tree, key, name):
        return create_object(
            CohortTarget(
                org=tree[key],
                name=name,
                born_from=1985,
                increase=40,
                baseline_on=date(2024, 1, 1),
                due_on=date(2027, 1, 1),
            ),
            actor=None,
        )

    def make_in_scope(self, tree):
        return self._make(tree, "town_a", "震泽镇党委85后科级目标")

    def make_out_of_scope(self, tree):
        return self._make(tree, "town_b", "盛泽镇党委85后科级目标")

    def edit_changes(self, obj):
        return {"increase": 45}

    def create_data(self, tree):
        return {
            "org": tree["town_a"].pk,
            "name": "90后科级",
            "born_from": 1990,
            "min_rank": "0142",
            "increase": 18,
            "baseline_on": "2024-01-01",
            "due_on": "2027-01-01",
        }


class EvaluationCases(_ChildCases):
    model = Evaluation

    def _make(self, tree, key):
        c = self.cadre(tree, key)
        return create_object(
            Evaluation(
                cadre=c,
                org=tree[key],
                period="2025",
                assessor="考察组",
                evaluated_on=date(2025, 12, 1),
                scores=dict(SCORES),
            ),
            actor=None,
        )

    def make_in_scope(self, tree):
        return self._make(tree, "village_a")

    def make_out_of_scope(self, tree):
        return self._make(tree, "village_b")

    def edit_changes(self, obj):
        return {"assessor": "分管领导"}

    def create_data(self, tree):
        c = self.cadre(tree, "village_a")
        return {
            "cadre": c.pk,
            "org": tree["village_a"].pk,
            "period": "2025",
            "assessor": "考察组",
            "evaluated_on": "2025-12-01",
            "scores": dict(SCORES),
        }


class AssignmentBatchCases:
    model = AssignmentBatch
    marker_attr = "org"

    def _make(self, tree, key, name):
        return create_object(
            AssignmentBatch(
                org=tree[key],
                name=name,
                kind="rotation",
                starts_on=date(2025, 3, 1),
                ends_on=date(2025, 9, 1),
                planned_size=20,
            ),
            actor=None,
        )

    def make_in_scope(self, tree):
        return self._make(tree, "town_a", "震泽镇党委第一批轮岗")

    def make_out_of_scope(self, tree):
        return self._make(tree, "town_b", "盛泽镇党委第一批轮岗")

    def edit_changes(self, obj):
        return {"planned_size": 18}

    def create_data(self, tree):
        return {
            "org": tree["town_a"].pk,
            "name": "第二批轮岗",
            "kind": "rotation",
            "starts_on": "2026-03-01",
            "ends_on": "2026-09-01",
            "planned_size": 20,
        }


class AssignmentCases(_ChildCases):
    model = Assignment

    def _make(self, tree, key):
        c = self.cadre(tree, key)
        return create_object(
            Assignment(
                cadre=c,
                kind="secondment",
                org=tree[key],
                starts_on=date(2025, 3, 1),
                ends_on=date(2025, 9, 1),
            ),
            actor=None,
        )

    def make_in_scope(self, tree):
        return self._make(tree, "village_a")

    def make_out_of_scope(self, tree):
        return self._make(tree, "village_b")

    def edit_changes(self, obj):
        return {"supervisor": "王书记"}

    def create_data(self, tree):
        c = self.cadre(tree, "village_a")
        return {
            "cadre": c.pk,
            "kind": "first_secretary",
            "org": tree["village_a"].pk,
            "starts_on": "2025-01-01",
            "ends_on": "2027-01-01",
        }


class ContestResultCases(_ChildCases):
    model = ContestResult

    def _make(self, tree, key):
        c = self.cadre(tree, key)
        return create_object(
            ContestResult(
                org=tree[key], contest="比武打擂", held_on=date(2025, 5, 20), cadre=c, score=92, placing=1
            ),
            actor=None,
        )

    def make_in_scope(self, tree):
        return self._make(tree, "village_a")

    def make_out_of_scope(self, tree):
        return self._make(tree, "village_b")

    def edit_changes(self, obj):
        return {"award": "一等奖"}

    def create_data(self, tree):
        c = self.cadre(tree, "village_a")
        return {
            "org": tree["village_a"].pk,
            "contest": "比武打擂",
            "held_on": "2025-05-20",
            "cadre": c.pk,
            "score": "88.5",
            "placing": 2,
        }


class ArchiveNoteCases(_ChildCases):
    model = ArchiveNote

    def _make(self, tree, key, title):
        c = self.cadre(tree, key)
        return create_object(
            ArchiveNote(cadre=c, org=tree[key], happened_on=date(2025, 6, 1), title=title), actor=None
        )

    def make_in_scope(self, tree):
        return self._make(tree, "village_a", "防汛一线表现突出")

    def make_out_of_scope(self, tree):
        return self._make(tree, "village_b", "招商引资表现突出")

    def edit_changes(self, obj):
        return {"text": "连续奋战七昼夜"}

    def create_data(self, tree):
        c = self.cadre(tree, "village_a")
        return {"cadre": c.pk, "org": tree["village_a"].pk, "happened_on": "2025-07-01", "title": "疫情防控"}


class VacancyCases:
    model = Vacancy
    marker_attr = "org"

    def _make(self, tree, key, title):
        return create_object(
            Vacancy(org=tree[key], title=title, rank="0141", opened_on=date(2025, 6, 1)), actor=None
        )

    def make_in_scope(self, tree):
        return self._make(tree, "town_a", "震泽镇组织委员")

    def make_out_of_scope(self, tree):
        return self._make(tree, "town_b", "盛泽镇组织委员")

    def edit_changes(self, obj):
        return {"max_age": 40}

    def create_data(self, tree):
        return {
            "org": tree["town_a"].pk,
            "title": "震泽镇宣传委员",
            "rank": "0141",
            "opened_on": "2025-06-01",
        }


class AppointmentCases(_ChildCases):
    model = Appointment

    def _make(self, tree, key, title):
        c = self.cadre(tree, key)
        return create_object(
            Appointment(cadre=c, org=tree[key], title=title, rank="0141", decided_on=date(2025, 6, 3)),
            actor=None,
        )

    def make_in_scope(self, tree):
        return self._make(tree, "village_a", "众安桥村党委书记")

    def make_out_of_scope(self, tree):
        return self._make(tree, "village_b", "黄家溪村党总支书记")

    def edit_changes(self, obj):
        return {"reason": "工作需要"}

    def create_data(self, tree):
        c = self.cadre(tree, "village_a")
        return {
            "cadre": c.pk,
            "org": tree["village_a"].pk,
            "title": "镇党委委员",
            "rank": "0141",
            "decided_on": "2025-06-03",
        }


# Every registered model of the app, for the generated access matrix (tests/security).
ALL = [
    CadreCases,
    CadrePostCases,
    # In the access matrix (tests/security), which finds records through the global search of people
    # and orgs, the cadre's own records are marked by the cadre's person.
    *(
        type("Matrix" + cases.__name__, (cases,), {"marker_attr": "person"})
        for cases in (EducationCases, AppraisalCases, RewardSanctionCases, FamilyMemberCases)
    ),
    ReserveEntryCases,
    CohortTargetCases,
    EvaluationCases,
    AssignmentBatchCases,
    AssignmentCases,
    ContestResultCases,
    ArchiveNoteCases,
    VacancyCases,
    AppointmentCases,
]
