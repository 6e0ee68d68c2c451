"""Importers of grassroots work: pledge items and category overrides, deeds, households in
difficulty, pairings and their visits, action branches with their members and activities, secretary
projects and their milestones, health-check items and the health checks' scores. Orgs are named as
in every import (code, full path name or a unique name); members by their ID number; households,
action branches and projects by their name within the user's scope (or as “organization/name”)."""

import copy
from datetime import date
from decimal import InvalidOperation

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from orgwork.core.imports.base import Column, Importer, RowProblem
from orgwork.core.imports.template import ref_notes_property
from orgwork.orgs.natural_keys import ORG_ALIASES, OrgPlacedMixin, example_id_number
from orgwork.people.importers import BY_ID_NUMBER, PersonByIdNumberMixin

__all__ = [
    "PledgeItemImporter",
    "DeedImporter",
    "HouseholdImporter",
    "ActionBranchImporter",
    "HealthCheckItemImporter",
    "ActionActivityImporter",
    "PairingImporter",
    "PledgeRoleImporter",
    "VisitImporter",
    "ActionBranchMemberImporter",
    "SecretaryProjectImporter",
    "ProjectMilestoneImporter",
    "HealthCheckImporter",
]

ORG_NOTE = gettext_lazy("the organization's code or its full name")
HOUSEHOLD_NOTE = gettext_lazy("organization/head of household, or a head's name unique in your scope")
ORG = Column("org", "组织", ORG_ALIASES, kind="ref", required=True)


class _OrgImporter(OrgPlacedMixin, Importer):
    pass


class _ByNameInScope:
    """Records named by a name unique within the user's view scope, or as “organization/name”
    (the organization by its name or code)."""

    def one_by_name(self, model, value, *, name_field, column, missing, several):
        text_ = str(value).strip()
        if "/" in text_:
            org, name = (part.strip() for part in text_.rsplit("/", 1))
            conditions = (Q(**{name_field: name}), Q(org__name=org) | Q(org__code=org))
        else:
            conditions = (Q(**{name_field: text_}),)
        return self.one_in_scope(model, text_, *conditions, column=column, missing=missing, several=several)


class HouseholdByNameMixin(_ByNameInScope):
    def resolve_household(self, value, column="household"):
        from orgwork.grassroots.models import Household

        return self.one_by_name(
            Household,
            value,
            name_field="head_name",
            column=column,
            missing=_("No household of this name in your scope."),
            several=_("Several households have this head; write it as organization/head of household."),
        )


class ActionBranchByNameMixin(_ByNameInScope):
    def resolve_action_branch(self, value):
        from orgwork.grassroots.models import ActionBranch

        return self.one_by_name(
            ActionBranch,
            value,
            name_field="name",
            column="action_branch",
            missing=_("No action branch of this name in your scope."),
            several=_("Several action branches have this name."),
        )


class PledgeItemImporter(_OrgImporter):
    """先锋365 pledge items by (org, year, code)."""

    from orgwork.grassroots.models import PledgeItem as model

    title = "先锋365承诺事项"
    columns = (
        ORG,
        Column("year", "年度", ("年份",), kind="int", required=True, example="2026"),
        Column("code", "事项代码", ("代码",), required=True, example="enterprise_need"),
        Column("name", "承诺事项", ("事项", "名称"), required=True, example="排摸企业需求"),
        Column("target", "目标数", ("目标", "每人目标"), kind="int", example="1"),
        Column("applies_to", "适用对象", ("适用范围",), kind="choice", example="every member"),
        Column("measure", "计数方式", (), kind="choice", example="deeds logged"),
        Column("position", "排序", ("序号",), kind="int"),
    )
    key = ("org", "year", "code")


class HealthCheckItemImporter(_OrgImporter):
    """Health-check items by (org, code)."""

    from orgwork.grassroots.models import HealthCheckItem as model

    title = "党建体检项目"
    columns = (
        ORG,
        Column("code", "项目代码", ("代码",), required=True, example="life"),
        Column("name", "体检项目", ("项目", "名称"), required=True, example="组织生活落实"),
        Column("weight", "权重", ("分值",), kind="int", required=True, example="20"),
        Column("evidence_hint", "佐证材料", ("佐证",), example="三会一课记录"),
        Column("position", "排序", ("序号",), kind="int"),
    )
    key = ("org", "code")


