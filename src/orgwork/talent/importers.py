"""Import of the talent registry from a spreadsheet (人才信息表): one row a talent, the person by ID
number (already in the registry of people, within the user's scope), the serving org as in every
import (code, full path name or a unique name). Levels, industry chains and recruitment channels
are the configurable lists: a cell may give the code or the label (A 类, 新一代信息技术 …)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from orgwork.core.imports.base import Column, Importer, RowProblem
from orgwork.core.imports.values import normalize_header
from orgwork.orgs.natural_keys import ORG_ALIASES, OrgIndexMixin, example_id_number, example_org
from orgwork.people.importers import PersonByIdNumberMixin
from orgwork.talent import rules

__all__ = ["TalentImporter", "AwardImporter", "ChallengeImporter"]


class _ConfiguredLists:
    """Cells of the configurable lists (levels, industry chains, channels): the code or the label."""

    def prepare(self):
        super().prepare()
        self._lists = {
            "level": rules.level_choices(),
            "industry": rules.industry_choices(),
            "channel": rules.channel_choices(),
        }

    def _from_list(self, name, value):
        text = str(value).strip()
        if not text:
            return ""
        wanted = normalize_header(text)
        for code, label in self._lists[name]:
            label = str(label)
            # The code (B), the label (B类（省级领军人才）) or the label's short form before its
            # bracket (B类), as registers write them.
            short = label.split("（")[0].split("(")[0]
            if wanted in {normalize_header(str(code)), normalize_header(label), normalize_header(short)}:
                return code
        allowed = "、".join(str(label) for _code, label in self._lists[name][:30])
        raise RowProblem(
            name,
            _("“{value}” is not one of the allowed values: {allowed}.").format(value=text, allowed=allowed),
        )

    def resolve_level(self, value):
        return self._from_list("level", value)

    def resolve_industry(self, value):
        return self._from_list("industry", value)

    def resolve_channel(self, value):
        return self._from_list("channel", value)


class TalentImporter(_ConfiguredLists, PersonByIdNumberMixin, OrgIndexMixin, Importer):
    """Talents by person (one talent record a person)."""

    from orgwork.talent.models import Talent as model

    title = "人才信息"
    columns = (
        Column("org", "服务单位", ("组织", "所属组织", *ORG_ALIASES), kind="ref", required=True),
        Column(
            "person",
            "身份证号",
            ("公民身份号码", "身份证号码", "证件号码"),
            kind="ref",
            required=True,
            sensitive=True,
        ),
        Column("category", "人才类别", ("类别",), kind="choice", example="创新创业人才"),
        Column("level", "人才层次", ("层次", "人才等级", "等级"), kind="ref", required=True, example="B"),
        Column("field", "专业领域", ("领域", "研究方向")),
        Column("industry", "产业链", ("所属产业", "产业", "所属产业链"), kind="ref"),
        Column("employer_name", "工作单位", ("用人单位", "单位名称", "单位")),
        Column("employer_code", "统一社会信用代码", ("信用代码", "单位信用代码")),
        Column("origin", "人才来源", ("来源",), kind="choice", example="国内"),
        Column("arrived_on", "引进日期", ("来区日期", "到岗日期", "引进时间"), kind="date"),
        Column("channel", "引才渠道", ("渠道", "引进渠道"), kind="ref"),
        Column("phone", "联系电话", ("电话", "手机", "手机号码"), sensitive=True),
        Column("notes", "备注", ()),
    )
    key = ("person",)

    def placement_field(self, part):
        return "org"

    def example_row(self):
        org = example_org(self.user)
        return {("org", ""): org.code if org else "", ("person", ""): example_id_number()}

    @property
    def ref_notes(self):
        def labels(pairs):
            return _("code or name: {}").format("、".join(str(label) for _code, label in pairs))

        return {
            "org": _("the organization's code or its full name"),
            "person": _("the ID number of a person already in the registry, within your scope"),
            "level": labels(rules.level_choices()),
            "industry": labels(rules.industry_choices()),
            "channel": labels(rules.channel_choices()),
        }


class AwardImporter(PersonByIdNumberMixin, Importer):
    """Program applications (申报名单) by (round, talent): the round as "program/round", the talent
    by the ID number of their person, within the user's scope; the project and the review score.
    Awarding an amount is the award verb's (it checks the program's budget), never an import's."""

    from orgwork.talent.models import Award as model

    title = "人才计划申报"
    columns = (
        Column(
            "round",
            "申报批次",
            ("计划/批次", "批次"),
            kind="ref",
            required=True,
            example="阳澄湖人才计划/2024年度申报",
        ),
        Column(
            "talent",
            "身份证号",
            ("公民身份号码", "身份证号码", "证件号码"),
            kind="ref",
            required=True,
            sensitive=True,
        ),
        Column("project", "申报项目", ("项目", "项目名称")),
        Column("score", "评审得分", ("得分", "评分"), example="86.5"),
    )
    key = ("round", "talent")
    missing_person_message = gettext_lazy("No talent with this ID number in your scope.")

    def placement_field(self, part):
        return "round"

    def example_row(self):
        return {("talent", ""): example_id_number()}

    def prepare(self):
        super().prepare()
        self._rounds = {}
        self._talents = {}

    def resolve_round(self, value):
        from orgwork.talent.models import ProgramRound

        text = str(value).strip()
        if text not in self._rounds:
            program, _sep, name = text.rpartition("/")
            qs = ProgramRound.objects.restrict(self.user, "view").filter(name=name.strip())
            if program.strip():
                qs = qs.filter(program__name=program.strip())
            self._rounds[text] = list(qs.select_related("program")[:2])
        found = self._rounds[text]
        if len(found) != 1:
            raise RowProblem(
                "round",
                _("No application round of this name in your scope; write it as program/round.")
                if not found
                else _("Several programs have a round of this name; write it as program/round."),
            )
        return found[0]

    def resolve_talent(self, value):
        from orgwork.talent.models import Talent

        person = self.person_by_id_number(value, field="talent")
        if person.pk not in self._talents:
            self._talents[person.pk] = (
                Talent.objects.restrict(self.user, "view").filter(person=person).first()
            )
        talent = self._talents[person.pk]
        if talent is None:
            raise RowProblem("talent", _("This person is not registered as a talent in your scope."))
        return talent

    @property
    def ref_notes(self):
        return {
            "round": _("the program's name and the round's name, as program/round"),
            "talent": _("the ID number of a registered talent, within your scope"),
        }


