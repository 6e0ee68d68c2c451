"""干部任免审批表 as a Word file in the national (中组部) layout: two pages, 宋体, the person's data,
education, posts, résumé, rewards, appraisals, reason, family, and the approval boxes."""

import io
from datetime import date

from django.utils import timezone
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from orgwork.cadres.choices import EducationKind
from orgwork.cadres.models import CadrePhoto, Education, FamilyMember
from orgwork.cadres.texts import appraisal_text, current_titles, resume_text, rewards_text

__all__ = ["appointment_form_docx"]

FONT = "宋体"


def _ym(d):
    return "{}.{:02d}".format(d.year, d.month) if d else ""


def _cell(cell, text, *, bold=False, size=11, center=True):
    cell.text = ""
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(str(text or ""))
    run.bold = bold
    run.font.size = Pt(size)
    run.font.name = FONT
    run._element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _age(birth, on):
    if not birth:
        return ""
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def appointment_form_docx(cadre, appointment=None, *, on: date | None = None, filled_by: str = "") -> bytes:
    on = on or timezone.localdate()
    p = cadre.person
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin = section.bottom_margin = Cm(2)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run("干部任免审批表")
    run.bold = True
    run.font.size = Pt(22)
    run.font.name = FONT
    run._element.rPr.rFonts.set(qn("w:eastAsia"), FONT)

    t = doc.add_table(rows=11, cols=7)
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    birth = "{}\n({}岁)".format(_ym(p.birth_date), _age(p.birth_date, on)) if p.birth_date else ""
    party = "；".join(x for x in (_ym(cadre.party_joined_on), cadre.other_party) if x)
    rows = [
        ("姓名", p.name, "性别", p.get_sex_display() if p.sex else "", "出生年月\n(岁)", birth),
        (
            "民族",
            p.get_ethnicity_display() if p.ethnicity else "",
            "籍贯",
            p.native_place,
            "出生地",
            cadre.birth_place,
        ),
        ("入党时间", party, "参加工作时间", _ym(cadre.work_started_on), "健康状况", cadre.health),
    ]
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            _cell(t.cell(r, c), value, bold=c % 2 == 0 and r < 3)
    photo_cell = t.cell(0, 6).merge(t.cell(3, 6))
    photo = CadrePhoto.objects.filter(cadre=cadre).first()
    if photo:
        try:
            photo_cell.paragraphs[0].add_run().add_picture(io.BytesIO(bytes(photo.data)), width=Cm(2.6))
        except Exception:  # noqa: BLE001 - an unreadable image leaves the box empty, as the editors do
            _cell(photo_cell, "照片")
    else:
        _cell(photo_cell, "照片")
    _cell(t.cell(3, 0), "专业技术职务", bold=True)
    _cell(t.cell(3, 1).merge(t.cell(3, 2)), cadre.professional_title)
    _cell(t.cell(3, 3), "熟悉专业\n有何专长", bold=True)
    _cell(t.cell(3, 4).merge(t.cell(3, 5)), cadre.expertise)
    for r, (label, kind) in enumerate(
        (("全日制\n教育", EducationKind.FULL_TIME), ("在职\n教育", EducationKind.IN_SERVICE)), start=4
    ):
        e = Education.objects.filter(cadre=cadre, kind=kind).order_by("-graduated_on", "-id").first()
        if r == 4:
            _cell(t.cell(4, 0).merge(t.cell(5, 0)), "学历\n学位", bold=True)
        _cell(t.cell(r, 1), label, bold=True)
        degree = ""
        if e:
            degree = e.get_education_display() + ("\n" + e.get_degree_display() if e.degree else "")
        _cell(t.cell(r, 2).merge(t.cell(r, 3)), degree)
        _cell(t.cell(r, 4), "毕业院校\n系及专业", bold=True)
        _cell(t.cell(r, 5).merge(t.cell(r, 6)), e.school if e else "")
    for r, (label, value) in enumerate(
        (
            ("现任职务", cadre.title or current_titles(cadre)),
            ("拟任职务", appointment.title if appointment else ""),
            ("拟免职务", appointment.remove_title if appointment else ""),
        ),
        start=6,
    ):
        _cell(t.cell(r, 0).merge(t.cell(r, 1)), label, bold=True)
        _cell(t.cell(r, 2).merge(t.cell(r, 6)), value, center=False)
    _cell(t.cell(9, 0), "简\n\n历", bold=True)
    resume = t.cell(9, 1).merge(t.cell(10, 6))
    _cell(resume, resume_text(cadre), size=10.5, center=False)
    t.cell(10, 0).merge(t.cell(9, 0))
    t.rows[9].height = Cm(14)

    doc.add_page_break()
    t2 = doc.add_table(rows=4, cols=6)
    t2.style = "Table Grid"
    t2.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, (label, value) in enumerate(
        (
            ("奖惩\n情况", rewards_text(cadre)),
            ("年度考核\n结果", appraisal_text(cadre, on.year)),
            ("任免\n理由", appointment.reason if appointment else ""),
        )
    ):
        _cell(t2.cell(r, 0), label, bold=True)
        _cell(t2.cell(r, 1).merge(t2.cell(r, 5)), value, center=False)
    _cell(t2.cell(3, 0), "家庭主要\n成员及\n重要社会\n关系", bold=True)
    for c, head in enumerate(("称谓", "姓名", "年龄", "政治面貌", "工作单位及职务"), start=1):
        _cell(t2.cell(3, c), head, bold=True)
    family = list(FamilyMember.objects.filter(cadre=cadre).order_by("position", "id"))
    for m in family:
        row = t2.add_row()
        _cell(row.cells[1], m.get_relation_display())
        _cell(row.cells[2], m.name)
        _cell(row.cells[3], _age(m.birth_date, on))
        _cell(row.cells[4], m.get_political_status_display())
        _cell(row.cells[5], m.work, center=False)
    last = len(t2.rows) - 1
    if last > 3:
        t2.cell(3, 0).merge(t2.cell(last, 0))
    for label, value in (
        ("呈报\n单位", appointment.reporting_unit if appointment else ""),
        ("审批机关\n意见", "\n\n（盖章）\n年  月  日"),
    ):
        row = t2.add_row()
        _cell(row.cells[0], label, bold=True)
        _cell(row.cells[1].merge(row.cells[5]), value, center=False)
    footer = doc.add_paragraph()
    footer.add_run(
        "填表人：{}    计算年龄时间：{}    填表时间：{}".format(filled_by, _ym(on), _ym(on))
    ).font.size = Pt(10.5)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