class HouseholdImporter(_OrgImporter):
    """Households in difficulty by (org, head of household)."""

    from orgwork.grassroots.models import Household as model

    title = "困难家庭"
    columns = (
        ORG,
        Column("head_name", "户主姓名", ("户主", "姓名"), required=True, example="张阿大"),
        Column("address", "家庭住址", ("住址", "地址")),
        Column("phone", "联系电话", ("电话",), sensitive=True),
        Column("size", "家庭人口", ("人口", "家庭人数"), kind="int", example="3"),
        Column("difficulty", "困难类型", ("类型", "困难类别"), kind="choice", example="其他"),
        Column("registered_on", "认定日期", ("登记日期",), kind="date"),
        Column("closed_on", "脱困日期", ("退出日期",), kind="date"),
        Column("notes", "备注", ()),
    )
    key = ("org", "head_name")


class ActionBranchImporter(_OrgImporter):
    """Action branches by (org, name)."""

    from orgwork.grassroots.models import ActionBranch as model

    title = "行动支部"
    columns = (
        ORG,
        Column("name", "行动支部名称", ("名称", "支部名称"), required=True, example="红色锋巢行动支部"),
        Column("kind", "类型", ("行动支部类型",), required=True, example="便民服务类"),
        Column("task", "任务", ("围绕任务", "主要任务"), required=True, example="为企业提供政策咨询"),
        Column("started_on", "成立日期", ("成立时间",), kind="date", required=True, example="2026-03-01"),
        Column("ended_on", "撤销日期", ("结束日期",), kind="date"),
        Column("notes", "备注", ()),
    )
    key = ("org", "name")


class _MemberByIdNumber(PersonByIdNumberMixin):
    missing_person_message = gettext_lazy("No member with this ID number in your scope.")


class DeedImporter(_MemberByIdNumber, _OrgImporter):
    """Deeds by (member, item code, date): the member by ID number, within the user's scope."""

    from orgwork.grassroots.models import Deed as model

    title = "先锋365践诺事迹"
    columns = (
        ORG,
        Column(
            "person", "党员身份证号", ("身份证号", "公民身份号码"), kind="ref", required=True, sensitive=True
        ),
        Column("year", "年度", ("年份",), kind="int", required=True, example="2026"),
        Column("item_code", "事项代码", ("代码",), required=True, example="enterprise_need"),
        Column("done_on", "完成日期", ("日期",), kind="date", required=True, example="2026-05-17"),
        Column("description", "事迹内容", ("内容", "事迹"), required=True, example="走访企业排摸用工需求"),
        Column("evidence", "佐证", ()),
    )
    key = ("person", "item_code", "done_on")

    def example_row(self):
        return {**super().example_row(), ("person", ""): example_id_number()}


class ActionActivityImporter(ActionBranchByNameMixin, Importer):
    """Activities of action branches by (action branch, date, activity); the action branch by its
    name, which must be unique within the user's scope (or as “organization/name”)."""

    from orgwork.grassroots.models import ActionActivity as model

    title = "行动支部活动"
    columns = (
        Column(
            "action_branch",
            "行动支部",
            ("行动支部名称",),
            kind="ref",
            required=True,
            example="红色锋巢行动支部",
        ),
        Column("held_on", "活动日期", ("日期",), kind="date", required=True, example="2026-05-17"),
        Column("title", "活动名称", ("活动", "活动内容"), required=True, example="便民理发"),
        Column("place", "活动地点", ("地点",)),
        Column("served_count", "服务人次", ("服务人数",), kind="int", example="30"),
        Column("participants", "参与党员数", ("参与人数",), kind="int", example="6"),
    )
    key = ("action_branch", "held_on", "title")

    def placement(self, obj):
        return obj.action_branch.org_path

    def placement_field(self, part):
        return "action_branch"


