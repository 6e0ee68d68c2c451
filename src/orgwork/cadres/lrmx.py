"""``.lrmx`` (任免表 3.x) export and import: UTF-8 XML, root ``<Person>``, pinyin element names, base64
photo (RULES.md §2.2). A file exported and re-imported gives the same record; a malformed file is
refused with a clear message and nothing changes."""

import base64
import binascii
import re
from datetime import date
from xml.etree import ElementTree as ET

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from orgwork.cadres.choices import AppraisalGrade, EducationKind, Relation
from orgwork.cadres.models import Appraisal, Cadre, CadrePhoto, Education, FamilyMember
from orgwork.cadres.texts import appraisal_text, current_titles, resume_text, rewards_text
from orgwork.core.services import create_object, delete_object, update_object
from orgwork.people.choices import Degree, Ethnicity, PoliticalStatus
from orgwork.people.choices import Education as EducationCode
from orgwork.people.models import Person

__all__ = ["LrmxError", "export_lrmx", "import_lrmx", "VERSION"]

VERSION = "3.2.1.16"
FIELDS = [
    "XingMing",
    "XingBie",
    "ChuShengNianYue",
    "MinZu",
    "JiGuan",
    "ChuShengDi",
    "RuDangShiJian",
    "CanJiaGongZuoShiJian",
    "JianKangZhuangKuang",
    "ZhuanYeJiShuZhiWu",
    "ShuXiZhuanYeYouHeZhuanChang",
    "QuanRiZhiJiaoYu_XueLi",
    "QuanRiZhiJiaoYu_XueWei",
    "QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi",
    "QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi",
    "ZaiZhiJiaoYu_XueLi",
    "ZaiZhiJiaoYu_XueWei",
    "ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi",
    "ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi",
    "XianRenZhiWu",
    "NiRenZhiWu",
    "NiMianZhiWu",
    "JianLi",
    "JiangChengQingKuang",
    "NianDuKaoHeJieGuo",
    "RenMianLiYou",
    "JiaTingChengYuan",
    "ChengBaoDanWei",
    "JiSuanNianLingShiJian",
    "TianBiaoShiJian",
    "TianBiaoRen",
    "ShenFenZheng",
    "ZhaoPian",
    "Version",
]
# Length limits of 任免表编辑器 V3.0 EditInfo.xml (RULES.md §2.2).
LIMITS = {
    "XingMing": 18,
    "JiGuan": 18,
    "ChuShengDi": 18,
    "RuDangShiJian": 18,
    "ZhuanYeJiShuZhiWu": 90,
    "ShuXiZhuanYeYouHeZhuanChang": 110,
    "XianRenZhiWu": 324,
    "NiRenZhiWu": 324,
    "NiMianZhiWu": 324,
    "JiangChengQingKuang": 552,
    "NianDuKaoHeJieGuo": 414,
    "RenMianLiYou": 552,
    "ChengBaoDanWei": 252,
    "TianBiaoRen": 18,
}
SEX_CODE = {"M": "男", "F": "女"}
GRADE_BY_NAME = {label: value for value, label in AppraisalGrade.choices}


class LrmxError(ValueError):
    """The file cannot be read as an appointment form; the message says where and why."""


def _ym(d: date | None) -> str:
    return "{:04d}{:02d}".format(d.year, d.month) if d else ""


def _parse_ym(text: str, label: str) -> date | None:
    text = (text or "").strip().replace(".", "")
    if not text:
        return None
    if not re.fullmatch(r"\d{6}(\d{2})?", text):
        raise LrmxError(_("{}: '{}' is not a date of the form YYYYMM.").format(label, text))
    year, month = int(text[:4]), int(text[4:6])
    day = int(text[6:8]) if len(text) == 8 else 1
    try:
        return date(year, month, day)
    except ValueError:
        raise LrmxError(_("{}: '{}' is not a valid date.").format(label, text)) from None


def _education_pair(cadre, kind):
    rows = [e for e in Education.objects.filter(cadre=cadre, kind=kind).order_by("graduated_on", "id")]
    return rows[-1] if rows else None


