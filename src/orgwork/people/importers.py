"""Importer of people: a known ID number updates that person, a row without one (or with a new
one) creates a person registered by the org the row names."""

from django.utils.translation import gettext_lazy

from orgwork.core.imports.base import Column, Importer, RowProblem
from orgwork.orgs.natural_keys import OrgIndexMixin, example_id_number, example_org
from orgwork.people.models import Person

__all__ = [
    "PersonImporter",
    "PersonByIdNumberMixin",
    "PERSON_COLUMNS",
    "ID_NUMBER_ALIASES",
    "birth_month_only",
]


class PersonByIdNumberMixin:
    """For importers of records about a person: the ``person`` column holds an ID number of a
    person already in the registry, within the user's view scope (one query per distinct number).
    ``missing_person_message`` says what the row was expected to name."""

    missing_person_message = gettext_lazy("No person with this ID number in your scope.")

    def person_by_id_number(self, value, field="person"):
        number = str(value).strip().upper()
        return self.one_in_scope(
            Person, number, id_number=number, column=field, missing=self.missing_person_message
        )

    def resolve_person(self, value):
        return self.person_by_id_number(value)


BY_ID_NUMBER = gettext_lazy("the ID number of a person already in the registry, within your scope")

ID_NUMBER_ALIASES = (
    "公民身份号码",
    "身份证号码",
    "身份证",
    "公民身份证号码",
    "身份证件号码",
    "证件号码",
    "身份证号(18位)",
)

EDUCATION_ALIASES = {
    "研究生": "11",
    "博士研究生": "11",
    "硕士研究生": "11",
    "博士": "11",
    "硕士": "11",
    "本科": "21",
    "大学": "21",
    "大学本科": "21",
    "大专": "31",
    "专科": "31",
    "大学专科": "31",
    "中专": "41",
    "中等专科": "41",
    "中等专业学校": "41",
    "中技": "47",
    "技校": "47",
    "职高": "61",
    "中职": "41",
    "高中": "61",
    "初中": "71",
    "小学": "81",
}
POLITICAL_ALIASES = {
    "党员": "01",
    "中共党员": "01",
    "预备党员": "02",
    "团员": "03",
    "共青团员": "03",
    "群众": "13",
}
SEX_ALIASES = {"男": "M", "女": "F", "男性": "M", "女性": "F"}


def _ethnic_aliases():
    from orgwork.people.choices import ETHNIC_NAMES

    out = {}
    for i, name in enumerate(ETHNIC_NAMES):
        code = f"{i + 1:02d}"
        out[name] = code
        out[name.removesuffix("族")] = code
    return out


PERSON_COLUMNS = (
    Column("name", "姓名", ("名字", "人员姓名"), required=True, example="张三"),
    Column("id_number", "身份证号", ID_NUMBER_ALIASES, sensitive=True, example=""),
    Column("sex", "性别", (), kind="choice", choice_aliases=SEX_ALIASES, example="男"),
    Column(
        "birth_date",
        "出生日期",
        ("出生年月", "出生时间", "出生年月日", "生日"),
        kind="date",
        example="1985-05-20",
    ),
    Column("ethnicity", "民族", (), kind="choice", choice_aliases=_ethnic_aliases(), example="汉族"),
    Column("native_place", "籍贯", ("出生地",), example="江苏苏州"),
    Column(
        "education",
        "学历",
        ("文化程度", "最高学历", "全日制学历", "现有学历"),
        kind="choice",
        choice_aliases=EDUCATION_ALIASES,
        example="大学本科",
    ),
    Column("degree", "学位", ("最高学位",), kind="choice", choice_aliases={"无": ""}, example="学士"),
    Column(
        "political_status",
        "政治面貌",
        (),
        kind="choice",
        choice_aliases=POLITICAL_ALIASES,
        example="中共党员",
    ),
    Column("phone", "联系电话", ("手机", "手机号码", "联系方式", "电话", "手机号"), example="13912345678"),
    Column("address", "家庭住址", ("住址", "家庭地址", "现住址")),
    Column(
        "registered_org",
        "登记组织",
        ("所在组织", "所属组织", "登记单位", "所在党组织", "党组织", "所属党组织"),
        kind="ref",
        required=True,
    ),
    Column("notes", "备注", ()),
)


def birth_month_only(name, value, values, target):
    """出生年月 1985.03 beside an ID number born in March 1985: the ID number's exact date."""
    if name != "birth_date":
        return None
    from orgwork.people.idnumber import IdNumberError, parse_id_number

    number = values.get(("id_number", target)) or values.get(("person", ""))
    try:
        born = parse_id_number(str(number or "")).birth_date
    except IdNumberError:
        return None
    return born.isoformat() if born.isoformat()[:7] == value else None


class PersonImporter(OrgIndexMixin, Importer):
    model = Person
    title = "人员"
    columns = PERSON_COLUMNS
    key = ("id_number",)

    def example_row(self):
        org = example_org(self.user)
        return {
            ("id_number", ""): example_id_number(),
            ("registered_org", ""): org.code if org else "",
            ("birth_date", ""): "1985-05-20",
        }

    def resolve_registered_org(self, value):
        try:
            return self.orgs.resolve(value)
        except RowProblem as exc:
            raise RowProblem("registered_org", exc.reason) from None

    def month_only(self, name, value, values, target=""):
        return birth_month_only(name, value, values, target) or super().month_only(
            name, value, values, target
        )

    def placement(self, obj):
        return obj.registered_org.path if obj.registered_org_id else ""

    def placement_field(self, part):
        return "registered_org"

    def after_write(self, created, changed):
        from orgwork.people.services import add_new_people_affiliations, refresh_affiliations

        add_new_people_affiliations(created)
        refresh_affiliations([p.pk for p in changed])
