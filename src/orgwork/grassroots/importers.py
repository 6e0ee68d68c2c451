"""Importers of grassroots work: pledge items, deeds, households in difficulty, action branches and
health-check items. Orgs are named as in every import (code, full path name or a unique name);
members by their ID number."""

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from orgwork.core.imports.base import Column, Importer, RowProblem
from orgwork.orgs.natural_keys import ORG_ALIASES, OrgPlacedMixin, example_id_number
from orgwork.people.importers import PersonByIdNumberMixin

__all__ = [
    "PledgeItemImporter",
    "DeedImporter",
    "HouseholdImporter",
    "ActionBranchImporter",
    "HealthCheckItemImporter",
]

ORG = Column("org", "组织", ORG_ALIASES, kind="ref", required=True)


class _OrgImporter(OrgPlacedMixin, Importer):
    pass


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


class ActionActivityImporter(Importer):
    """Activities of action branches by (action branch, date, activity); the action branch by its
    name, which must be unique within the user's scope."""

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

    def prepare(self):
        super().prepare()
        self._branches = {}

    def resolve_action_branch(self, value):
        from orgwork.grassroots.models import ActionBranch

        name = str(value).strip()
        if name not in self._branches:
            found = list(ActionBranch.objects.restrict(self.user, "view").filter(name=name)[:2])
            self._branches[name] = found
        found = self._branches[name]
        if len(found) != 1:
            raise RowProblem(
                "action_branch",
                _("No action branch of this name in your scope.")
                if not found
                else _("Several action branches have this name."),
            )
        return found[0]

    def placement(self, obj):
        return obj.action_branch.org_path

    def placement_field(self, part):
        return "action_branch"


class PairingImporter(_MemberByIdNumber, Importer):
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

    def prepare(self):
        super().prepare()
        self._households = {}

    def resolve_household(self, value):
        from orgwork.grassroots.models import Household

        text_ = str(value).strip()
        if text_ not in self._households:
            qs = Household.objects.restrict(self.user, "view")
            if "/" in text_:
                org, head = text_.rsplit("/", 1)
                qs = qs.filter(head_name=head.strip()).filter(
                    Q(org__name=org.strip()) | Q(org__code=org.strip())
                )
            else:
                qs = qs.filter(head_name=text_)
            self._households[text_] = list(qs[:2])
        found = self._households[text_]
        if len(found) != 1:
            raise RowProblem(
                "household",
                _("No household of this name in your scope.")
                if not found
                else _("Several households have this head; write it as organization/head of household."),
            )
        return found[0]

    def placement(self, obj):
        return obj.household.org_path

    def placement_field(self, part):
        return "household"
