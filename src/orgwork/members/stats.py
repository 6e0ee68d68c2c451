"""Member statistics of a subtree on any date (counts by status, category, age band, education,
sex, ethnicity and 党龄 band), the formatted xlsx sheet, and the year-end 党内统计 member tables
(RULES.md §2.5) that the registry supports, with their totals checked."""

from collections import Counter
from datetime import date

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from orgwork.core.paths import subtree_q
from orgwork.members.choices import MemberCategory, MembershipState, MemberStatus
from orgwork.members.models import Member
from orgwork.members.rules import AGE_BANDS, PARTY_AGE_BANDS
from orgwork.orgs.rules import add_months
from orgwork.people.choices import Education, Ethnicity, Sex

__all__ = ["members_on", "member_stats", "stats_report", "year_end_report", "DIMENSIONS"]

DIMENSIONS = ("status", "category", "age", "education", "sex", "ethnicity", "party_age")


def members_on(path: str, as_of: date):
    """Members of the subtree at ``path`` on ``as_of``: joined by then, membership active."""
    return Member.objects.filter(
        subtree_q(path, "org_path"),
        joined_on__lte=as_of,
        membership_state__in=[MembershipState.NORMAL, MembershipState.SUSPENDED],
    )


def _band_filters(as_of, bands, field):
    """Q per band [lo, hi] of whole years before ``as_of`` on a date ``field``."""
    out = []
    for lo, hi, label in bands:
        newest = add_months(as_of, -12 * lo)  # at least lo years: field <= newest
        oldest = add_months(as_of, -12 * (hi + 1))  # under hi + 1 years: field > oldest
        out.append((label, Q(**{field + "__lte": newest, field + "__gt": oldest})))
    return out


def member_stats(path: str, as_of: date) -> dict:
    """Counts of the subtree's members on ``as_of`` by every dimension; each dimension's counts
    add up to ``total`` (an unknown value is counted as "unknown"). Cached per data generation
    (``core.figures``): exact, recomputed after any audited change."""
    from django.utils.translation import get_language

    from orgwork.core.figures import cached_figures

    key = "members:stats:{}:{}:{}".format(path, as_of.isoformat(), get_language())
    return cached_figures(key, lambda: _member_stats(path, as_of))


def _member_stats(path: str, as_of: date) -> dict:
    """One pass over the subtree's members (joined with their people): a GROUP BY on the
    category, education, ethnicity and sex columns (a few hundred groups, which the planner can
    hash), each group with conditional counts computed in SQL as of ``as_of`` — full members, each
    age band and each 党龄 band (date bounds) — added up per dimension here."""
    qs = members_on(path, as_of)
    full_q = Q(confirmed_on__isnull=False, confirmed_on__lte=as_of)
    ages = _band_filters(as_of, AGE_BANDS, "person__birth_date")
    party = _band_filters(as_of, PARTY_AGE_BANDS, "confirmed_on")
    aggs = {"n": Count("id"), "full": Count("id", filter=full_q)}
    for i, (_label, q) in enumerate(ages):
        aggs[f"age{i}"] = Count("id", filter=q)
    for i, (_label, q) in enumerate(party):
        aggs[f"party{i}"] = Count("id", filter=q & full_q)
    groups = (
        qs.values("category", "person__education", "person__ethnicity", "person__sex")
        .annotate(**aggs)
        .order_by()
    )
    total = full = female = male = minority = 0
    by = {key: Counter() for key in ("category", "education", "ethnicity", "age", "party")}
    for g in groups:
        n, sex, ethnicity = g["n"], g["person__sex"], g["person__ethnicity"]
        total += n
        full += g["full"]
        female += n if sex == "F" else 0
        male += n if sex == "M" else 0
        minority += n if ethnicity not in ("01", "", None) else 0
        by["category"][g["category"]] += n
        by["education"][g["person__education"]] += n
        by["ethnicity"][ethnicity] += n
        for i in range(len(ages)):
            by["age"][i] += g[f"age{i}"]
        for i in range(len(party)):
            by["party"][i] += g[f"party{i}"]

    def grouped(counts, labels):
        counts = {k: n for k, n in counts.items() if n}
        order = list(labels)
        keys = sorted(counts, key=lambda k: order.index(k) if k in labels else len(order))
        merged = {}
        for k in keys:  # every value without a label (blank, NULL, unknown code) is one "unknown"
            label = str(labels.get(k) or _("unknown"))
            merged[label] = merged.get(label, 0) + counts[k]
        return list(merged.items())

    result = {
        "as_of": as_of,
        "total": total,
        "status": [
            (str(MemberStatus.FULL.label), full),
            (str(MemberStatus.PROBATIONARY.label), total - full),
        ],
        "sex": [(str(Sex.MALE.label), male), (str(Sex.FEMALE.label), female)],
        "age": [(label, by["age"][i]) for i, (label, _q) in enumerate(ages)],
        "party_age": [(label, by["party"][i]) for i, (label, _q) in enumerate(party)],
        "category": grouped(by["category"], {k: str(v) for k, v in MemberCategory.choices}),
        "education": grouped(by["education"], dict(Education.choices)),
        "ethnicity": grouped(by["ethnicity"], {v: label for v, label in _ethnic_codes()}),
        "female": female,
        "minority": minority,
    }
    result["party_age"].append((_("probationary"), total - full))
    _fill_unknown(result, total)
    return result


