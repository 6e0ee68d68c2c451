"""Importers of the org tree: orgs, terms, and team seats (a 班子 / 两委 roster, which also creates or
updates the people on it). Orgs are named by code, by full path name (“吴江区委/震泽镇党委/众安桥村党委”,
from any level down) or by a name that is unique (within the town given in the row, if any)."""

import re

from django.db.models import Max
from django.utils.translation import gettext as _

from orgwork.core.imports.base import Column, Importer, Part, RowProblem
from orgwork.core.imports.values import normalize_header, text
from orgwork.core.paths import STEP, child_path, subtree_q
from orgwork.orgs.models import Org, TeamSeat, Term
from orgwork.orgs.natural_keys import ORG_ALIASES, OrgIndexMixin, example_id_number, example_org
from orgwork.people.importers import PERSON_COLUMNS, PersonImporter, birth_month_only

__all__ = ["OrgImporter", "TermImporter", "TeamSeatImporter"]

ORG_COLUMNS = (
    Column(
        "parent",
        "上级组织",
        ("上级党组织", "上级组织名称", "上级组织编码", "上级"),
        kind="ref",
        required=True,
        example="",
    ),
    Column(
        "name", "组织名称", ("名称", "党组织名称", "组织全称"), required=True, example="震泽镇机关第二党支部"
    ),
    Column("short_name", "简称", ("组织简称",)),
    Column("code", "组织编码", ("编码", "组织代码", "代码"), required=True, example="320509101901"),
    Column("kind", "组织类别", ("类别", "组织类型", "党组织类别"), kind="choice", example="党支部"),
    Column("level", "层级", ("级别", "组织层级"), kind="choice", example="单位"),
    Column("sector", "所属领域", ("领域", "行业"), kind="choice", example="机关"),
    Column("division_code", "行政区划代码", ("区划代码",)),
    Column("position", "排序", ("序号", "排序号")),
    Column("established_on", "成立日期", ("成立时间",), kind="date"),
    Column("address", "地址", ("办公地址", "通讯地址")),
    Column("phone", "联系电话", ("电话", "办公电话")),
    Column("notes", "备注", ()),
)


class OrgImporter(OrgIndexMixin, Importer):
    """Orgs by code: a known code updates that org (its parent is changed only by “Move”), a new
    one creates the org under its parent with the next free path."""

    model = Org
    title = "组织"
    columns = ORG_COLUMNS
    key = ("code",)
    always_fields = ("parent",)
    skip_fields = ("parent", "path", "depth")

    def prepare(self):
        from orgwork.orgs.services import _lock_tree

        super().prepare()
        _lock_tree()  # path allocation, as in orgs.services.create_org
        self.next_child = {}

    def example_row(self):
        org = example_org(self.user)
        return {("parent", ""): org.code if org else "", ("kind", ""): "党支部", ("level", ""): "基层单位"}

    def resolve_parent(self, value):
        try:
            return self.orgs.resolve(value)
        except RowProblem as exc:
            raise RowProblem("parent", exc.reason) from None

    def placement(self, obj):
        return obj.path

    def placement_field(self, part):
        return "parent"

    def allocate(self, parent):
        prefix = parent.path
        if prefix not in self.next_child:
            depth = len(prefix) // STEP + 1
            last = Org.all_objects.filter(subtree_q(prefix, "path"), depth=depth).aggregate(m=Max("path"))[
                "m"
            ]
            self.next_child[prefix] = int(last[-STEP:]) + 1 if last else 1
        n = self.next_child[prefix]
        self.next_child[prefix] = n + 1
        return child_path(prefix, n)

    def check_row(self, data, obj, existing):
        parent = data.get("parent")
        if existing is not None:
            if parent is not None and parent.pk != existing.parent_id:
                raise RowProblem(
                    "parent",
                    _("An import does not move organizations; use “Move” on the organization's page."),
                )
            return
        obj.path = self.allocate(obj.parent)
        obj.depth = len(obj.path) // STEP

    def write_row(self, part, data, existing, number, target=""):
        obj = super().write_row(part, data, existing, number, target)
        if existing is None:
            self.orgs.add(obj)
        return obj