class PairingImporter(HouseholdByNameMixin, _MemberByIdNumber, Importer):
    """Pairings by (household, member): the household as “组织/户主” or a head of household whose
    name is unique in the user's scope; the member by ID number."""

    from orgwork.grassroots.models import Pairing as model

    title = "结对帮扶"
    columns = (
        Column(
            "household",
            "困难家庭",
            ("户主", "户主姓名"),
            kind="ref",
            required=True,
            example="众安桥村党委/王阿大",
        ),
        Column(
            "person", "党员身份证号", ("身份证号", "公民身份号码"), kind="ref", required=True, sensitive=True
        ),
        Column("started_on", "结对日期", ("开始日期",), kind="date", required=True, example="2026-01-05"),
        Column("ended_on", "结束日期", (), kind="date"),
    )
    key = ("household", "person")

    def example_row(self):
        return {("person", ""): example_id_number()}

    def placement(self, obj):
        return obj.household.org_path

    def placement_field(self, part):
        return "household"


class PledgeRoleImporter(_MemberByIdNumber, _OrgImporter):
    """Category overrides of the pledge by person (one each): the member by ID number."""

    from orgwork.grassroots.models import PledgeRole as model

    title = "先锋365人员类别调整"
    columns = (
        ORG,
        Column(
            "person", "党员身份证号", ("身份证号", "公民身份号码"), kind="ref", required=True, sensitive=True
        ),
        Column(
            "category",
            "承诺类别",
            ("人员类别", "类别"),
            kind="choice",
            required=True,
            choice_aliases={
                "科级以上领导干部": "leader",
                "领导干部": "leader",
                "机关党员": "organ",
                "普通党员": "member",
                "其他党员": "member",
            },
            example="领导干部",
        ),
        Column("notes", "备注", ("说明",)),
    )
    key = ("person",)
    ref_notes = ref_notes_property(org=ORG_NOTE, person=BY_ID_NUMBER)

    def example_row(self):
        return {**super().example_row(), ("person", ""): example_id_number()}


class VisitImporter(HouseholdByNameMixin, _MemberByIdNumber, Importer):
    """Visits of pairings by (pairing, date): the pairing by the household (as for pairings) and
    the paired member's ID number."""

    from orgwork.grassroots.models import Pairing
    from orgwork.grassroots.models import Visit as model

    title = "结对走访记录"
    columns = (
        Column(
            "household",
            "困难家庭",
            ("户主", "户主姓名"),
            kind="ref",
            required=True,
            example="众安桥村党委/王阿大",
            target="pairing",
        ),
        Column(
            "person",
            "党员身份证号",
            ("身份证号", "公民身份号码"),
            kind="ref",
            required=True,
            sensitive=True,
            target="pairing",
        ),
        Column(
            "visited_on", "走访日期", ("日期", "帮扶日期"), kind="date", required=True, example="2026-03-12"
        ),
        Column(
            "mode",
            "走访方式",
            ("方式",),
            kind="choice",
            choice_aliases={"入户": "home", "上门": "home", "电话": "phone", "其他": "other"},
            example="入户走访",
        ),
        Column("notes", "帮扶内容", ("走访内容", "内容")),
    )
    key = ("pairing", "visited_on")
    ref_notes = ref_notes_property(household=HOUSEHOLD_NOTE, person=BY_ID_NUMBER)

    def pairing_of(self, values):
        household = self.resolve_household(
            values.get(("household", "pairing")), column=("household", "pairing")
        )
        try:
            person = self.person_by_id_number(values.get(("person", "pairing")), field=("person", "pairing"))
        except RowProblem as exc:
            raise RowProblem(("person", "pairing"), exc.reason) from None
        cache = self.__dict__.setdefault("_pairings", {})
        if (household.pk, person.pk) not in cache:
            cache[(household.pk, person.pk)] = (
                self.Pairing.objects.restrict(self.user, "view")
                .filter(household=household, person=person)
                .order_by("-started_on", "-pk")
                .first()
            )
        pairing = cache[(household.pk, person.pk)]
        if pairing is None:
            raise RowProblem(("person", "pairing"), _("This member is not paired with this household."))
        return pairing

    def build_data(self, values, target=""):
        data = super().build_data(values, target)
        if not target:
            data["pairing"] = self.pairing_of(values)
        return data

    def prefetch_existing(self, rows):
        keys = []
        for values in rows:
            try:
                keys.append((self.pairing_of(values).pk, values.get(("visited_on", ""))))
            except RowProblem:
                continue
        keys = {(p, date.fromisoformat(d)) for p, d in keys if d and len(d) == 10}
        self.existing = {}
        if keys:
            qs = self.model.all_objects.filter(
                pairing_id__in={k[0] for k in keys}, visited_on__in={k[1] for k in keys}
            ).order_by("pk")
            self.existing = {k: v for v in qs if (k := (v.pairing_id, v.visited_on)) in keys}
        self.changeable = set(
            self.model.objects.restrict(self.user, "change")
            .filter(pk__in=[v.pk for v in self.existing.values()])
            .values_list("pk", flat=True)
        )

    def example_row(self):
        return {("person", "pairing"): example_id_number()}

    def placement_field(self, part):
        return "visited_on"