def export_lrmx(cadre: Cadre, appointment=None, *, filled_by: str = "", on: date | None = None) -> bytes:
    """The cadre (and the proposed appointment, if any) as a ``.lrmx`` file."""
    on = on or timezone.localdate()
    p = cadre.person
    values = {k: "" for k in FIELDS}
    values.update(
        XingMing=p.name,
        XingBie=SEX_CODE.get(p.sex, ""),
        ChuShengNianYue=_ym(p.birth_date),
        MinZu=p.get_ethnicity_display() if p.ethnicity else "",
        JiGuan=p.native_place,
        ChuShengDi=cadre.birth_place,
        RuDangShiJian="；".join(x for x in (_ym(cadre.party_joined_on), cadre.other_party) if x),
        CanJiaGongZuoShiJian=_ym(cadre.work_started_on),
        JianKangZhuangKuang=cadre.health,
        ZhuanYeJiShuZhiWu=cadre.professional_title,
        ShuXiZhuanYeYouHeZhuanChang=cadre.expertise,
        XianRenZhiWu=cadre.title or current_titles(cadre),
        JianLi=resume_text(cadre),
        JiangChengQingKuang=rewards_text(cadre),
        NianDuKaoHeJieGuo=appraisal_text(cadre, on.year),
        JiSuanNianLingShiJian=_ym(on),
        TianBiaoShiJian=_ym(on),
        TianBiaoRen=filled_by[:18],
        ShenFenZheng=p.id_number or "",
        Version=VERSION,
    )
    for prefix, kind in (
        ("QuanRiZhiJiaoYu", EducationKind.FULL_TIME),
        ("ZaiZhiJiaoYu", EducationKind.IN_SERVICE),
    ):
        e = _education_pair(cadre, kind)
        if e:
            values[prefix + "_XueLi"] = e.get_education_display()
            values[prefix + "_XueWei"] = e.get_degree_display() if e.degree else ""
            values[prefix + "_XueLi_BiYeYuanXiaoXi"] = e.school
            values[prefix + "_XueWei_BiYeYuanXiaoXi"] = e.school if e.degree else ""
    if appointment is not None:
        values.update(
            NiRenZhiWu=appointment.title,
            NiMianZhiWu=appointment.remove_title,
            RenMianLiYou=appointment.reason,
            ChengBaoDanWei=appointment.reporting_unit,
        )
    photo = CadrePhoto.objects.filter(cadre=cadre).first()
    if photo:
        values["ZhaoPian"] = base64.b64encode(bytes(photo.data)).decode("ascii")
    root = ET.Element("Person")
    for name in FIELDS:
        el = ET.SubElement(root, name)
        if name == "JiaTingChengYuan":
            for m in FamilyMember.objects.filter(cadre=cadre).order_by("position", "id"):
                item = ET.SubElement(el, "Item")
                for tag, value in (
                    ("ChengWei", m.get_relation_display()),
                    ("XingMing", m.name),
                    ("ChuShengRiQi", _ym(m.birth_date)),
                    ("ZhengZhiMianMao", m.get_political_status_display()),
                    ("GongZuoDanWeiJiZhiWu", m.work),
                ):
                    ET.SubElement(item, tag).text = value
        else:
            el.text = values[name]
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def _lookup(choices, text, label, *, required=False):
    text = (text or "").strip()
    if not text:
        if required:
            raise LrmxError(_("{} is missing.").format(label))
        return ""
    for value, name in choices:
        if name == text or value == text:
            return value
    raise LrmxError(_("{}: '{}' is not in the code table.").format(label, text))


def parse_lrmx(data: bytes) -> dict:
    """Read and check a file; returns the values by element name (family as a list of dicts)."""
    if not data or not data.strip():
        raise LrmxError(_("The file is empty."))
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise LrmxError(_("The file is not well-formed XML ({}).").format(exc)) from None
    if root.tag != "Person":
        raise LrmxError(
            _("The root element is <{}>, an appointment form file has <Person>.").format(root.tag)
        )
    values = {}
    for child in root:
        if child.tag == "JiaTingChengYuan":
            values["family"] = [
                {x.tag: (x.text or "").strip() for x in item} for item in child if item.tag == "Item"
            ]
        else:
            values[child.tag] = (child.text or "").strip()
    for name in ("XingMing", "ShenFenZheng"):
        if not values.get(name):
            raise LrmxError(_("Element <{}> is missing or empty.").format(name))
    for name, limit in LIMITS.items():
        if len(values.get(name, "")) > limit:
            raise LrmxError(_("<{}> is longer than {} characters.").format(name, limit))
    return values


