"""Import of a member list in the columns of 全国党员管理信息系统 (RULES.md §2.1: the 16 member
items). The person's own items (姓名, 性别, 公民身份号码, 民族, 出生日期, 学历, 联系电话, 家庭住址)
create or update the person; the rest the member. The export ``members:member_national_export``
writes the same columns, so a file goes out and comes back unchanged."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from orgwork.core.imports.base import Column, Importer, RowProblem
from orgwork.core.imports.template import ref_notes_property
from orgwork.members.choices import Step
from orgwork.members.models import Member
from orgwork.orgs.importers import TeamSeatImporter
from orgwork.orgs.natural_keys import ORG_ALIASES, OrgIndex, OrgPlacedMixin, example_id_number, example_org
from orgwork.people.importers import BY_ID_NUMBER, PERSON_COLUMNS, PersonByIdNumberMixin

__all__ = [
    "MemberImporter",
    "MeetingImporter",
    "DueImporter",
    "RecruitmentImporter",
    "RecruitmentStepImporter",
    "MeetingAttendanceImporter",
    "NATIONAL_HEADERS",
    "STATUS_ALIASES",
    "YES_NO",
]

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


MEETING_KIND_ALIASES = {
    "党员大会": "general_meeting",
    "支委会": "committee_meeting",
    "支部委员会": "committee_meeting",
    "党小组会": "group_meeting",
    "党课": "party_lecture",
    "主题党日": "theme_day",
    "组织生活会": "life_meeting",
    "民主评议党员": "appraisal",
}
ID_NUMBER = ("身份证号", "公民身份号码", "身份证号码", "党员身份证号")


def meeting_kind_column(**extra):
    """The 会议类型 column of a meeting ledger (the meetings' and the roll calls')."""
    return Column(
        "kind",
        "会议类型",
        ("类型", "会议类别"),
        kind="choice",
        required=True,
        example="支部党员大会",
        choice_aliases=MEETING_KIND_ALIASES,
        **extra,
    )


class MeetingImporter(OrgPlacedMixin, Importer):
    """三会一课 records by (branch, date, kind, topic), as branches keep them in a ledger: the
    counts of members expected and present (the form's rule: no more present than expected)."""

    from orgwork.members.models import Meeting as model

    title = "三会一课记录"
    columns = (
        Column("org", "党支部", ("组织", "支部", *ORG_ALIASES), kind="ref", required=True),
        meeting_kind_column(),
        Column("held_on", "召开日期", ("日期", "会议日期"), kind="date", required=True, example="2026-03-10"),
        Column("topic", "会议主题", ("主题", "议题", "内容"), required=True, example="学习党章"),
        Column("expected", "应到人数", ("应到",), kind="int", example="25"),
        Column("present", "实到人数", ("实到",), kind="int", example="23"),
        Column("notes", "会议记录", ("记录", "备注")),
    )
    key = ("org", "held_on", "kind", "topic")


class MemberByIdNumberMixin:
    """The ``member`` column holds the ID number of a member within the user's view scope (one
    query per distinct number)."""

    def resolve_member(self, value):
        number = str(value).strip().upper()
        return self.one_in_scope(
            Member,
            number,
            person__id_number=number,
            related=("org",),
            column="member",
            missing=_("No member with this ID number in your scope."),
        )


class DueImporter(MemberByIdNumberMixin, Importer):
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


def current_last(recruitments):
    """Recruitments ordered so that a person's current one (the latest not stopped) comes last."""
    from orgwork.members.choices import Stage

    return sorted(recruitments, key=lambda r: (r.stage != Stage.STOPPED, r.applied_on, r.pk))


class RecruitmentImporter(PersonByIdNumberMixin, OrgPlacedMixin, Importer):
    """A branch's 发展党员台账, one row per person: the person (already in the registry) by ID
    number, the branch, the date of application, the training so far and the people involved. The
    stage and its dates follow from the steps (``RecruitmentStepImporter``, through the rules); a
    known person updates their recruitment in progress (the latest one not stopped)."""

    from orgwork.members.models import Recruitment as model

    title = "发展党员台账"
    columns = (
        Column("person", "身份证号", ID_NUMBER[1:], kind="ref", required=True, sensitive=True),
        Column("org", "党支部", ("所在党支部", "支部", *ORG_ALIASES), kind="ref", required=True),
        Column(
            "applied_on",
            "递交入党申请书日期",
            ("申请日期", "申请入党日期", "入党申请日期", "递交申请书日期"),
            kind="date",
            required=True,
            example="2024-03-01",
        ),
        Column("training_days", "集中培训天数", ("培训天数",), example="3"),
        Column("training_hours", "集中培训学时", ("培训学时", "学时"), kind="int", example="24"),
        Column("mentors", "培养联系人", ("联系人",), example="王五、赵六"),
        Column("sponsors", "入党介绍人", ("介绍人",), example="王五、赵六"),
        Column("notes", "备注", ()),
    )
    key = ("person",)
    ref_notes = ref_notes_property(person=BY_ID_NUMBER)

    def example_row(self):
        return {**super().example_row(), ("person", ""): example_id_number()}

    def prefetch_existing(self, rows):
        super().prefetch_existing(rows)
        # Several recruitments of one person (an earlier one stopped): the latest one in progress.
        people = [k[0] for k in self.existing]
        self.existing = {}
        if people:
            for rec in current_last(self.model.all_objects.filter(person_id__in=people)):
                self.existing[(rec.person_id,)] = rec
        self.changeable = set(
            self.model.objects.restrict(self.user, "change")
            .filter(pk__in=[r.pk for r in self.existing.values()])
            .values_list("pk", flat=True)
        )


STEP_ALIASES = {
    label.split(" ", 1)[1]: value
    for value, label in Step.choices
    if [lbl.split(" ", 1)[1] for _v, lbl in Step.choices].count(label.split(" ", 1)[1]) == 1
}
# The names steps 15/23 and 17/24 share, told apart as ledgers do.
STEP_ALIASES.update(
    {
        "接收预备党员支部大会": 15,
        "入党支部大会": 15,
        "入党审批": 17,
        "接收预备党员审批": 17,
        "预备党员转正支部大会": 23,
        "转正支部大会": 23,
        "转正审批": 24,
    }
)


class RecruitmentStepImporter(Importer):
    """Steps of 发展党员 as a branch's ledger dates them: the recruitment by the person's ID number
    (their recruitment in progress, within the user's scope), the step by its number or name.

    A new step goes through ``members.services.record_step``, as on the page: the same order of
    steps, the same rules (age, a year as activist, training, quorum and majority, 公示, approval
    within 6 months) refuse the row with the same reasons, and steps 17 and 24 make the person a
    probationary and then a full member. A step already recorded is updated as on its edit page
    (people, tallies, notes). A file may carry a person's steps in order, one row each."""

    from orgwork.members.models import RecruitmentStep as model

    title = "发展党员步骤"
    columns = (
        Column("recruitment", "身份证号", ID_NUMBER[1:], kind="ref", required=True, sensitive=True),
        Column(
            "step",
            "步骤",
            ("发展步骤", "步骤名称", "环节"),
            kind="choice",
            required=True,
            choice_aliases=STEP_ALIASES,
            example="3 推荐和确定入党积极分子",
        ),
        Column("done_on", "完成日期", ("日期", "时间"), kind="date", required=True, example="2024-04-10"),
        Column("people", "相关人员", ("培养联系人/入党介绍人", "经办人", "参与人员"), example="王五、赵六"),
        Column("expected", "应到人数", ("应到有表决权党员", "应到"), kind="int"),
        Column("present", "实到人数", ("实到有表决权党员", "实到"), kind="int"),
        Column("in_favour", "赞成票", ("赞成", "赞成票数"), kind="int"),
        Column("against", "反对票", ("反对", "反对票数"), kind="int"),
        Column("abstained", "弃权票", ("弃权", "弃权票数"), kind="int"),
        Column("publicity_from", "公示开始日期", ("公示开始", "公示日期"), kind="date"),
        Column("publicity_to", "公示结束日期", ("公示结束",), kind="date"),
        Column("notes", "备注", ()),
    )
    key = ("recruitment", "step")
    ref_notes = ref_notes_property(recruitment=BY_ID_NUMBER)
    DETAILS = ("people", "expected", "present", "in_favour", "against", "abstained", "publicity_from")

    def prepare(self):
        super().prepare()
        self._recruitments = {}

    def resolve_recruitment(self, value):
        number = str(value).strip().upper()
        if number not in self._recruitments:
            found = current_last(
                self.model.recruitment.field.related_model.objects.restrict(self.user, "view")
                .filter(person__id_number=number)
                .select_related("person", "org")
            )
            self._recruitments[number] = found[-1] if found else None
        rec = self._recruitments[number]
        if rec is None:
            raise RowProblem(
                "recruitment", _("No recruitment of a person with this ID number in your scope.")
            )
        return rec

    def example_row(self):
        return {("recruitment", ""): example_id_number()}

    def placement_field(self, part):
        return "recruitment"

    def write_row(self, part, data, existing, number, target=""):
        if existing is not None:
            return super().write_row(part, data, existing, number, target)
        fields = [f for f in self.fields_of() if f in self.form.base_fields]
        obj = self.validate(
            self.model, self.form, fields, data, self.model(), existing=None, row_number=number
        )
        if not self.in_scope(obj.org_path, self.add_prefixes):
            raise RowProblem(
                "recruitment", _("Outside your scope: you may not add records there."), refused=True
            )
        from orgwork.members.services import record_step

        details = {
            f: getattr(obj, f)
            for f in (*self.DETAILS, "publicity_to", "notes")
            if getattr(obj, f) not in (None, "")
        }
        try:
            with transaction.atomic():  # a refused step leaves nothing behind for the rows after it
                record_step(obj.recruitment, obj.step, done_on=obj.done_on, actor=self.user, **details)
        except ValidationError as exc:
            obj.recruitment.refresh_from_db()
            raise RowProblem("step", " ".join(exc.messages)) from None
        self.result.created += 1
        return obj


class MeetingAttendanceImporter(MemberByIdNumberMixin, Importer):
    """A roll call in a ledger: the meeting by its branch, date and kind (and topic when the branch
    held two of a kind that day), the member by ID number, 出席 / 请假 / 缺席 and the reason of a
    leave. The member must belong to the meeting's branch; the meeting's counts of members expected
    and present are then the roll's, as after a roll call on its page."""

    from orgwork.members.models import Meeting
    from orgwork.members.models import MeetingAttendance as model

    title = "三会一课出勤记录"
    columns = (
        Column("org", "党支部", ("支部", *ORG_ALIASES), kind="ref", required=True, target="meeting"),
        Column(
            "held_on",
            "会议日期",
            ("召开日期", "日期"),
            kind="date",
            required=True,
            example="2026-03-10",
            target="meeting",
        ),
        meeting_kind_column(target="meeting"),
        Column("topic", "会议主题", ("主题",), target="meeting"),
        Column("member", "身份证号", ID_NUMBER[1:], kind="ref", required=True, sensitive=True),
        Column(
            "status",
            "出勤情况",
            ("出勤", "参会情况", "到会情况"),
            kind="choice",
            required=True,
            choice_aliases={
                "出席": "present",
                "到会": "present",
                "参加": "present",
                "请假": "excused",
                "缺席": "absent",
                "未到": "absent",
            },
            example="出席",
        ),
        Column("reason", "请假事由", ("缺席原因", "事由", "原因")),
    )
    key = ("meeting", "member")
    ref_notes = ref_notes_property(member=BY_ID_NUMBER)

    def model_for(self, target):
        return self.Meeting if target == "meeting" else self.model

    def prepare(self):
        super().prepare()
        self.orgs = OrgIndex.current()
        self._meetings = {}

    def meeting_of(self, values):
        """The meeting a row names, or RowProblem."""
        try:
            org = self.orgs.resolve(values.get(("org", "meeting")))
        except RowProblem as exc:
            raise RowProblem(("org", "meeting"), exc.reason) from None
        held_on, kind = values.get(("held_on", "meeting")), values.get(("kind", "meeting"))
        topic = str(values.get(("topic", "meeting")) or "").strip()
        k = (org.pk if org else None, held_on, kind, topic)
        if k not in self._meetings:
            qs = self.Meeting.objects.restrict(self.user, "view").filter(org=org, held_on=held_on, kind=kind)
            self._meetings[k] = list((qs.filter(topic=topic) if topic else qs).order_by("pk")[:2])
        found = self._meetings[k]
        if len(found) != 1:
            raise RowProblem(
                ("held_on", "meeting"),
                _("No meeting of this branch, date and kind in your scope; record the meeting first.")
                if not found
                else _("The branch held two meetings of this kind that day; give the meeting's topic."),
            )
        return found[0]

    def prefetch_existing(self, rows):
        pairs = []
        for values in rows:
            try:
                pairs.append(
                    (self.meeting_of(values).pk, self.resolve("member", values.get(("member", ""))).pk)
                )
            except (RowProblem, AttributeError):
                continue
        self.existing = {}
        if pairs:
            qs = self.model.all_objects.filter(
                meeting_id__in={p[0] for p in pairs}, member_id__in={p[1] for p in pairs}
            ).order_by()
            wanted = set(pairs)
            self.existing = {k: a for a in qs if (k := (a.meeting_id, a.member_id)) in wanted}
        self.changeable = set(
            self.model.objects.restrict(self.user, "change")
            .filter(pk__in=[a.pk for a in self.existing.values()])
            .values_list("pk", flat=True)
        )

    def build_data(self, values, target=""):
        data = super().build_data(values, target)
        if not target:
            data["meeting"] = self.meeting_of(values)
        return data

    def example_row(self):
        org = example_org(self.user)
        return {("org", "meeting"): org.code if org else "", ("member", ""): example_id_number()}

    def placement_field(self, part):
        return "member"

    def after_write(self, created, changed):
        from orgwork.members.services import count_attendance

        for meeting_id in dict.fromkeys(a.meeting_id for a in [*created, *changed]):
            count_attendance(meeting_id)
