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
    "export_rows",
    "ExportColumn",
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


@dataclass
class ExportColumn:
    """One exported column. ``kind``: "field" (a local column, choices as labels), "fk" (a foreign
    key, exported as the related object's text), "sensitive" (masked unless allowed), or "cell"
    (anything else: the table's own plain value of the cell, which needs model instances)."""

    header: str
    kind: str
    name: str  # field name, FK attname, or table column name
    labels: dict | None = None
    related_model: type | None = None


def table_export_columns(table, model) -> list[ExportColumn]:
    """The visible columns of ``table``, in order, as export columns (the selection checkbox and
    columns marked ``exclude_from_export`` left out)."""
    import django_tables2 as tables
    from django.core.exceptions import FieldDoesNotExist
    from django.db import models

    sensitive = set(getattr(model, "sensitive_fields", ()))
    plain_types = (tables.Column, tables.DateColumn, tables.DateTimeColumn, tables.BooleanColumn)
    out = []
    for bc in table.columns:  # the visible ones, in the table's order
        column = bc.column
        if isinstance(column, tables.CheckBoxColumn) or getattr(column, "exclude_from_export", False):
            continue
        header, name = str(bc.verbose_name), bc.name
        accessor = str(bc.accessor)
        custom = hasattr(table, "render_" + name) or hasattr(table, "value_" + name)
        if type(column) not in plain_types or custom or "." in accessor or "__" in accessor:
            out.append(ExportColumn(header, "cell", name))
            continue
        raw = accessor[len("masked_") :] if accessor.startswith("masked_") else accessor
        if raw in sensitive:
            out.append(ExportColumn(header, "sensitive", raw))
            continue
        try:
            f = model._meta.get_field(accessor)
        except FieldDoesNotExist:
            out.append(ExportColumn(header, "cell", name))
            continue
        if isinstance(f, models.ForeignKey | models.OneToOneField):
            out.append(ExportColumn(header, "fk", f.attname, related_model=f.related_model))
        elif f.concrete and not f.is_relation:
            labels = {k: str(v) for k, v in f.flatchoices} if f.choices else None
            out.append(ExportColumn(header, "field", f.name, labels=labels))
        else:
            out.append(ExportColumn(header, "cell", name))
    return out


class _RelatedText:
    """Text of related objects by id, fetched in bulk once per id (not a join per row)."""

    def __init__(self, model):
        self.model = model
        self.cache: dict = {}

    def load(self, ids):
        missing = {i for i in ids if i is not None and i not in self.cache}
        missing = list(missing)
        for k in range(0, len(missing), 500):
            for obj in self.model._base_manager.filter(pk__in=missing[k : k + 500]):
                self.cache[obj.pk] = str(obj)


def export_rows(queryset, columns: list[ExportColumn], *, sensitive_q=None, table=None, chunk=CHUNK):
    """The rows of ``queryset`` (already in order) as lists of plain values for ``columns``.

    When every column is a field, only those columns are read (``values()``: no model instances,
    no unused datetime conversions); otherwise model instances, and the table's own cell values
    for the other columns. ``sensitive_q`` keeps the rows whose sensitive fields are shown
    unmasked (the user's ``view_sensitive`` scope); ``True`` shows them in every row (the caller
    knows the whole export lies in that scope); without it they are all masked."""
    from django.db.models import BooleanField, Case, Value, When

    from orgwork.core.audit import mask_value

    all_shown = sensitive_q is True
    if all_shown or sensitive_q is None or not any(c.kind == "sensitive" for c in columns):
        shown = False
    else:
        queryset = queryset.annotate(
            _export_sensitive=Case(
                When(sensitive_q, then=Value(True)), default=Value(False), output_field=BooleanField()
            )
        )
        shown = True
    related = {c.name: _RelatedText(c.related_model) for c in columns if c.kind == "fk"}
    as_values = all(c.kind != "cell" for c in columns)

    if as_values:
        names = list(dict.fromkeys(c.name for c in columns)) + (["_export_sensitive"] if shown else [])
        source = queryset.values(*names)

        def get(record, key):
            return record[key]
    else:
        source = queryset

        def get(record, key):
            return getattr(record, key)

    if table is not None and not as_values:
        from django_tables2.rows import BoundRow

    def value(record, c):
        if c.kind == "field":
            v = get(record, c.name)
            if c.labels is not None:
                return c.labels.get(v, v) if v not in (None, "") else None
            return v
        if c.kind == "fk":
            return related[c.name].cache.get(get(record, c.name))
        if c.kind == "sensitive":
            v = get(record, c.name)
            if all_shown or (shown and get(record, "_export_sensitive")):
                return v
            return mask_value(v) if v else v
        return _plain(BoundRow(record, table=table).get_cell_value(c.name))

    batch = []

    def flush(batch):
        for name, rel in related.items():
            rel.load(get(r, name) for r in batch)
        for r in batch:
            yield [value(r, c) for c in columns]

    for record in source.iterator(chunk_size=chunk):
        batch.append(record)
        if len(batch) >= chunk:
            yield from flush(batch)
            batch = []
    if batch:
        yield from flush(batch)


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
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    from orgwork.core import xlsx_speed

    xlsx_speed.install()
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

    def text_cell(value):
        # Typed text, so that "=..." typed by a user is never a formula in the sheet.
        c = WriteOnlyCell(ws, value=value)
        c.data_type = "s"
        return c

    for row in rows:
        values = [cell(v) for v in row]
        for i, v in enumerate(values):
            if type(v) is str and v:
                if ILLEGAL_CHARACTERS_RE.search(v):  # control characters: Excel refuses the file
                    v = values[i] = ILLEGAL_CHARACTERS_RE.sub("", v)
                if v[:1] == "=":
                    values[i] = text_cell(v)
        ws.append(values)
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


# Spreadsheet programs run a CSV cell beginning with these as a formula (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_value(v):
    v = cell(v)
    if isinstance(v, str) and v.startswith(_FORMULA_START):
        return "'" + v
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
    from orgwork.core.db_routing import read_replica

    fmt = format if format in EXPORT_FORMATS else "xlsx"
    with translation.override(language or settings.LANGUAGE_CODE):
        with read_replica():  # the rows may come from a streaming replica (DATABASE_REPLICA_URL)
            data = build_export(source, ctx.user, query)
            total = data.count()
            ctx.progress(0, total)
            path = ctx.result_path("{}.{}".format(data.filename, fmt))
            message = _("Writing the rows")
            n = write_export(data, fmt, str(path), progress=lambda done: ctx.progress(done, total, message))
            ctx.progress(n, total)
        audit_export(ctx.user, data.source, data.query, fmt, n, job=getattr(ctx, "job", None))
    return {"rows": n, "format": fmt, "source": source, "file": path.name}


_jobs_module = _jobs()
if _jobs_module is not None:
    _jobs_module.job_kind(EXPORT_JOB_KIND, result_template="core/exports/_job_result.html")(run_export_job)


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