def _ethnic_codes():
    # Person.ethnicity stores the two-digit code (GB/T 3304).
    return [(value, label) for value, label in Ethnicity.choices]


def _fill_unknown(result, total):
    for dim in ("sex", "age"):
        known = sum(n for _l, n in result[dim])
        if known < total:
            result[dim].append((_("unknown"), total - known))


# ---------------------------------------------------------------- xlsx


def stats_report(org, as_of: date):
    """The statistics as a printable sheet: one block per dimension (value, count, share)."""
    from orgwork.orgs.reports import ReportColumn, report_workbook

    s = member_stats(org.path, as_of)
    titles = {
        "status": _("Member status"),
        "category": _("Category"),
        "age": _("Age band"),
        "education": _("Education"),
        "sex": _("Sex"),
        "ethnicity": _("Ethnicity"),
        "party_age": _("Party standing band"),
    }
    rows = []
    for dim in DIMENSIONS:
        for label, n in s[dim]:
            rows.append([titles[dim], label, n, (n / s["total"]) if s["total"] else 0])
    columns = [
        ReportColumn(_("Dimension"), min_width=14),
        ReportColumn(pgettext("members", "Value"), align="left", min_width=16),
        ReportColumn(_("Members"), "#,##0"),
        ReportColumn(_("Share"), "0.0%"),
    ]
    scope = _("{org} and its subordinate organizations, on {day}").format(org=org.name, day=as_of.isoformat())
    wb = report_workbook(
        _("Party member statistics"), scope, columns, rows, totals=[_("Total"), "", s["total"], 1]
    )
    return wb, len(rows)


