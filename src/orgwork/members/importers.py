"""Import of a member list in the columns of 全国党员管理信息系统 (RULES.md §2.1: the 16 member
items). The person's own items (姓名, 性别, 公民身份号码, 民族, 出生日期, 学历, 联系电话, 家庭住址)
create or update the person; the rest the member. The export ``members:member_national_export``
writes the same columns, so a file goes out and comes back unchanged."""

from django.utils.translation import gettext as _

from orgwork.core.imports.base import Column, Importer, RowProblem
from orgwork.members.models import Member
from orgwork.orgs.importers import TeamSeatImporter
from orgwork.orgs.natural_keys import ORG_ALIASES, OrgPlacedMixin, example_id_number, example_org
from orgwork.people.importers import PERSON_COLUMNS

__all__ = ["MemberImporter", "MeetingImporter", "DueImporter", "NATIONAL_HEADERS", "STATUS_ALIASES", "YES_NO"]

STATUS_ALIASES = {"正式党员": "full", "正式": "full", "预备党员": "probationary", "预备": "probationary"}
STATE_ALIASES = {
    "正常": "normal",
    "停止党籍": "suspended",
    "转出": "transferred_out",
    "出党": "lapsed",
    "死亡": "deceased",
}
CATEGORY_ALIASES = {
    "在职": "in_service",
    "在职职工": "in_service",
    "年薪制": "annual_salary",
    "个体": "self_employed",
    "个体经营": "self_employed",
    "离退休": "retired",
    "离休": "retired",
    "退休": "retired",
    "农民": "farmer",
    "农牧渔民": "farmer",
    "学生": "student",
    "下岗失业": "unemployed",
    "失业": "unemployed",
    "低保": "relief",
    "流动": "migrant",
}
YES_NO = {"是": True, "否": False, "": False, "Y": True, "N": False, "1": True, "0": False}

_P = {c.field: c for c in PERSON_COLUMNS}


def _person(field, label, aliases=()):
    c = _P[field]
    return Column(
        c.field,
        label,
        tuple(dict.fromkeys((c.label, *aliases, *c.aliases))),
        kind=c.kind,
        example=c.example,
        target="person",
        choice_aliases=c.choice_aliases,
        required=field == "name",
    )


# In the national system's order (RULES.md §2.1 items 1–16), then our own category column.
NATIONAL_HEADERS = (
    "姓名",
    "性别",
    "公民身份号码",
    "民族",
    "出生日期",
    "学历",
    "人员类别",
    "所在党支部",
    "入党日期",
    "转为正式党员日期",
    "工作岗位",
    "联系电话",
    "家庭住址",
    "党籍状态",
    "是否失联党员",
    "失联日期",
    "是否流动党员",
    "外出流向",
    "人员分类",
)


class MemberImporter(TeamSeatImporter):
    """A member list: each row a member named by ID number; with 姓名 the person is created
    (registered by the member's branch) or updated. A known ID number updates the member."""

    model = Member
    title = "党员"
    columns = (
        _person("name", "姓名"),
        _person("sex", "性别"),
        Column(
            "person",
            "公民身份号码",
            ("身份证号", "身份证号码", "身份证", "公民身份证号码", "证件号码"),
            kind="ref",
            required=True,
            sensitive=True,
        ),
        _person("ethnicity", "民族"),
        _person("birth_date", "出生日期"),
        _person("education", "学历"),
        Column(
            "status",
            "人员类别",
            ("党员类别",),
            kind="choice",
            choice_aliases=STATUS_ALIASES,
            required=True,
            example="正式党员",
        ),
        Column(
            "org", "所在党支部", ("所在党组织", "党支部", "所在支部", "党组织"), kind="ref", required=True
        ),
        Column(
            "joined_on",
            "入党日期",
            ("加入党组织日期", "入党时间"),
            kind="date",
            required=True,
            example="2010-07-01",
        ),
        Column(
            "confirmed_on", "转为正式党员日期", ("转正日期", "转正时间"), kind="date", example="2011-07-01"
        ),
        Column("post", "工作岗位", ("岗位", "职务"), example="教师"),
        _person("phone", "联系电话", ("手机号码", "固定电话")),
        _person("address", "家庭住址"),
        Column(
            "membership_state", "党籍状态", (), kind="choice", choice_aliases=STATE_ALIASES, example="正常"
        ),
        Column("lost_contact", "是否失联党员", ("失联党员",), example="否"),
        Column("lost_contact_on", "失联日期", (), kind="date"),
        Column("floating", "是否流动党员", ("流动党员",), example="否"),
        Column("float_destination", "外出流向", ("流向", "外出流向(省/市/县)")),
        Column(
            "category",
            "人员分类",
            ("党员分类", "分类"),
            kind="choice",
            choice_aliases=CATEGORY_ALIASES,
            example="在职",
        ),
    )
    key = ("person",)

    def match_headers(self, headers):
        super().match_headers(headers)

    def column_for(self, name, target=""):
        if target == "person" and name in ("id_number", "registered_org"):
            return super().column_for("person" if name == "id_number" else "org")
        return super().column_for(name, target)

    def prefetch_existing(self, rows):
        ids = {str(v.get(("person", ""), "")).strip().upper() for v in rows} - {""}
        pks = [self.person_map[i].pk for i in ids if i in self.person_map and self.person_map[i].pk]
        self.existing = {}
        for m in Member.all_objects.filter(person_id__in=pks).select_related("org", "person"):
            self.existing[self.instance_key(m)] = m
        self.changeable = set(
            Member.objects.restrict(self.user, "change")
            .filter(pk__in=[m.pk for m in self.existing.values()])
            .values_list("pk", flat=True)
        )

    def example_row(self):
        org = example_org(self.user)
        return {
            ("person", ""): example_id_number(),
            ("birth_date", "person"): "1985-05-20",
            ("org", ""): org.code if org else "",
        }

    def prepare_row(self, values, number):
        org = self.resolve("org", values.get(("org", "")))
        values[("org", "")] = org
        for name in ("lost_contact", "floating"):
            if (name, "") in values:
                text = str(values[(name, "")] or "").strip().upper()
                if text not in YES_NO:
                    raise RowProblem(name, _("Write 是 or 否."))
                values[(name, "")] = YES_NO[text]
        number_ = str(values.get(("person", ""), "")).strip().upper()
        if not number_:
            raise RowProblem("person", _("The ID number is required to import members."))
        if not self.with_people:
            return
        if number_ in self.person_seen:
            values[("person", "")] = self.person_seen[number_]
            return
        existing = self.person_map.get(number_)
        pdata = self.build_data(values, "person")
        pdata["id_number"] = number_
        if existing is None and org is not None:
            pdata["registered_org"] = org
        if existing is not None:
            # Fields the file does not carry keep their values (registered org, notes …).
            for f in ("registered_org", "political_status", "native_place", "degree", "notes"):
                pdata.setdefault(f, getattr(existing, f))
        person = self.write_row(self.person_part, pdata, existing, number, target="person")
        self.person_seen[number_] = person
        self.person_map[number_] = person
        values[("person", "")] = person

    def after_write(self, created, changed):
        from orgwork.members.services import sync_person

        for m in [*created, *changed]:
            sync_person(m, actor=self.user)


