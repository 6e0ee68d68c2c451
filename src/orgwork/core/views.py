"""Generic pages for every registered model: list, detail, create/edit, delete, bulk edit;
plus the recycle bin and the change log. Every queryset starts from ``restrict(user, action)``."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django_tables2 import RequestConfig

from orgwork.accounts.scope import access_object, has_action, has_global_action
from orgwork.core import services
from orgwork.core.models import ChangeLog, UserPreference
from orgwork.core.registry import config_for, registry

__all__ = [
    "ObjectListView",
    "ObjectDetailView",
    "ObjectEditView",
    "ObjectDeleteView",
    "BulkEditView",
    "RecycleBinView",
    "RestoreView",
    "ChangeLogListView",
    "ChangeLogExportView",
    "LookupView",
    "PAGE_SIZES",
]

PAGE_SIZES = (25, 50, 100, 200)


class ModelViewMixin(LoginRequiredMixin):
    model = None
    raise_exception = False

    @property
    def cfg(self):
        return config_for(self.model)

    def base_context(self, **extra):
        meta = self.model._meta
        ctx = {
            "model": self.model,
            "cfg": self.cfg,
            "verbose_name": meta.verbose_name,
            "verbose_name_plural": meta.verbose_name_plural,
            "can_add": has_action(self.request.user, "add"),
            "can_change": has_action(self.request.user, "change"),
            "can_delete": has_action(self.request.user, "delete"),
            "list_url": reverse(self.cfg.url_name("list")),
        }
        ctx.update(extra)
        return ctx


def related_columns(table, model) -> list[str]:
    """The foreign keys (and one-to-ones) that the table's visible columns show, e.g. a seat's
    org and person: to be fetched with the rows."""
    from django.core.exceptions import FieldDoesNotExist

    names = []
    for column in table.columns:
        accessor = str(column.accessor or column.name)
        first = accessor.replace(".", "__").split("__")[0]
        try:
            field = model._meta.get_field(first)
        except FieldDoesNotExist:
            continue
        if (field.many_to_one or field.one_to_one) and field.concrete and first not in names:
            names.append(first)
    return names


class ObjectListView(ModelViewMixin, View):
    """Filter, sort, paginate, choose columns (remembered per user), partial refresh under htmx.

    ``?_export=xlsx`` (or ``csv``) on the same URL exports what the page shows: the same
    queryset (``get_queryset`` included, so a subclass's narrowing applies), the same visible
    columns in the same order, the same sort (``core.exports``)."""

    template_name = "core/object_list.html"

    def get_queryset(self, request):
        return self.model.objects.restrict(request.user, "view")

    def pref_key(self):
        return f"list:{self.cfg.label}"

    def get_filtered(self, request):
        """(filterset, queryset): the rows the list shows, before sorting and paging."""
        qs = self.get_queryset(request).with_cached_count()
        filterset = self.cfg.filterset(request.GET or None, queryset=qs, request=request)
        qs = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
        return filterset, qs

    def get_preferences(self, request, *, save=True) -> dict:
        """Columns and page size: from the query string when given (and then remembered), else
        as the user last chose them."""
        if save:
            pref, _created = UserPreference.objects.get_or_create(
                user=request.user, key=self.pref_key(), defaults={"value": {}}
            )
        else:
            pref = UserPreference.objects.filter(user=request.user, key=self.pref_key()).first()
        value = dict(pref.value) if pref is not None else {}
        changed = False
        if "columns" in request.GET:
            value["columns"] = [c for c in request.GET.getlist("columns") if c]
            changed = True
        if request.GET.get("per_page", "").isdigit() and int(request.GET["per_page"]) in PAGE_SIZES:
            value["per_page"] = int(request.GET["per_page"])
            changed = True
        if changed and save:
            pref.value = value
            pref.save(update_fields=["value"])
        return value

    def get_table(self, request, qs, columns):
        table = self.cfg.table(qs, request=request, user=request.user, visible=columns)
        related = related_columns(table, self.model)
        data = getattr(table.data, "data", None)
        if related and hasattr(data, "select_related"):
            # One join per shown related column instead of a query per row and column.
            table.data.data = data.select_related(*related)
        return table

    def export_data(self, request):
        """The export of this list for ``request`` (a real request or a ``ListRequest`` rebuilt
        by a background job): rows in the table's sort order, visible columns only."""
        from orgwork.accounts.scope import scope_prefixes
        from orgwork.core.exports import ExportData, export_query, export_rows, table_export_columns

        if not has_action(request.user, "export"):
            raise PermissionDenied
        _fs, qs = self.get_filtered(request)
        export_scope = scope_prefixes(request.user, "export")
        if not qs.same_scope_as_view(request.user, "export"):
            qs = qs.restrict(request.user, "export")
        prefs = self.get_preferences(request, save=False)
        table = self.get_table(request, qs, prefs.get("columns"))
        sort = [s for s in request.GET.getlist("sort") if s]
        if sort:
            table.order_by = sort
        columns = table_export_columns(table, self.model)
        ordered = table.data.data
        # The rule of accounts.scope.can_view_sensitive, for all rows at once.
        sensitive = scope_prefixes(request.user, "view_sensitive")
        if sensitive and all(any(e.startswith(s) for s in sensitive) for e in export_scope):
            # Every exported row lies in the sensitive scope: no test per row (at city scale that
            # test is a hashed list of 700,000 people, built for an export of a few hundred).
            sensitive_q = True
        else:
            sensitive_q = self.model.scope_q_for_prefixes(sensitive) if sensitive else None
        name = str(self.model._meta.verbose_name_plural)
        return ExportData(
            source=self.cfg.label,
            query=export_query(request.GET),
            title=name,
            filename="{}-{}".format(name, timezone.localdate().isoformat()),
            headers=[c.header for c in columns],
            rows=lambda: export_rows(ordered, columns, sensitive_q=sensitive_q, table=table),
            count=qs.count,
        )

    def export(self, request, fmt):
        """Immediate file below the job threshold; above it a background job and its page."""
        from orgwork.core import exports

        data = self.export_data(request)
        if exports.jobs_available() and data.count() > exports.job_threshold():
            prefs = self.get_preferences(request, save=False)
            extra = {"columns": prefs["columns"]} if prefs.get("columns") else {}
            job = exports.start_export_job(
                request,
                self.cfg.label,
                exports.export_query(request.GET, **extra),
                fmt,
                _("Export: {}").format(self.model._meta.verbose_name_plural),
            )
            return HttpResponseRedirect(job.get_absolute_url())
        return exports.export_response(data, fmt, user=request.user)

    def import_url(self):
        if not self.cfg.importer:
            return None
        try:
            return reverse(self.cfg.url_name("import"))
        except NoReverseMatch:  # the import pages are not installed
            return None

    def get(self, request):
        from orgwork.core.exports import EXPORT_FORMATS, EXPORT_PARAM, export_query

        fmt = request.GET.get(EXPORT_PARAM)
        if fmt in EXPORT_FORMATS:
            return self.export(request, fmt)
        cfg = self.cfg
        filterset, qs = self.get_filtered(request)
        value = self.get_preferences(request)
        table = self.get_table(request, qs, value.get("columns"))
        per_page = value.get("per_page", 50)
        RequestConfig(request, paginate={"per_page": per_page}).configure(table)
        query = export_query(request.GET)
        ctx = self.base_context(
            table=table,
            filterset=filterset,
            per_page=per_page,
            page_sizes=PAGE_SIZES,
            column_choices=table.column_choices(),
            bulk_edit_url=reverse(cfg.url_name("bulk_edit")) if cfg.bulk_edit_form else None,
            add_url=reverse(cfg.url_name("add")),
            import_url=self.import_url(),
            export_links=has_action(request.user, "export")
            and [
                (f, "{}?{}{}={}".format(self.request.path, query + "&" if query else "", EXPORT_PARAM, f))
                for f in EXPORT_FORMATS
            ],
        )
        template = cfg.list_template or self.template_name
        if getattr(request, "htmx", False) and request.htmx.target == "object-table":
            template = "core/_table_block.html"
            ctx["export_oob"] = True
        return render(request, template, ctx)


class ObjectDetailView(ModelViewMixin, View):
    template_name = "core/object_detail.html"

    def get_extra_context(self, request, obj):
        return {}

    def scope_is_view_scope(self, request, action) -> bool:
        """Is the user's scope for ``action`` their view scope (as an org admin's is)? Then every
        record fetched in the view scope is in the action's scope too (the model's queryset
        decides: ``ScopedQuerySet.same_scope_as_view``)."""
        return self.model.objects.get_queryset().same_scope_as_view(request.user, action)

    def may(self, request, obj, action) -> bool:
        """May the user do ``action`` on ``obj`` (fetched in their view scope)?"""
        if self.scope_is_view_scope(request, action):
            return True
        return self.model.objects.restrict(request.user, action).filter(pk=obj.pk).exists()

    def get(self, request, pk):
        # The record's own foreign keys (shown among its fields) come with it: one query, not one
        # per related record.
        related = [
            f.name for f in self.model._meta.concrete_fields if f.editable and (f.many_to_one or f.one_to_one)
        ]
        obj = access_object(self.model, request.user, pk, "view", select_related=related)
        ctx = self.base_context(
            object=obj,
            fields=detail_fields(obj),
            edit_url=reverse(self.cfg.url_name("edit"), args=[obj.pk]),
            delete_url=reverse(self.cfg.url_name("delete"), args=[obj.pk]),
            history=ChangeLog.objects.filter(
                content_type=ContentType.objects.get_for_model(self.model), object_id=str(obj.pk)
            )[:20],
            can_change_this=self.may(request, obj, "change"),
            can_delete_this=self.may(request, obj, "delete"),
        )
        ctx.update(self.get_extra_context(request, obj))
        return render(request, self.cfg.detail_template or self.template_name, ctx)


def detail_fields(obj):
    """(label, display value) of the editable fields, sensitive ones masked."""
    out = []
    sensitive = set(getattr(obj, "sensitive_fields", ()))
    for f in obj._meta.concrete_fields:
        if not f.editable or f.name in ("id",):
            continue
        if f.name in sensitive:
            value = getattr(obj, "masked_" + f.name, "")
        elif f.choices:
            value = getattr(obj, f"get_{f.name}_display")()
        elif f.is_relation:
            value = getattr(obj, f.name)
        else:
            value = getattr(obj, f.name)
        out.append((f.verbose_name, value, f.name))
    return out


class ObjectEditView(ModelViewMixin, View):
    """Create (no pk) or edit (pk): the form's version field guards against stale saves."""

    template_name = "core/object_edit.html"

    def get_object(self, request, pk):
        if pk is None:
            if not has_action(request.user, "add"):
                raise Http404("not found")
            return self.model()
        return access_object(self.model, request.user, pk, "change")

    def get_form(self, request, obj, data=None):
        action = "change" if obj.pk else "add"
        initial = {k: v for k, v in request.GET.items() if k in self.cfg.form.base_fields}
        files = request.FILES if data is not None else None  # a model with a file field
        return self.cfg.form(data, files, instance=obj, user=request.user, action=action, initial=initial)

    def render_form(self, request, obj, form, status=200):
        ctx = self.base_context(object=obj, form=form, is_new=obj.pk is None)
        return render(request, "core/object_edit.html", ctx, status=status)

    def get(self, request, pk=None):
        obj = self.get_object(request, pk)
        return self.render_form(request, obj, self.get_form(request, obj))

    def save(self, request, form, obj):
        if obj.pk:
            return services.update_object(
                form.instance, actor=request.user, expected_version=form.cleaned_data.get("version")
            )
        return services.create_object(form.instance, actor=request.user)

    def post(self, request, pk=None):
        obj = self.get_object(request, pk)
        form = self.get_form(request, obj, request.POST)
        if form.is_valid():
            try:
                saved = self.save(request, form, obj)
            except services.StaleEditError as exc:
                form.add_error(None, str(exc))
                return self.render_form(request, obj, form, status=409)
            except ValidationError as exc:
                form.add_error(None, exc)
                return self.render_form(request, obj, form, status=400)
            messages.success(request, _("Saved: {}").format(saved))
            return HttpResponseRedirect(
                saved.get_absolute_url()
                if hasattr(saved, "get_absolute_url")
                else reverse(self.cfg.url_name("detail"), args=[saved.pk])
            )
        return self.render_form(request, obj, form, status=400)


class ObjectDeleteView(ModelViewMixin, View):
    template_name = "core/object_delete.html"

    def get(self, request, pk):
        obj = access_object(self.model, request.user, pk, "delete")
        return render(request, self.template_name, self.base_context(object=obj))

    def post(self, request, pk):
        obj = access_object(self.model, request.user, pk, "delete")
        try:
            services.delete_object(obj, actor=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return HttpResponseRedirect(reverse(self.cfg.url_name("detail"), args=[obj.pk]))
        messages.success(request, _("Moved to the recycle bin: {}").format(obj))
        # A record shown on its parent's page (a cadre's posts) goes back there.
        parent_url = getattr(obj, "parent_url", None)
        return HttpResponseRedirect(parent_url() if parent_url else reverse(self.cfg.url_name("list")))


class BulkEditView(ModelViewMixin, View):
    """Set the same fields on the selected records, all or nothing, each change audited."""

    template_name = "core/bulk_edit.html"

    def post(self, request):
        cfg = self.cfg
        if cfg.bulk_edit_form is None:
            raise Http404("not found")
        pks = [int(p) for p in request.POST.getlist("pk") if str(p).isdigit()]
        objects = list(self.model.objects.restrict(request.user, "change").filter(pk__in=pks))
        if len(objects) != len(set(pks)):
            raise Http404("not found")
        form = cfg.bulk_edit_form(
            request.POST if "_apply" in request.POST else None, user=request.user, initial={"pk": pks}
        )
        if "_apply" in request.POST and form.is_valid():
            changes = {k: v for k, v in form.cleaned_data.items() if k != "pk" and v not in (None, "")}
            try:
                with transaction.atomic():
                    for obj in objects:
                        for k, v in changes.items():
                            setattr(obj, k, v)
                        services.update_object(obj, actor=request.user)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    ngettext("{} record changed.", "{} records changed.", len(objects)).format(len(objects)),
                )
                return HttpResponseRedirect(reverse(cfg.url_name("list")))
        return render(request, self.template_name, self.base_context(form=form, objects=objects))


class RecycleBinView(LoginRequiredMixin, View):
    """Deleted rows of every registered model in the user's restore scope."""

    template_name = "core/recycle_bin.html"

    def get(self, request):
        if not has_action(request.user, "restore"):
            raise Http404("not found")
        groups = []
        for model in registry:
            if not hasattr(model, "deleted_at"):
                continue
            rows = list(
                model.all_objects.filter(deleted_at__isnull=False)
                .restrict(request.user, "restore")
                .order_by("-deleted_at")[:200]
            )
            if rows:
                groups.append(
                    {
                        "model": model,
                        "verbose_name": model._meta.verbose_name,
                        "rows": rows,
                        "ct": ContentType.objects.get_for_model(model).pk,
                    }
                )
        return render(request, self.template_name, {"groups": groups})


class RestoreView(LoginRequiredMixin, View):
    def post(self, request, ct, pk):
        try:
            model = ContentType.objects.get_for_id(ct).model_class()
        except ContentType.DoesNotExist:
            raise Http404("not found") from None
        if model not in registry:
            raise Http404("not found")
        obj = access_object(model, request.user, pk, "restore", include_deleted=True)
        if obj.deleted_at is None:
            raise Http404("not found")
        try:
            services.restore_object(obj, actor=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Restored: {}").format(obj))
        return HttpResponseRedirect(reverse("core:recycle_bin"))


class ChangeLogListView(LoginRequiredMixin, View):
    """The auditor's view of the log: filter by user, action, object type, date."""

    template_name = "core/changelog_list.html"

    def get(self, request):
        if not has_global_action(request.user, "view_audit"):
            raise PermissionDenied
        from orgwork.core.filters import ChangeLogFilterSet
        from orgwork.core.tables import ChangeLogTable

        fs = ChangeLogFilterSet(
            request.GET or None, queryset=ChangeLog.objects.select_related("content_type")
        )
        qs = fs.qs if fs.is_bound and fs.is_valid() else fs.queryset
        table = ChangeLogTable(qs)
        RequestConfig(request, paginate={"per_page": 50}).configure(table)
        return render(request, self.template_name, {"table": table, "filterset": fs})


# --- Autocomplete lookup ------------------------------------------------------------------------

LOOKUP_ACTIONS = {"view", "add", "change", "move"}
LOOKUP_LIMIT = 20


def _lookup_hint(obj):
    """A second line that tells two namesakes apart without revealing personal data."""
    from orgwork.orgs.models import Org
    from orgwork.people.models import Person

    if isinstance(obj, Person):
        parts = []
        if obj.birth_date:
            parts.append(f"{obj.birth_date.year}")
        if obj.registered_org_id:
            parts.append(str(obj.registered_org))
        return " · ".join(parts)
    if isinstance(obj, Org):
        return obj.code
    return ""


class LookupView(LoginRequiredMixin, View):
    """JSON for the autocomplete widget: at most 20 ``{id, text, hint}`` of a registered model,
    within the user's scope for ``action``, matched by the model's FilterSet search (``q``)."""

    def get(self, request, label):
        from django.http import JsonResponse

        model = next((m for m in registry if m._meta.label_lower == label), None)
        if model is None:
            raise Http404("not found")
        action = request.GET.get("action", "view")
        if action not in LOOKUP_ACTIONS:
            action = "view"
        q = request.GET.get("q", "").strip()[:50]
        qs = model.objects.restrict(request.user, action)
        if q:
            if model._meta.label_lower == "people.person":
                from orgwork.people.filters import person_search_q

                qs = qs.filter(person_search_q(q)).select_related("registered_org")
            else:
                fs = config_for(model).filterset({"q": q}, queryset=qs, request=request)
                qs = fs.qs if "q" in fs.filters and fs.is_valid() else qs.none()
        elif model._meta.label_lower == "people.person":
            qs = qs.select_related("registered_org")
        rows = [{"id": o.pk, "text": str(o), "hint": _lookup_hint(o)} for o in qs[:LOOKUP_LIMIT]]
        return JsonResponse({"results": rows})


def changelog_export_data(user, query: str):
    """The change log as the auditor's page filters it, for export (immediate or background)."""
    from orgwork.core.exports import ExportData, export_query
    from orgwork.core.filters import ChangeLogFilterSet

    if not has_global_action(user, "export_audit"):
        raise PermissionDenied
    params = QueryDict(query)
    fs = ChangeLogFilterSet(params or None, queryset=ChangeLog.objects.select_related("content_type"))
    qs = fs.qs if fs.is_bound and fs.is_valid() else fs.queryset
    qs = qs[: ChangeLogExportView.MAX_ROWS]
    headers = [
        _("Time"),
        _("User"),
        _("Action"),
        _("Object type"),
        _("Object"),
        _("Changes"),
        _("Note"),
        _("Request id"),
        "IP",
    ]

    def rows():
        for r in qs.iterator(chunk_size=2000):
            changes = "; ".join("{}: {} → {}".format(k, b, a) for k, b, a in r.changed_fields)
            yield [
                r.time,
                r.user_name,
                r.get_action_display(),
                str(r.content_type or ""),
                r.object_repr,
                changes,
                r.note,
                r.request_id,
                r.ip,
            ]

    return ExportData(
        source="core.changelog",
        query=export_query(params),
        title=_("Audit log"),
        filename=_("audit-log-{}").format(timezone.localdate().isoformat()),
        headers=headers,
        rows=rows,
        count=qs.count,
        widths=[20, 14, 12, 14, 24, 60, 30, 38, 16],
    )


class ChangeLogExportView(LoginRequiredMixin, View):
    """The auditor exports what the log page shows (same filters) as xlsx or csv, through the
    export machinery of the lists (``core.exports``): long exports become a background job, and
    the export itself is logged with its filter and row count."""

    MAX_ROWS = 100_000

    def get(self, request):
        from orgwork.core import exports

        if not has_global_action(request.user, "export_audit"):
            raise PermissionDenied
        fmt = "csv" if request.GET.get("format") == "csv" else "xlsx"
        data = changelog_export_data(request.user, exports.export_query(request.GET))
        if exports.jobs_available() and data.count() > exports.job_threshold():
            job = exports.start_export_job(request, data.source, data.query, fmt, _("Export: audit log"))
            return HttpResponseRedirect(job.get_absolute_url())
        return exports.export_response(data, fmt, user=request.user)


def _register_export_sources():
    from orgwork.core.exports import export_source

    export_source("core.changelog")(changelog_export_data)


_register_export_sources()


def _error_page(request, status, title, text):
    return render(
        request,
        "core/error_page.html",
        {"error_code": status, "error_title": title, "error_text": text},
        status=status,
    )


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a form sent without a valid token (an old tab, a page left open past the
    session, or a request forged by another site) is refused in words the user can act on."""
    return _error_page(
        request,
        403,
        _("The form has expired"),
        _(
            "The page was open too long or the request did not come from this system, so nothing was "
            "saved. Reload the page and submit it again."
        ),
    )


def permission_denied(request, exception=None):
    return _error_page(
        request,
        403,
        _("No permission"),
        _("You may not do this here. If you need to, ask your system administrator for the role."),
    )


def page_not_found(request, exception=None):
    # The same page for "missing" and "outside your scope" (scope.access_object gives both as 404).
    return _error_page(
        request,
        404,
        _("Page not found"),
        _("The page does not exist, or it is outside the part of the organization tree you may see."),
    )