def year_end_report(org, year: int):
    """党内统计 year-end member tables the registry can produce (RULES.md §2.5): table 2 党员
    基本情况 (women, minorities, age bands), table 3 入党时间 (party-age bands), table 4 学历,
    and the year's balance (上年底 + 发展 + 转入 − 转出 − 出党 = 本年底), each total checked."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from orgwork.members.choices import TransferKind, TransferState
    from orgwork.members.models import Recruitment, Transfer

    end, prev_end = date(year, 12, 31), date(year - 1, 12, 31)
    now, before = member_stats(org.path, end), member_stats(org.path, prev_end)
    admitted = Recruitment.objects.filter(
        subtree_q(org.path, "org_path"), admitted_on__year=year, approved_on__isnull=False
    ).count()
    confirmed = Recruitment.objects.filter(subtree_q(org.path, "org_path"), confirmed_on__year=year).count()
    moved = Transfer.objects.filter(
        accepted_on__year=year,
        state__in=[TransferState.ACCEPTED, TransferState.RECEIPTED, TransferState.ARCHIVED],
    )
    into = moved.filter(subtree_q(org.path, "to_org_path")).exclude(subtree_q(org.path, "org_path")).count()
    out = (
        moved.filter(subtree_q(org.path, "org_path"))
        .filter(Q(kind=TransferKind.OUT) | ~subtree_q(org.path, "to_org_path"))
        .count()
    )
    other = before["total"] + admitted + into - out - now["total"]
    wb = Workbook()
    ws = wb.active
    ws.title = _("Member tables")
    bold = Font(name="宋体", bold=True)
    checks = []

    def table(title, rows, total):
        ws.append([title])
        ws.cell(ws.max_row, 1).font = Font(name="宋体", size=13, bold=True)
        ws.append([_("Item"), _("Members")])
        for c in ws[ws.max_row]:
            c.font = bold
        for label, n in rows:
            ws.append([label, n])
        ws.append([_("Total"), sum(n for _l, n in rows)])
        ws.cell(ws.max_row, 1).font = bold
        ok = sum(n for _l, n in rows) == total
        checks.append((title, ok))
        ws.append([_("Check: equals the number of members") + (" ✓" if ok else " ✗"), total])
        ws.append([])

    ws.append([_("Party statistics {year}: member tables").format(year=year)])
    ws.cell(1, 1).font = Font(name="宋体", size=16, bold=True)
    ws.append([_("{org} and its subordinate organizations").format(org=org.name)])
    ws.append([])
    ws.append([_("Table 1 Balance of the year")])
    ws.cell(ws.max_row, 1).font = Font(name="宋体", size=13, bold=True)
    for label, n in (
        (_("Members at the end of last year"), before["total"]),
        (_("Admitted this year (approved)"), admitted),
        (_("Transferred in"), into),
        (_("Transferred out"), out),
        (_("Other changes (left, deceased, suspended; see the name lists)"), other),
        (_("Members at the end of this year"), now["total"]),
        (_("Probationary members confirmed this year"), confirmed),
    ):
        ws.append([label, n])
    checks.append((_("Balance"), before["total"] + admitted + into - out - other == now["total"]))
    ws.append([])
    table(_("Table 2 Basic figures: status"), now["status"], now["total"])
    table(_("Table 2 Basic figures: sex"), now["sex"], now["total"])
    table(_("Table 2 Basic figures: age"), now["age"], now["total"])
    ws.append([_("of whom women"), now["female"]])
    ws.append([_("of whom ethnic minorities"), now["minority"]])
    ws.append([])
    table(_("Table 3 Party standing"), now["party_age"], now["total"])
    table(_("Table 4 Education"), now["education"], now["total"])
    table(_("Table 5 Category"), now["category"], now["total"])
    students = dict(now["category"]).get(str(MemberCategory.STUDENT.label), 0)
    ws.append([_("Table 7 Student members"), students])
    ws.cell(ws.max_row, 1).font = bold
    ws.append([])
    _confirmation_table(ws, org, year, confirmed, bold)
    _admission_tables(table, ws, org, year, admitted)
    ws.column_dimensions["A"].width = 52
    ws.column_dimensions["B"].width = 14
    for row in ws.iter_rows(min_col=2, max_col=2):
        for c in row:
            c.alignment = Alignment(horizontal="right")
    return wb, checks


def _confirmation_table(ws, org, year, confirmed, bold):
    """Table 13 预备党员转正: confirmed this year, on time or after an extended probation."""
    from orgwork.members.models import Recruitment

    extended = Recruitment.objects.filter(
        subtree_q(org.path, "org_path"), confirmed_on__year=year, extended_months__gt=0
    ).count()
    ws.append([_("Table 13 Probationary members confirmed")])
    ws.cell(ws.max_row, 1).font = bold
    ws.append([_("Confirmed this year"), confirmed])
    ws.append([_("of whom on time"), confirmed - extended])
    ws.append([_("of whom after an extended probation"), extended])
    ws.append([])


def _admission_tables(table, ws, org, year, admitted):
    """Tables 14–15 发展党员情况: the people admitted this year (支部大会 this year, approved) by
    sex, age at admission and education, each total checked against table 1's count; women,
    minorities, 35 or under and 大专及以上 as the "of whom" lines."""
    from orgwork.members.models import Recruitment
    from orgwork.members.rules import age_on

    rows = list(
        Recruitment.objects.filter(
            subtree_q(org.path, "org_path"), admitted_on__year=year, approved_on__isnull=False
        ).values_list(
            "person__sex", "person__ethnicity", "person__birth_date", "person__education", "admitted_on"
        )
    )
    ages = [age_on(born, on) if born else None for _s, _e, born, _d, on in rows]
    unknown = str(_("unknown"))

    def band(age):
        return next(
            (label for lo, hi, label in ADMISSION_AGE_BANDS if age is not None and lo <= age <= hi), unknown
        )

    sexes = Counter({"M": str(Sex.MALE.label), "F": str(Sex.FEMALE.label)}.get(r[0], unknown) for r in rows)
    by_age = Counter(band(a) for a in ages)
    labels = dict(Education.choices)
    educations = Counter(str(labels.get(r[3]) or unknown) for r in rows)

    def ordered(counts, order):
        return [(k, counts[k]) for k in order if counts[k]] + [
            (k, n) for k, n in counts.items() if k not in order
        ]

    table(
        _("Table 14 Admissions: sex"), ordered(sexes, [str(Sex.MALE.label), str(Sex.FEMALE.label)]), admitted
    )
    table(
        _("Table 14 Admissions: age at admission"),
        ordered(by_age, [label for _lo, _hi, label in ADMISSION_AGE_BANDS]),
        admitted,
    )
    table(
        _("Table 15 Admissions: education"), ordered(educations, [str(v) for v in labels.values()]), admitted
    )
    ws.append([_("of whom women"), sexes[str(Sex.FEMALE.label)]])
    ws.append([_("of whom ethnic minorities"), sum(1 for r in rows if r[1] not in ("01", "", None))])
    ws.append([_("of whom 35 or under"), sum(1 for a in ages if a is not None and a <= 35)])
    ws.append([_("of whom junior college or above"), sum(1 for r in rows if r[3] and r[3][0] in "123")])
    ws.append([])


# Age bands of 发展党员情况 (age at the 支部大会 that admitted the person).
ADMISSION_AGE_BANDS = (
    (0, 25, "≤25"),
    (26, 30, "26–30"),
    (31, 35, "31–35"),
    (36, 45, "36–45"),
    (46, 200, "≥46"),
)