class MeetingImporter(OrgPlacedMixin, Importer):
    """三会一课 records by (branch, date, kind, topic), as branches keep them in a ledger: the
    counts of members expected and present (the form's rule: no more present than expected)."""

    from orgwork.members.models import Meeting as model

    title = "三会一课记录"
    columns = (
        Column("org", "党支部", ("组织", "支部", *ORG_ALIASES), kind="ref", required=True),
        Column(
            "kind",
            "会议类型",
            ("类型", "会议类别"),
            kind="choice",
            required=True,
            example="支部党员大会",
            choice_aliases={
                "党员大会": "general_meeting",
                "支委会": "committee_meeting",
                "支部委员会": "committee_meeting",
                "党小组会": "group_meeting",
                "党课": "party_lecture",
                "主题党日": "theme_day",
                "组织生活会": "life_meeting",
                "民主评议党员": "appraisal",
            },
        ),
        Column("held_on", "召开日期", ("日期", "会议日期"), kind="date", required=True, example="2026-03-10"),
        Column("topic", "会议主题", ("主题", "议题", "内容"), required=True, example="学习党章"),
        Column("expected", "应到人数", ("应到",), kind="int", example="25"),
        Column("present", "实到人数", ("实到",), kind="int", example="23"),
        Column("notes", "会议记录", ("记录", "备注")),
    )
    key = ("org", "held_on", "kind", "topic")


class DueImporter(Importer):
    """Monthly dues rows by (member, month), as a branch's ledger has them: the member by ID number
    (within the user's scope), the month (any day of it), the base, the amount due (blank: computed
    from the member's category and the base) and what was paid when."""

    from orgwork.members.models import Due as model

    title = "党费缴纳记录"
    columns = (
        Column(
            "member", "党员身份证号", ("身份证号", "公民身份号码"), kind="ref", required=True, sensitive=True
        ),
        Column("month", "月份", ("所属月份", "缴费月份"), kind="date", required=True, example="2026-03-01"),
        Column("base", "交纳基数", ("基数", "月工资收入"), example="6000"),
        Column("amount", "应交金额", ("应交", "应缴金额")),
        Column("paid", "实交金额", ("实交", "实缴金额"), example="60"),
        Column("paid_on", "交纳日期", ("缴费日期", "交费日期"), kind="date", example="2026-03-15"),
        Column("voluntary", "自愿多交", ("自愿多交金额",)),
        Column("notes", "备注", ()),
    )
    key = ("member", "month")

    def prepare(self):
        super().prepare()
        self._members = {}

    def resolve_member(self, value):
        number = str(value).strip().upper()
        if number not in self._members:
            self._members[number] = (
                Member.objects.restrict(self.user, "view")
                .select_related("org")
                .filter(person__id_number=number)
                .first()
            )
        member = self._members[number]
        if member is None:
            raise RowProblem("member", _("No member with this ID number in your scope."))
        return member

    def parse_cell(self, col, raw):
        value = super().parse_cell(col, raw)
        if col.field == "month" and value:  # "2026-03" or any day of it: the 1st (the record's key)
            return value[:7] + "-01"
        return value

    def example_row(self):
        return {("member", ""): example_id_number()}

    def placement(self, obj):
        return obj.member.org_path

    def placement_field(self, part):
        return "member"