class TermImporter(OrgIndexMixin, Importer):
    """Terms by (org, term number)."""

    model = Term
    title = "届次"
    columns = (
        Column("org", "组织", ORG_ALIASES, kind="ref", required=True),
        Column("number", "届次", ("第几届", "届数", "届别"), kind="int", required=True, example="1"),
        Column(
            "started_on",
            "选举日期",
            ("换届日期", "当选日期", "选举时间", "换届时间"),
            kind="date",
            required=True,
            example="2021-06-01",
        ),
        Column("ends_on", "届满日期", ("任期届满日期", "届满时间"), kind="date"),
        Column("ended_on", "实际结束日期", ("结束日期",), kind="date"),
        Column("election_method", "选举方式", (), example="差额选举"),
        Column("expected_voters", "应到人数", ("应到会人数",), kind="int"),
        Column("actual_voters", "实到人数", ("实到会人数",), kind="int"),
        Column("approved_seats", "核定职数", ("职数", "委员职数"), kind="int"),
        Column("notes", "备注", ()),
    )
    key = ("org", "number")
    always_fields = ("ends_on",)

    def example_row(self):
        org = example_org(self.user)
        return {("org", ""): org.code if org else ""}

    def parse_cell(self, col, raw):
        if col.field == "number":
            raw = re.sub(r"[第届\s]", "", text(raw))
        return super().parse_cell(col, raw)

    def placement_field(self, part):
        return "org"


# 职务 → (team, role). 一肩挑 rows (“书记、主任”) give the first seat; add the second as its own row.
ROLE_WORDS = [
    ("副书记", ("party", "deputy_secretary")),
    ("书记", ("party", "secretary")),
    ("副主任", ("residents", "deputy_director")),
    ("主任", ("residents", "director")),
    ("村委委员", ("residents", "member")),
    ("居委委员", ("residents", "member")),
    ("村委会委员", ("residents", "member")),
    ("居委会委员", ("residents", "member")),
    ("委员", ("party", "member")),
]
TEAM_WORDS = {"党组织": "party", "党委": "party", "支委": "party", "村委": "residents", "居委": "residents"}

SEAT_PERSON_COLUMNS = tuple(
    c
    for c in PERSON_COLUMNS
    if c.field
    in ("name", "sex", "birth_date", "education", "ethnicity", "political_status", "phone", "native_place")
)


