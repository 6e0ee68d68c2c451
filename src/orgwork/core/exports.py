"""Spreadsheet export: what a list shows (its filters, columns and sort) as xlsx or CSV.

One path for every list: ``ExportData`` names the headers and yields the rows as plain values
(real dates, choice labels, masked ID numbers unless the user may see them); ``write_xlsx`` /
``write_csv`` write them with openpyxl's write-only mode or a BOM'd CSV, reading the queryset in
chunks, so memory stays flat however long the list. A short export is answered at once; one of
more than ``ORGWORK_EXPORT_JOB_ROWS`` rows (default 10,000) becomes a background job that
rebuilds the same data from (source, user, query string) and writes the file for the job page.
Every export, immediate or background, is written to the audit log with its filter and row count.
"""

import csv
import io
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponse, QueryDict
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

__all__ = [
    "EXPORT_FORMATS",
    "EXPORT_PARAM",
    "ExportData",
    "ListRequest",
    "cell",
    "csv_response",
    "xlsx_response",
    "write_xlsx",
    "write_csv",
    "write_export",
    "export_response",
    "audit_export",
    "export_query",
    "job_threshold",
    "jobs_available",
    "start_export_job",
    "export_source",
    "build_export",
    "table_export_columns",
    "run_export_job",
    "EXPORT_JOB_KIND",
    "XLSX_TYPE",
]

EXPORT_FORMATS = ("xlsx", "csv")
EXPORT_PARAM = "_export"
EXPORT_JOB_KIND = "core.export"
# Query parameters that change what a page shows but not which rows: left out of an export's filter.
PAGE_ONLY_PARAMS = ("page", "per_page", EXPORT_PARAM, "format")
CHUNK = 2000
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def job_threshold() -> int:
    """Exports with more rows than this run as a background job (setting ``ORGWORK_EXPORT_JOB_ROWS``)."""
    return int(getattr(settings, "ORGWORK_EXPORT_JOB_ROWS", 10_000))


def cell(value):
    """A value as Excel should see it: aware datetimes in local time, no tz; lists joined."""
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(tzinfo=None)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, date) or value is None or isinstance(value, int | float):
        return value
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    return str(value)


# --- What to export -------------------------------------------------------------------------------


@dataclass
class ExportData:
    """One export: a source name (a model label), its filter, headers and rows (plain values)."""

    source: str
    query: str
    title: str
    filename: str
    headers: list
    rows: Callable[[], Iterable[list]]
    count: Callable[[], int]
    widths: list = field(default_factory=list)


class ListRequest:
    """What a list view reads of a request (user, query string), rebuilt outside a request so that
    a background job produces the list the user saw."""

    htmx = False

    def __init__(self, user, query: str):
        self.user = user
        self.GET = QueryDict(query)


def export_query(params: QueryDict, **extra) -> str:
    """The query string that defines an export: the page's filters, sort and columns, without paging."""
    q = params.copy()
    for k in PAGE_ONLY_PARAMS:
        q.pop(k, None)
    for k, v in extra.items():
        if isinstance(v, list | tuple):
            q.setlist(k, list(v))
        else:
            q[k] = v
    return q.urlencode()


_SOURCES: dict[str, Callable] = {}


def export_source(name: str):
    """Register a builder ``(user, query) -> ExportData`` for exports that are not a registered
    model's list (the change log); a job rebuilds its data by this name."""

    def deco(fn):
        _SOURCES[name] = fn
        return fn

    return deco


def build_export(source: str, user, query: str) -> ExportData:
    """The export named ``source`` as ``user`` sees it with ``query``: a registered builder, or a
    registered model's list page (the same view class, so its own narrowing applies)."""
    if source in _SOURCES:
        return _SOURCES[source](user, query)
    from django.urls import resolve, reverse

    from orgwork.core.registry import registry

    model = next((m for m in registry if m._meta.label_lower == source), None)
    if model is None:
        raise PermissionDenied
    cfg = registry[model]
    view_fn = resolve(reverse(cfg.url_name("list"))).func
    view = view_fn.view_class(**view_fn.view_initkwargs)
    return view.export_data(ListRequest(user, query))


def _plain(value):
    if value is None:
        return None
    if isinstance(value, str):
        return " ".join(strip_tags(value).split())
    return value


