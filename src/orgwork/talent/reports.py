"""The printable industry talent map (产业人才图谱): industry chains × levels with totals, then the
counts by category and origin, formatted as the org reports are (``orgs.reports``)."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from orgwork.orgs.reports import ReportColumn, report_workbook
from orgwork.talent import rules, services

__all__ = ["industry_map_workbook"]


def industry_map_workbook(org, data):
    """Returns (workbook, number of data rows). Rows: one per industry chain (those with no chain
    recorded last), a column per level, the row total; a totals row sums every column."""
    levels = list(rules.levels())
    industries = list(rules.industries())
    grid = data["grid"]
    known = {code for code, _label in industries}
    keys = [(code, str(label)) for code, label in industries]
    extra = sorted(k for k in grid if k not in known)
    keys += [(k, k or _("not recorded")) for k in extra]
    columns = [ReportColumn(_("Industry chain"), align="left", min_width=16)]
    columns += [ReportColumn(str(lv.label), "0") for lv in levels]
    unknown_levels = sorted({lv for row in grid.values() for lv in row} - {lv.code for lv in levels})
    columns += [ReportColumn(lv, "0") for lv in unknown_levels]
    columns.append(ReportColumn(_("Total"), "0"))
    codes = [lv.code for lv in levels] + unknown_levels
    rows = []
    for code, label in keys:
        counts = grid.get(code, {})
        values = [counts.get(c, 0) for c in codes]
        rows.append([label, *values, sum(values)])
    totals = [_("Total")] + [sum(r[i] for r in rows) for i in range(1, len(codes) + 2)]
    scope = org.name if org else pgettext("talent", "all organizations in my scope")
    wb = report_workbook(
        _("Industry talent map"),
        _("{scope} · as of {date} · {n} talents").format(
            scope=scope, date=timezone.localdate().isoformat(), n=data["total"]
        ),
        columns,
        rows,
        totals,
    )
    # A second sheet: category and origin, and the regions when the map was drilled.
    ws = wb.create_sheet(_("By category and origin")[:31])
    ws.append([pgettext("talent", "Dimension"), pgettext("talent", "Value"), _("Talents")])
    for dim, title in (
        ("category", pgettext("talent", "category")),
        ("origin", _("origin")),
        ("level", pgettext("talent", "level")),
    ):
        labels = services.dimension_labels(dim)
        for k, n in sorted(data[dim].items(), key=lambda kv: -kv[1]):
            ws.append([title, str(labels.get(k, k)), n])
    ws.append([_("Total"), "", data["total"]])
    return wb, len(rows)
