"""Texts of the appointment form written from the records: 简历 (JianLi line format of EditInfo.xml),
奖惩情况, 年度考核结果 (last two years), current posts. RULES.md §2.2."""

from orgwork.cadres.models import Appraisal, CadrePost, RewardSanction

__all__ = ["resume_text", "rewards_text", "appraisal_text", "current_titles", "resume_lines"]


def _ym(d):
    return "{:04d}.{:02d}".format(d.year, d.month)


def resume_lines(cadre) -> list[str]:
    """``1991.01--2000.01  text``; an open last line ``1991.01--`` + 7 spaces + text."""
    lines = []
    for p in CadrePost.objects.filter(cadre=cadre).select_related("org").order_by("started_on", "id"):
        text = p.title if p.org.name in p.title else "{}{}".format(p.org.name, p.title)
        if p.ended_on:
            lines.append("{}--{}  {}".format(_ym(p.started_on), _ym(p.ended_on), text))
        else:
            lines.append("{}--{}{}".format(_ym(p.started_on), " " * 7, text))
    return lines


def resume_text(cadre, *, generated=False) -> str:
    if cadre.resume and not generated:
        return cadre.resume
    text = "\n".join(resume_lines(cadre))
    if cadre.committee_text:
        text += "\n\n" + cadre.committee_text
    return text


def rewards_text(cadre, *, generated=False) -> str:
    """ "时间,批准机关,名称；…" as the national files write it; "无" when there is none."""
    if cadre.rewards_text and not generated:
        return cadre.rewards_text
    rows = RewardSanction.objects.filter(cadre=cadre).order_by("approved_on", "id")
    parts = ["{},{},{}".format(_ym(r.approved_on), r.approver, r.name) for r in rows]
    return "；".join(parts) if parts else "无"


def appraisal_text(cadre, year: int) -> str:
    """The last two years before ``year``: "2023年度考核优秀；2024年度考核称职"."""
    rows = Appraisal.objects.filter(cadre=cadre, year__gte=year - 2, year__lt=year).order_by("year")
    return "；".join("{}年度考核{}".format(a.year, a.get_grade_display()) for a in rows)


def current_titles(cadre) -> str:
    posts = CadrePost.objects.filter(cadre=cadre, ended_on__isnull=True).order_by("started_on")
    return "、".join(p.title for p in posts)