def table_export_columns(table, model, user):
    """(header, getter(record)) for each visible column of ``table``, in order, and the
    select_related paths that the getters need. Getters give plain values: choice labels,
    related objects as text, dates as dates; sensitive fields masked unless the row carries
    ``_export_sensitive`` (annotated from the user's ``view_sensitive`` scope, the rule of
    ``accounts.scope.can_view_sensitive``)."""
    import django_tables2 as tables
    from django.db import models
    from django_tables2.rows import BoundRow
    from django_tables2.utils import Accessor

    from orgwork.core.audit import mask_value

    sensitive = set(getattr(model, "sensitive_fields", ()))
    out, related, uses_sensitive = [], [], False
    for bc in table.columns:  # the visible ones, in the table's order
        column = bc.column
        if isinstance(column, tables.CheckBoxColumn) or getattr(column, "exclude_from_export", False):
            continue
        header = str(bc.verbose_name)
        name = bc.name
        accessor = Accessor(bc.accessor)
        parts = accessor.bits if hasattr(accessor, "bits") else str(accessor).split(".")
        plain_column = type(column) in (
            tables.Column,
            tables.DateColumn,
            tables.DateTimeColumn,
            tables.BooleanColumn,
        ) and not hasattr(table, "render_" + name)
        if hasattr(table, "value_" + name) or not plain_column:
            out.append((header, _row_value_getter(BoundRow, table, name)))
            continue
        attr = parts[-1]
        raw = attr[len("masked_") :] if attr.startswith("masked_") else attr
        if len(parts) == 1 and raw in sensitive:
            uses_sensitive = True
            out.append((header, _sensitive_getter(raw, mask_value)))
            continue
        try:
            f = accessor.get_field(model)
        except Exception:
            f = None
        # Follow foreign keys in one query: every relation on the accessor's way.
        path_model, path = model, []
        for bit in parts:
            try:
                mf = path_model._meta.get_field(bit)
            except Exception:
                break
            if not isinstance(mf, models.ForeignKey | models.OneToOneField):
                break
            path.append(bit)
            path_model = mf.related_model
        if path:
            related.append("__".join(path))
        if f is not None and getattr(f, "choices", None) and not f.is_relation:
            labels = {k: str(v) for k, v in f.flatchoices}
            out.append((header, _choice_getter(parts, labels)))
        else:
            out.append((header, _attr_getter(parts)))
    return out, related, uses_sensitive


def _resolve(record, parts):
    for bit in parts:
        if record is None:
            return None
        record = getattr(record, bit)
        if callable(record) and not isinstance(record, type):
            record = record()
    return record


def _attr_getter(parts):
    def get(record):
        value = _resolve(record, parts)
        if value is None or isinstance(value, str | int | float | date | bool):
            return value
        return str(value)

    return get


def _choice_getter(parts, labels):
    def get(record):
        value = _resolve(record, parts)
        if value in (None, ""):
            return None
        return labels.get(value, value)

    return get


def _sensitive_getter(name, mask):
    def get(record):
        value = getattr(record, name)
        if getattr(record, "_export_sensitive", False):
            return value
        return mask(value) if value else value

    return get


def _row_value_getter(bound_row_cls, table, name):
    def get(record):
        return _plain(bound_row_cls(record, table=table).get_cell_value(name))

    return get


# --- Writing ---------------------------------------------------------------------------------------


def _width(text) -> float:
    """Display width of a header or value in Excel's units: CJK characters count double."""
    s = str(text or "")
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in s)