class ActionBranchMemberImporter(ActionBranchByNameMixin, _MemberByIdNumber, Importer):
    """Members of action branches by (action branch, member): the action branch by its name (or
    “organization/name”), the member by ID number; their home branch is the one they are registered in."""

    from orgwork.grassroots.models import ActionBranchMember as model

    title = "行动支部成员"
    columns = (
        Column(
            "action_branch",
            "行动支部",
            ("行动支部名称",),
            kind="ref",
            required=True,
            example="红色锋巢行动支部",
        ),
        Column(
            "person", "党员身份证号", ("身份证号", "公民身份号码"), kind="ref", required=True, sensitive=True
        ),
        Column("role", "职责", ("角色", "分工", "职务")),
        Column("joined_on", "加入日期", ("加入时间",), kind="date", example="2026-03-01"),
    )
    key = ("action_branch", "person")
    ref_notes = ref_notes_property(
        action_branch=gettext_lazy("the action branch's name, or organization/name"), person=BY_ID_NUMBER
    )

    def example_row(self):
        return {("person", ""): example_id_number()}

    def placement_field(self, part):
        return "action_branch"


class SecretaryProjectImporter(PersonByIdNumberMixin, _OrgImporter):
    """Secretary projects by (org, year, name); the secretary by ID number; the annual review as
    on the project's page (a grade needs its date)."""

    from orgwork.grassroots.models import SecretaryProject as model

    title = "书记项目"
    columns = (
        ORG,
        Column("year", "年度", ("年份",), kind="int", required=True, example="2026"),
        Column("name", "项目名称", ("书记项目", "名称"), required=True, example="红色锋巢书记项目"),
        Column("secretary", "书记身份证号", ("书记", "负责人身份证号"), kind="ref", sensitive=True),
        Column("goal", "项目目标", ("目标",), required=True, example="建成3个党群服务点"),
        Column(
            "status",
            "项目状态",
            ("状态",),
            kind="choice",
            choice_aliases={
                "计划": "planned",
                "谋划中": "planned",
                "推进中": "active",
                "实施中": "active",
                "进行中": "active",
                "已完成": "done",
                "完成": "done",
                "已终止": "stopped",
                "终止": "stopped",
            },
            example="推进中",
        ),
        Column(
            "review_grade",
            "年度评价",
            ("评价等次", "考评等次"),
            kind="choice",
            choice_aliases={"好": "good", "较好": "good", "一般": "fair", "差": "poor", "较差": "poor"},
        ),
        Column("review_notes", "评价意见", ("考评意见",)),
        Column("reviewed_on", "评价日期", ("考评日期",), kind="date"),
    )
    key = ("org", "year", "name")
    ref_notes = ref_notes_property(org=ORG_NOTE, secretary=BY_ID_NUMBER)

    def resolve_secretary(self, value):
        return self.person_by_id_number(value, field="secretary")