class TeamSeatImporter(OrgIndexMixin, Importer):
    """A 班子 / 两委 roster: each row a seat (org, role, from) held by a person named by ID number.
    With the person's columns (姓名 …) the person is created or updated too (registered by the
    seat's org when new); with the ID number alone the person must exist."""

    model = TeamSeat
    title = "班子成员"
    columns = (
        Column(
            "person",
            "身份证号",
            ("公民身份号码", "身份证号码", "身份证", "公民身份证号码", "身份证件号码", "证件号码"),
            kind="ref",
            required=True,
            sensitive=True,
        ),
        *(
            Column(
                c.field,
                c.label,
                c.aliases,
                kind=c.kind,
                example=c.example,
                target="person",
                choice_aliases=c.choice_aliases,
                required=c.field == "name",
            )
            for c in SEAT_PERSON_COLUMNS
        ),
        Column(
            "town",
            "镇(街道)",
            ("镇（街道）", "所在镇", "乡镇", "镇街", "街道", "镇", "乡镇(街道)", "所在镇(街道)"),
            target="hint",
        ),
        Column("org", "党组织", ORG_ALIASES, kind="ref", required=True),
        Column("role", "职务", ("现任职务", "职位", "担任职务", "班子职务"), required=True, example="书记"),
        Column("team", "班子", ("班子类别", "所在班子"), example="党组织"),
        Column(
            "started_on",
            "任职日期",
            ("任职时间", "任现职时间", "任职起始日期", "起始日期", "任职年月"),
            kind="date",
            required=True,
            example="2021-01-01",
        ),
        Column("ended_on", "离任日期", ("卸任日期", "离任时间", "任职截止日期"), kind="date"),
        Column("notes", "备注", ()),
    )
    key = ("org", "person", "team", "role", "started_on")

    def __init__(self, user, **kwargs):
        super().__init__(user, **kwargs)
        self.people = PersonImporter(user)
        self.person_part = Part(self, self.people.model, after_write=self.people.after_write)
        self.parts = [self.person_part, self.main]
        self.person_seen = {}

    def match_headers(self, headers):
        super().match_headers(headers)
        # Without a name column the roster only attaches existing people.
        self.with_people = any(c.target == "person" and c.field == "name" for _p, c in self.present)
        self.result.fatal = [f for f in self.result.fatal if "姓名" not in f]

    def column_for(self, name, target=""):
        if target == "person" and name in ("id_number", "registered_org"):
            return super().column_for("person" if name == "id_number" else "org")
        return super().column_for(name, target)

    def model_for(self, target):
        return self.people.model if target == "person" else self.model

    # Parts: the person part borrows the person importer's form, key and scope.
    def changeable_for(self, part):
        return self.people_changeable if part is self.person_part else self.changeable

    def key_field(self, part):
        return "person"

    def placement_field(self, part):
        return "org"

    def placement_for(self, part, obj):
        if part is self.person_part:
            return self.people.placement(obj)
        return obj.org_path

    def form_for(self, part):
        return self.people.form if part is self.person_part else self.form

    def always_fields_for(self, part):
        return ("id_number",) if part is self.person_part else ()

    def check_part(self, part, data, obj, existing):
        pass

    def prepare(self):
        super().prepare()

    def prefetch(self, rows):
        from orgwork.people.models import Person

        ids = {str(v.get(("person", ""), "")).strip().upper() for v in rows} - {""}
        self.person_map = getattr(self, "person_map", {})
        for p in Person.all_objects.filter(id_number__in=ids):
            self.person_map[p.id_number.upper()] = p
        pks = [p.pk for k, p in self.person_map.items() if k in ids and p.pk]
        self.people_changeable = set(
            Person.objects.restrict(self.user, "change").filter(pk__in=pks).values_list("pk", flat=True)
        )

    def prefetch_existing(self, rows):
        ids = {str(v.get(("person", ""), "")).strip().upper() for v in rows} - {""}
        pks = [self.person_map[i].pk for i in ids if i in self.person_map and self.person_map[i].pk]
        self.existing = {}
        for seat in TeamSeat.all_objects.filter(person_id__in=pks).select_related("org", "person"):
            self.existing[self.instance_key(seat)] = seat
        self.changeable = set(
            TeamSeat.objects.restrict(self.user, "change")
            .filter(pk__in=[s.pk for s in self.existing.values()])
            .values_list("pk", flat=True)
        )

    def example_row(self):
        org = example_org(self.user)
        return {
            ("person", ""): example_id_number(),
            ("birth_date", "person"): "1985-05",
            ("org", ""): org.code if org else "",
        }

    def month_only(self, name, value, values, target=""):
        if target == "person":
            found = birth_month_only(name, value, values, target)
            if found:
                return found
        return super().month_only(name, value, values, target)

    def resolve_person(self, value):
        if hasattr(value, "pk"):
            return value
        person = self.person_map.get(str(value).strip().upper())
        if person is None or person.deleted_at is not None:
            raise RowProblem(
                "person", _("No person with this ID number; add the person first, or give the 姓名 column.")
            )
        return person

    def prepare_row(self, values, number):
        town = values.pop(("town", "hint"), "")
        self.row_within = None
        if town:
            try:
                self.row_within = self.orgs.resolve(town)
            except RowProblem as exc:
                raise RowProblem(("town", "hint"), exc.reason) from None
        org = self.resolve("org", values.get(("org", "")))
        values[("org", "")] = org
        role_text = normalize_header(values.get(("role", ""), ""))
        team_text = normalize_header(values.get(("team", ""), ""))
        found = next((pair for word, pair in ROLE_WORDS if word in role_text), None)
        if found is None:
            raise RowProblem(
                "role",
                _("“{}” is not a known post: write 书记, 副书记, 委员, 主任, 副主任 or 村委委员.").format(
                    values.get(("role", ""), "")
                ),
            )
        team, role = found
        for word, t in TEAM_WORDS.items():
            if word in team_text:
                team = t
        values[("role", "")] = role
        values[("team", "")] = team
        if not self.with_people:
            return
        number_ = str(values.get(("person", ""), "")).strip().upper()
        if not number_:
            raise RowProblem("person", _("The ID number is required to import a roster."))
        if number_ in self.person_seen:
            values[("person", "")] = self.person_seen[number_]
            return
        existing = self.person_map.get(number_)
        pdata = self.build_data(values, "person")
        pdata["id_number"] = number_
        if existing is None and org is not None:
            pdata["registered_org"] = org
        person = self.write_row(self.person_part, pdata, existing, number, target="person")
        self.person_seen[number_] = person
        self.person_map[number_] = person
        values[("person", "")] = person

    def after_write(self, created, changed):
        from orgwork.people.services import refresh_affiliations

        refresh_affiliations(list({s.person_id for s in [*created, *changed]}))

    def result_count(self, part, what):
        if part is self.main:
            super().result_count(part, what)
        else:
            key = "people_" + what
            self.result.extra[key] = self.result.extra.get(key, 0) + 1