def write_xlsx(target, title: str, headers: list, rows: Iterable, *, progress=None, widths=None) -> int:
    """Write the sheet with openpyxl's write-only mode (rows are streamed to disk); return the
    number of data rows. ``target`` is a path or a binary file."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(str(title)[:31] or "Sheet")
    ws.freeze_panes = "A2"
    for i, h in enumerate(headers, start=1):
        w = widths[i - 1] if widths and i <= len(widths) else max(_width(h) + 4, 10)
        ws.column_dimensions[get_column_letter(i)].width = min(w, 60)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    head = []
    for h in headers:
        c = WriteOnlyCell(ws, value=str(h))
        c.font = bold
        c.fill = fill
        head.append(c)
    ws.append(head)
    n = 0
    for row in rows:
        ws.append([cell(v) for v in row])
        n += 1
        if progress is not None and n % 500 == 0:
            progress(n)
    wb.save(target)
    return n


def write_csv(target, headers: list, rows: Iterable, *, progress=None) -> int:
    """CSV in UTF-8 with a BOM (Excel on Chinese Windows needs it); ``target`` a path or a text file."""
    own = isinstance(target, str) or hasattr(target, "open")
    f = open(target, "w", encoding="utf-8", newline="") if own else target  # noqa: SIM115
    try:
        f.write("\ufeff")
        writer = csv.writer(f)
        writer.writerow([str(h) for h in headers])
        n = 0
        for row in rows:
            writer.writerow(["" if v is None else _csv_value(v) for v in row])
            n += 1
            if progress is not None and n % 500 == 0:
                progress(n)
    finally:
        if own:
            f.close()
    return n


def _csv_value(v):
    v = cell(v)
    if isinstance(v, datetime):
        return v.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(v, date):
        return v.isoformat()
    return v


def write_export(data: ExportData, fmt: str, target, *, progress=None) -> int:
    if fmt == "csv":
        return write_csv(target, data.headers, data.rows(), progress=progress)
    return write_xlsx(target, data.title, data.headers, data.rows(), progress=progress, widths=data.widths)


def _disposition(filename: str) -> str:
    return "attachment; filename*=UTF-8''{}".format(quote(filename))


def export_response(data: ExportData, fmt: str, *, user) -> FileResponse:
    """Write the export to a temporary file, audit it, and stream the file back."""
    tmp = tempfile.TemporaryFile()
    if fmt == "csv":
        text = io.TextIOWrapper(tmp, encoding="utf-8", newline="")
        n = write_export(data, fmt, text)
        text.flush()
        text.detach()
    else:
        n = write_export(data, fmt, tmp)
    tmp.seek(0)
    audit_export(user, data.source, data.query, fmt, n)
    response = FileResponse(tmp, content_type=XLSX_TYPE if fmt == "xlsx" else "text/csv; charset=utf-8")
    response["Content-Disposition"] = _disposition("{}.{}".format(data.filename, fmt))
    return response


def audit_export(user, source: str, query: str, fmt: str, rows: int, *, job=None, obj=None):
    """The export in the log: who, which list (``source``), which filter, what format, how many rows."""
    from orgwork.core.audit import record_event
    from orgwork.core.models import ChangeLogAction

    q = QueryDict(query)
    filters = {k: (q.getlist(k) if len(q.getlist(k)) > 1 else q.get(k)) for k in q}
    payload = {"source": source, "query": query, "filter": filters, "format": fmt, "rows": rows}
    if job is not None:
        payload["job"] = str(getattr(job, "pk", job))
    return record_event(
        ChangeLogAction.EXPORT,
        actor=user,
        obj=obj,
        note="export {} ({}, {} rows)".format(source, fmt, rows),
        data=payload,
    )


# --- Background jobs -----------------------------------------------------------------------------


def _jobs():
    try:
        from orgwork.core import jobs
    except ImportError:  # the jobs framework is not installed yet: every export is immediate
        return None
    return jobs


def jobs_available() -> bool:
    return _jobs() is not None


def start_export_job(request, source: str, query: str, fmt: str, label: str):
    """Start the background export of ``source`` with ``query``; the caller redirects to the job."""
    jobs = _jobs()
    return jobs.start_job(
        request.user,
        EXPORT_JOB_KIND,
        params={"source": source, "query": query, "format": fmt, "language": translation.get_language()},
        label=label,
    )


def run_export_job(ctx, source: str, query: str, format: str = "xlsx", language: str | None = None) -> dict:
    """The job: rebuild the export as the user who started it, write the file where the job page
    offers it, audit it like an immediate export."""
    fmt = format if format in EXPORT_FORMATS else "xlsx"
    with translation.override(language or settings.LANGUAGE_CODE):
        data = build_export(source, ctx.user, query)
        total = data.count()
        ctx.progress(0, total)
        path = ctx.result_path("{}.{}".format(data.filename, fmt))
        n = write_export(data, fmt, str(path), progress=lambda done: ctx.progress(done, total))
        ctx.progress(n, total)
        audit_export(ctx.user, data.source, data.query, fmt, n, job=getattr(ctx, "job", None))
    return {"rows": n, "format": fmt, "source": source, "file": path.name}


_jobs_module = _jobs()
if _jobs_module is not None:
    _jobs_module.job_kind(EXPORT_JOB_KIND)(run_export_job)


# --- Kept for simple callers ------------------------------------------------------------------------


def xlsx_response(filename: str, title: str, headers: list[str], rows) -> HttpResponse:
    buf = io.BytesIO()
    write_xlsx(buf, title, headers, rows)
    response = HttpResponse(buf.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = _disposition(filename + ".xlsx")
    return response


def csv_response(filename: str, headers: list[str], rows) -> HttpResponse:
    buf = io.StringIO()
    write_csv(buf, headers, rows)
    response = HttpResponse(buf.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = _disposition(filename + ".csv")
    return response