class ProjectMilestoneImporter(_ByNameInScope, Importer):
    """Milestones of secretary projects by (project, milestone); the project by its name within
    the user's scope, or as “organization/project”."""

    from orgwork.grassroots.models import ProjectMilestone as model

    title = "书记项目节点"
    columns = (
        Column(
            "project", "书记项目", ("项目名称", "项目"), kind="ref", required=True, example="红色锋巢书记项目"
        ),
        Column("title", "节点", ("项目节点", "节点名称", "里程碑"), required=True, example="完成选址"),
        Column(
            "due_on",
            "计划完成日期",
            ("计划日期", "截止日期"),
            kind="date",
            required=True,
            example="2026-06-30",
        ),
        Column("done_on", "实际完成日期", ("完成日期",), kind="date"),
    )
    key = ("project", "title")
    ref_notes = ref_notes_property(project=gettext_lazy("the project's name, or organization/project"))

    def resolve_project(self, value):
        from orgwork.grassroots.models import SecretaryProject

        return self.one_by_name(
            SecretaryProject,
            value,
            name_field="name",
            column="project",
            missing=_("No secretary project of this name in your scope."),
            several=_("Several secretary projects have this name; write it as organization/project."),
        )

    def placement_field(self, part):
        return "project"


PERIOD_ALIASES = {
    "全年": "Y",
    "年度": "Y",
    "上半年": "H1",
    "下半年": "H2",
    "一季度": "Q1",
    "第一季度": "Q1",
    "二季度": "Q2",
    "第二季度": "Q2",
    "三季度": "Q3",
    "第三季度": "Q3",
    "四季度": "Q4",
    "第四季度": "Q4",
}


class HealthCheckImporter(_OrgImporter):
    """Health checks by (org, year, period) with a column of scores (0–100) per item of the
    checklist, headed by the item's name or code: the scores go through the same rule as on the
    scoring page (``services.set_health_scores``: 0–100, the weighted total), against the
    checklist that applies to the row's org. A blank score cell keeps the score recorded."""

    from orgwork.grassroots.models import HealthCheck as model

    title = "党建体检"
    columns = (
        ORG,
        Column("year", "年度", ("年份",), kind="int", required=True, example="2026"),
        Column(
            "period",
            "体检周期",
            ("周期", "期间"),
            kind="choice",
            required=True,
            choice_aliases=PERIOD_ALIASES,
            example="全年",
        ),
        Column(
            "checked_on", "体检日期", ("检查日期", "日期"), kind="date", required=True, example="2026-12-10"
        ),
        Column("notes", "备注", ()),
    )
    key = ("org", "year", "period")

    def __init__(self, user, **kwargs):
        super().__init__(user, **kwargs)
        self.columns = (*type(self).columns, *self.item_columns())

    @staticmethod
    def item_columns():
        """A score column per item code known (the default checklist's and those orgs have set)."""
        from orgwork.grassroots.models import HealthCheckItem
        from orgwork.grassroots.rules import DEFAULT_HEALTH_ITEMS

        names = {}
        pairs = [(d["code"], d["name"]) for d in DEFAULT_HEALTH_ITEMS]
        pairs += HealthCheckItem.objects.order_by("position", "code").values_list("code", "name")
        for code, name in pairs:
            names.setdefault(code, []).append(name)
        note = gettext_lazy("a score from 0 to 100")
        return [
            Column(
                code,
                labels[0],
                tuple(dict.fromkeys((*labels[1:], code))),
                example="90",
                note=note,
                target="score",
            )
            for code, labels in names.items()
        ]

    def prepare(self):
        super().prepare()
        self._checklists = {}

    def build_data(self, values, target=""):
        data = super().build_data(values, target)
        if not target:
            self.row_scores = {c: v for (c, t), v in values.items() if t == "score" and v not in (None, "")}
        return data

    def check_row(self, data, instance, existing):
        from orgwork.grassroots.services import health_items_for, set_health_scores

        if instance.org_id not in self._checklists:
            self._checklists[instance.org_id] = health_items_for(instance.org)
        items = self._checklists[instance.org_id]
        codes = {i.code for i in items}
        for code, value in self.row_scores.items():
            if code not in codes:
                raise RowProblem((code, "score"), _("This item is not on the organization's checklist."))
            try:  # the page's rule, per cell so that the error names its column
                set_health_scores(copy.copy(instance), scores={code: value}, items=items)
            except (ValidationError, InvalidOperation) as exc:
                reason = " ".join(exc.messages) if isinstance(exc, ValidationError) else ""
                raise RowProblem((code, "score"), reason or _("Enter numbers between 0 and 100.")) from None
        scores = {**(existing.scores if existing else {}), **self.row_scores}
        set_health_scores(instance, scores=scores, evidence=instance.evidence, items=items)