class ChallengeImporter(_ConfiguredLists, OrgIndexMixin, Importer):
    """揭榜挂帅 challenges (榜单) by (org, title): issuer, field, industry chain (code or name),
    bounty in 万元, dates and status."""

    from orgwork.talent.models import Challenge as model

    title = "揭榜挂帅榜单"
    columns = (
        Column("org", "发布单位", ("组织", "所属组织", *ORG_ALIASES), kind="ref", required=True),
        Column(
            "title",
            "项目名称",
            ("榜单名称", "难题名称", "名称"),
            required=True,
            example="高端芯片封装工艺攻关",
        ),
        Column(
            "issuer",
            "出题企业",
            ("发榜单位", "需求单位", "企业"),
            required=True,
            example="苏州某科技有限公司",
        ),
        Column("field", "技术领域", ("领域",)),
        Column("industry", "产业链", ("所属产业", "产业", "所属产业链"), kind="ref"),
        Column("bounty", "榜单金额（万元）", ("张榜金额", "金额", "榜单金额"), required=True, example="5000"),
        Column("published_on", "发布日期", ("发榜日期",), kind="date", required=True, example="2024-03-01"),
        Column("deadline", "揭榜截止日期", ("截止日期",), kind="date", required=True, example="2024-06-30"),
        Column("status", "状态", (), kind="choice"),
        Column("outcome", "成果", ("攻关成果",)),
    )
    key = ("org", "title")

    def placement_field(self, part):
        return "org"

    def example_row(self):
        org = example_org(self.user)
        return {("org", ""): org.code if org else ""}

    @property
    def ref_notes(self):
        return {
            "org": _("the organization's code or its full name"),
            "industry": _("code or name: {}").format(
                "、".join(str(label) for _c, label in rules.industry_choices())
            ),
        }
