"""Statistics of a subtree and period, the overdue list, and the monthly 督办通报 (xlsx).

A case belongs to a subtree when its registering org lies in it (the assigning side reports on what
it assigned); "by handling org" groups by the lead org. All figures are aggregates of the rollup
columns in one query each (the rollup is tested equal to the events)."""

from __future__ import annotations

from datetime import date

from django.db.models import Avg, Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from orgwork.casework.choices import OPEN_STATES
from orgwork.casework.models import Case
from orgwork.core.paths import subtree_q

__all__ = ["case_stats", "overdue_cases", "bulletin_xlsx"]

_CLOSED = Q(closed_on__isnull=False)


def _period(qs, start, end):
    return qs.filter(raised_on__gte=start, raised_on__lte=end)


def _figures(qs) -> dict:
    return qs.aggregate(
        received=Count("id"),
        closed=Count("id", filter=_CLOSED),
        on_time=Count("id", filter=Q(closed_on_time=True)),
        open=Count("id", filter=Q(state__in=OPEN_STATES)),
        overdue=Count("id", filter=Q(state__in=OPEN_STATES, due_on__lt=timezone.localdate())),
        reopened=Count("id", filter=Q(reopen_count__gt=0)),
        avg_days=Avg("workdays_to_close"),
        satisfied=Count("id", filter=Q(satisfaction=3)),
        rated=Count("id", filter=Q(satisfaction__isnull=False)),
        avg_satisfaction=Avg("satisfaction"),
    )


def _rates(row: dict) -> dict:
    def pct(a, b):
        return round(100.0 * a / b, 1) if b else None

    row["on_time_rate"] = pct(row["on_time"], row["closed"])
    row["reopen_rate"] = pct(row["reopened"], row["received"])
    row["satisfaction_rate"] = pct(row["satisfied"], row["rated"])
    row["close_rate"] = pct(row["closed"], row["received"])
    if row.get("avg_days") is not None:
        row["avg_days"] = round(float(row["avg_days"]), 1)
    if row.get("avg_satisfaction") is not None:
        row["avg_satisfaction"] = round(float(row["avg_satisfaction"]), 2)
    return row


def _grouped(qs, field) -> list[dict]:
    rows = (
        qs.values(field)
        .annotate(
            received=Count("id"),
            closed=Count("id", filter=_CLOSED),
            on_time=Count("id", filter=Q(closed_on_time=True)),
            open=Count("id", filter=Q(state__in=OPEN_STATES)),
            overdue=Count("id", filter=Q(state__in=OPEN_STATES, due_on__lt=timezone.localdate())),
            reopened=Count("id", filter=Q(reopen_count__gt=0)),
            avg_days=Avg("workdays_to_close"),
            satisfied=Count("id", filter=Q(satisfaction=3)),
            rated=Count("id", filter=Q(satisfaction__isnull=False)),
            avg_satisfaction=Avg("satisfaction"),
        )
        .order_by("-received")
    )
    return [_rates(dict(r)) for r in rows]


def case_stats(path: str, start: date, end: date, *, by_org_limit: int = 50) -> dict:
    """Figures of the cases registered in the subtree at ``path`` and raised in [start, end]."""
    from orgwork.casework.kinds import all_kinds
    from orgwork.orgs.models import Org

    qs = _period(Case.objects.filter(subtree_q(path, "org_path")), start, end)
    total = _rates(_figures(qs))
    sources, categories = {}, {}
    for k in all_kinds():
        sources.update({key: str(v) for key, v in k.source_choices()})
        categories.update({key: str(v) for key, v in k.category_choices()})
    by_source = _grouped(qs, "source")
    for r in by_source:
        r["label"] = sources.get(r["source"], r["source"])
    by_category = _grouped(qs, "category")
    for r in by_category:
        r["label"] = categories.get(r["category"], r["category"])
    by_org = _grouped(qs.filter(lead_org__isnull=False), "lead_org")[:by_org_limit]
    names = dict(Org.all_objects.filter(pk__in=[r["lead_org"] for r in by_org]).values_list("pk", "name"))
    for r in by_org:
        r["label"] = names.get(r["lead_org"], "")
    return {"total": total, "by_source": by_source, "by_category": by_category, "by_org": by_org}


def overdue_cases(qs, today=None):
    today = today or timezone.localdate()
    return (
        qs.filter(state__in=OPEN_STATES, due_on__lt=today)
        .select_related("lead_org", "org")
        .order_by("due_on", "id")
    )


def bulletin_xlsx(out, *, org, start: date, end: date, stats: dict, overdue: list) -> None:
    """The monthly 督办通报: A4 landscape, fitted to the page width, title and header rows
    repeated on every printed page, page numbers in the footer."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    wb = Workbook()
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="center")
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)

    def sheet(ws, title, headers, rows, widths):
        ws.append([title])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
        ws["A1"].font = Font(bold=True, size=16)
        ws["A1"].alignment = center
        ws.row_dimensions[1].height = 30
        ws.append([_("{org}, {start} to {end}").format(org=org.name, start=start, end=end)])
        ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(headers))
        ws["A2"].alignment = center
        ws.append(headers)
        for c in ws[3]:
            c.font, c.border, c.alignment = head_font, box, center
        for r in rows:
            ws.append(r)
            for c in ws[ws.max_row]:
                c.border, c.alignment = box, wrap
        for i, w in enumerate(widths):
            ws.column_dimensions[chr(65 + i)].width = w
        ws.print_title_rows = "1:3"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.5
        ws.oddFooter.center.text = _("Page &P of &N")
        ws.freeze_panes = "A4"

    headers = [
        pgettext("casework", "group"),
        _("received"),
        _("closed"),
        _("closed on time"),
        _("on-time rate %"),
        _("open"),
        pgettext("casework", "overdue"),
        _("avg. working days to close"),
        _("reopen rate %"),
        _("satisfaction %"),
    ]

    def line(label, r):
        return [
            label,
            r["received"],
            r["closed"],
            r["on_time"],
            r["on_time_rate"],
            r["open"],
            r["overdue"],
            r["avg_days"],
            r["reopen_rate"],
            r["satisfaction_rate"],
        ]

    ws = wb.active
    ws.title = _("Summary")[:31]
    rows = [line(pgettext("casework", "total"), stats["total"])]
    for title, key in (
        (_("by source"), "by_source"),
        (_("by category"), "by_category"),
        (_("by handling org"), "by_org"),
    ):
        rows.append([title])
        rows += [line("  " + str(r["label"]), r) for r in stats[key]]
    sheet(ws, _("Supervision bulletin of casework"), headers, rows, [34, 9, 9, 10, 10, 9, 9, 12, 10, 10])
    ws2 = wb.create_sheet(_("Overdue")[:31])
    orows = [
        [
            c.number,
            c.title,
            c.lead_org.name if c.lead_org else "",
            c.raised_on,
            c.due_on,
            (timezone.localdate() - c.due_on).days,
            _("yes") if c.supervised else "",
        ]
        for c in overdue
    ]
    sheet(
        ws2,
        _("Overdue cases"),
        [
            _("number"),
            _("title"),
            _("lead org"),
            _("raised on"),
            _("deadline"),
            _("days overdue"),
            _("supervised"),
        ],
        orows,
        [14, 44, 28, 12, 12, 10, 8],
    )
    for row in ws2.iter_rows(min_row=4):
        for c in row:
            if isinstance(c.value, date):
                c.number_format = "yyyy-mm-dd"
    wb.save(out)