@transaction.atomic
def import_lrmx(data: bytes, *, org, actor) -> Cadre:
    """Create or update the cadre of the file (found by ID number) placed at ``org``; all or nothing."""
    from django.core.exceptions import ValidationError

    from orgwork.people.idnumber import IdNumberError, parse_id_number

    v = parse_lrmx(data)
    id_number = v["ShenFenZheng"].upper()
    try:
        parse_id_number(id_number)
    except IdNumberError as exc:
        raise LrmxError(_("ID number: {}").format(exc)) from None
    party_text = v.get("RuDangShiJian", "")
    party_date, other_party = None, ""
    for part in re.split("[；;]", party_text):
        part = part.strip()
        if re.fullmatch(r"\d{6}(\d{2})?|\d{4}\.\d{2}", part):
            party_date = _parse_ym(part, _("joined the Party"))
        elif part:
            other_party = part
    ethnicity = _lookup(Ethnicity.choices, v.get("MinZu"), _("ethnicity"))
    educations = []
    for prefix, kind in (
        ("QuanRiZhiJiaoYu", EducationKind.FULL_TIME),
        ("ZaiZhiJiaoYu", EducationKind.IN_SERVICE),
    ):
        if v.get(prefix + "_XueLi"):
            educations.append(
                dict(
                    kind=kind,
                    education=_lookup(EducationCode.choices, v[prefix + "_XueLi"], _("education")),
                    degree=_lookup(
                        [c for c in Degree.choices if c[0]], v.get(prefix + "_XueWei"), _("degree")
                    ),
                    school=v.get(prefix + "_XueLi_BiYeYuanXiaoXi", "")[:90],
                )
            )
    appraisals = []
    for year, grade in re.findall(r"(\d{4})年度(?:考核)?([^；;，,\s]+)", v.get("NianDuKaoHeJieGuo", "")):
        if grade not in GRADE_BY_NAME:
            raise LrmxError(_("Annual appraisal: '{}' is not a grade.").format(grade))
        appraisals.append((int(year), GRADE_BY_NAME[grade]))
    family = []
    for i, item in enumerate(v.get("family", [])):
        if not item.get("XingMing"):
            continue
        family.append(
            dict(
                relation=_lookup(Relation.choices, item.get("ChengWei"), _("relation")) or "97",
                name=item["XingMing"][:18],
                birth_date=_parse_ym(item.get("ChuShengRiQi", ""), _("family member's birth date")),
                political_status=_lookup(
                    PoliticalStatus.choices, item.get("ZhengZhiMianMao"), _("political status")
                )
                or "13",
                work=item.get("GongZuoDanWeiJiZhiWu", "")[:124],
                position=i,
            )
        )
    photo = None
    if v.get("ZhaoPian"):
        try:
            photo = base64.b64decode(v["ZhaoPian"], validate=True)
        except (binascii.Error, ValueError):
            raise LrmxError(_("The photo is not valid base64.")) from None
    work_started = _parse_ym(v.get("CanJiaGongZuoShiJian", ""), _("started work"))

    person = Person.objects.filter(id_number=id_number).first()
    try:
        if person is None:
            person = create_object(
                Person(
                    name=v["XingMing"],
                    id_number=id_number,
                    ethnicity=ethnicity or "01",
                    native_place=v.get("JiGuan", ""),
                    political_status="01" if party_date else "13",
                    registered_org=org,
                ),
                actor=actor,
            )
        else:
            changed = False
            for attr, value in (
                ("name", v["XingMing"]),
                ("native_place", v.get("JiGuan", "")),
                ("ethnicity", ethnicity or person.ethnicity),
            ):
                if getattr(person, attr) != value:
                    setattr(person, attr, value)
                    changed = True
            if changed:
                update_object(person, actor=actor)
        cadre = Cadre.all_objects.filter(person=person).first()
        fields = dict(
            birth_place=v.get("ChuShengDi", ""),
            party_joined_on=party_date,
            other_party=other_party,
            work_started_on=work_started,
            health=v.get("JianKangZhuangKuang", ""),
            professional_title=v.get("ZhuanYeJiShuZhiWu", ""),
            expertise=v.get("ShuXiZhuanYeYouHeZhuanChang", ""),
            title=v.get("XianRenZhiWu", ""),
        )
        if cadre is None:
            cadre = create_object(Cadre(person=person, org=org, **fields), actor=actor)
        else:
            for k, value in fields.items():
                setattr(cadre, k, value)
            update_object(cadre, actor=actor)
        # Texts that are not rebuilt exactly from the records are kept as written.
        if v.get("JianLi", "") != resume_text(cadre, generated=True):
            cadre.resume = v.get("JianLi", "")
        rewards = v.get("JiangChengQingKuang", "")
        cadre.rewards_text = "" if rewards == rewards_text(cadre, generated=True) else rewards
        update_object(cadre, actor=actor)
    except ValidationError as exc:
        raise LrmxError(
            "; ".join("{}: {}".format(k, " ".join(m)) for k, m in exc.message_dict.items())
        ) from None

    for e in educations:
        # The form carries the highest education of each kind: add it unless the record has it.
        if not Education.objects.filter(
            cadre=cadre, kind=e["kind"], education=e["education"], school=e["school"]
        ).exists():
            create_object(Education(cadre=cadre, **e), actor=actor)
    for year, grade in appraisals:
        row = Appraisal.objects.filter(cadre=cadre, year=year).first()
        if row is None:
            create_object(Appraisal(cadre=cadre, year=year, grade=grade), actor=actor)
        elif row.grade != grade:
            row.grade = grade
            update_object(row, actor=actor)
    # The form lists the whole family: replace the list when it differs (audited both ways).
    existing = list(FamilyMember.objects.filter(cadre=cadre).order_by("position", "id"))
    keys = ("relation", "name", "birth_date", "political_status", "work")
    if [tuple(getattr(m, k) for k in keys) for m in existing] != [tuple(m[k] for k in keys) for m in family]:
        for m in existing:
            delete_object(m, actor=actor)
        for m in family:
            create_object(FamilyMember(cadre=cadre, **m), actor=actor)
    if photo is not None:
        CadrePhoto.objects.update_or_create(cadre=cadre, defaults={"data": photo})
    return cadre
