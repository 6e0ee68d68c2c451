"""Report sheets of the org tree, formatted to be printed as they are: the team-structure
statistics of an org's subtree (one row per subordinate org, and the overall figures) and the
terms-due list. Title row, a line with the scope and date, a framed header, number formats,
column widths fitted to Chinese text, frozen header, A4 fitted to the page width with the
header repeated on every page."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from orgwork.core.paths import subtree_q
from orgwork.orgs.models import Org, TeamSeat
from orgwork.orgs.services import team_stats, term_status, terms_due

__all__ = ["ReportColumn", "report_workbook", "team_stats_report", "terms_due_report"]


@dataclass
class ReportColumn:
    header: str
    number_format: str = "General"
    align: str = "center"  # of the data cells
    min_width: int = 8


def _text_width(value) -> int:
    """Width in Excel's character units: a Chinese character takes two."""
    if value is None:
        return 0
    if isinstance(value, date):
        return 10
    if isinstance(value, float):
        return 7
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in str(value))


def report_workbook(title: str, scope_line: str, columns: list, rows: list, totals: list | None = None):
    """A formatted workbook of one sheet. ``rows`` and ``totals`` are lists of cell values in the
    order of ``columns``; the totals row is bold with a double top border."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    n = len(columns)
    last = get_column_letter(n)
    thin = Side(style="thin", color="808080")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    font = "宋体"

    ws.append([title])
    ws.merge_cells("A1:{}1".format(last))
    ws["A1"].font = Font(name=font, size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 30
    ws.append([scope_line])
    ws.merge_cells("A2:{}2".format(last))
    ws["A2"].font = Font(name=font, size=10)
    ws["A2"].alignment = Alignment(horizontal="left", vertical="center")
    header_row = 3
    ws.append([c.header for c in columns])
    fill = PatternFill("solid", fgColor="D9E1F2")
    for i in range(1, n + 1):
        c = ws.cell(row=header_row, column=i)
        c.font = Font(name=font, bold=True)
        c.fill = fill
        c.border = box
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[header_row].height = 32

    body = list(rows) + ([totals] if totals else [])
    for r, values in enumerate(body, start=header_row + 1):
        is_total = totals is not None and r == header_row + len(body)
        for i, (col, value) in enumerate(zip(columns, values, strict=False), start=1):
            c = ws.cell(row=r, column=i, value=value)
            c.border = (
                Border(left=thin, right=thin, bottom=thin, top=Side(style="double", color="000000"))
                if is_total
                else box
            )
            c.number_format = col.number_format
            c.font = Font(name=font, bold=is_total)
            c.alignment = Alignment(horizontal=col.align, vertical="center")

    for i, col in enumerate(columns, start=1):
        # The totals row's long sentence may span merged cells: only its first cell sets a width.
        fitted = [row[i - 1] for row in rows] + ([totals[i - 1]] if totals and i == 1 else [])
        widest = max([_text_width(col.header) // 2 + 2] + [_text_width(v) for v in fitted])
        ws.column_dimensions[get_column_letter(i)].width = min(max(widest + 2, col.min_width), 60)

    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    ws.print_title_rows = "{0}:{0}".format(header_row)
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if n > 7 else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.oddFooter.center.text = _("Page &P of &N")
    return wb


STATS_COLUMNS = [
    ("name", "General", "left", 16),
    ("people", "0", "center", 8),
    ("seats", "0", "center", 8),
    ("mean_age", "0.0", "center", 8),
    ("under_35", "0.0%", "center", 8),
    ("under_40", "0.0%", "center", 8),
    ("college", "0.0%", "center", 8),
    ("women", "0.0%", "center", 8),
]


def _stats_row(name, s):
    return [name, s.people, s.seats, s.mean_age, s.under_35, s.under_40, s.college, s.women]


def team_stats_report(org: Org, as_of: date):
    """The team-structure statistics of ``org``'s subtree on ``as_of``: one row per subordinate
    org (its whole subtree), a row for the org's own team, and the overall row (each person
    once, as on the org page). Returns (workbook, number of data rows)."""
    headers = [
        _("Organization"),
        _("Team members"),
        _("Seats"),
        _("Mean age"),
        _("Under 35"),
        _("Under 40"),
        _("College or above"),
        _("Women"),
    ]
    columns = [
        ReportColumn(h, fmt, align, w) for h, (_k, fmt, align, w) in zip(headers, STATS_COLUMNS, strict=True)
    ]
    rows = []
    for child in Org.objects.filter(parent=org).order_by("position", "path"):
        rows.append(
            _stats_row(
                child.name, team_stats(TeamSeat.objects.filter(subtree_q(child.path, "org_path")), as_of)
            )
        )
    own = team_stats(TeamSeat.objects.filter(org=org), as_of)
    if own.seats:
        rows.append(_stats_row(_("{} (own team)").format(org.name), own))
    overall = team_stats(TeamSeat.objects.filter(subtree_q(org.path, "org_path")), as_of)
    totals = _stats_row(_("Overall"), overall)
    title = _("Team structure statistics of {}").format(org.name)
    scope = _("Scope: {} and its subordinate organizations    As of: {}    Units: people, years, %").format(
        org.name, as_of.isoformat()
    )
    return report_workbook(title, scope, columns, rows, totals), len(rows)


def terms_due_report(queryset, scope_name: str, today: date):
    """The terms-due list (current terms ending within six months, and overdue ones) of the
    filtered ``queryset``, soonest first, with the number due and overdue. Returns
    (workbook, number of data rows)."""
    columns = [
        ReportColumn(_("No."), "0", "center", 5),
        ReportColumn(_("Organization"), "General", "left", 20),
        ReportColumn(_("Term"), "0", "center", 6),
        ReportColumn(_("Elected on"), "yyyy-mm-dd", "center", 12),
        ReportColumn(_("Term ends on"), "yyyy-mm-dd", "center", 12),
        ReportColumn(_("Status"), "General", "center", 8),
        ReportColumn(_("Days left"), "0", "center", 8),
    ]
    rows, overdue, due = [], 0, 0
    for i, term in enumerate(terms_due(queryset, today).iterator(chunk_size=2000), start=1):
        status = term_status(term, today)
        overdue += status.code == "overdue"
        due += status.code == "due"
        rows.append(
            [
                i,
                term.org.name,
                term.number,
                term.started_on,
                term.ends_on,
                str(status.label),
                status.days_left,
            ]
        )
    totals = [
        _("Total"),
        _("{} terms: {} overdue, {} due within six months").format(len(rows), overdue, due),
        None,
        None,
        None,
        None,
        None,
    ]
    title = _("Terms due for re-election")
    scope = _("Scope: {}    As of: {}    Days left: negative when overdue").format(
        scope_name, today.isoformat()
    )
    wb = report_workbook(title, scope, columns, rows, totals)
    ws = wb.active
    total_row = 3 + len(rows) + 1
    ws.merge_cells(start_row=total_row, start_column=2, end_row=total_row, end_column=len(columns))
    return wb, len(rows)
