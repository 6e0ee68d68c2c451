"""Pages of the org tree: navigator, org detail with team and statistics, terms due, move."""

import functools
from datetime import date

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from orgwork.accounts.scope import access_object, has_action, scope_prefixes
from orgwork.core.exports import XLSX_TYPE, audit_export, export_query
from orgwork.core.paths import subtrees_q
from orgwork.core.registry import register
from orgwork.core.views import ObjectDetailView, ObjectEditView
from orgwork.orgs import services
from orgwork.orgs.api.serializers import OrgSerializer, TeamSeatSerializer, TermSerializer
from orgwork.orgs.filters import OrgFilterSet, TeamSeatFilterSet, TermFilterSet
from orgwork.orgs.forms import OrgBulkEditForm, OrgForm, OrgMoveForm, TeamSeatForm, TermForm
from orgwork.orgs.importers import OrgImporter, TeamSeatImporter, TermImporter
from orgwork.orgs.models import Org, TeamSeat, Term
from orgwork.orgs.tables import OrgTable, TeamSeatTable, TermTable

__all__ = [
    "OrgTreeView",
    "OrgChildrenView",
    "OrgDetailView",
    "OrgMoveView",
    "TermsDueView",
    "OrgEditView",
    "OrgStatsExportView",
]

register(
    Org,
    filterset=OrgFilterSet,
    table=OrgTable,
    form=OrgForm,
    bulk_edit_form=OrgBulkEditForm,
    detail_template="orgs/org_detail.html",
    serializer=OrgSerializer,
    importer=OrgImporter,
)
register(
    Term,
    filterset=TermFilterSet,
    table=TermTable,
    form=TermForm,
    serializer=TermSerializer,
    importer=TermImporter,
)
register(
    TeamSeat,
    filterset=TeamSeatFilterSet,
    table=TeamSeatTable,
    form=TeamSeatForm,
    serializer=TeamSeatSerializer,
    api_path="seats",
    importer=TeamSeatImporter,
)


@functools.cache
def role_rank():
    """The rank of a seat's role (SEAT_ROLE_RANK) as an SQL expression. Built once: Django hashes
    an expression by inspecting its constructor's signature, which for these twenty When()s was a
    fifth of the org page's time; querysets copy an expression before using it, never change it."""
    from django.db.models import Case, IntegerField, Value, When

    from orgwork.orgs.choices import SEAT_ROLE_RANK

    return Case(
        *[When(role=r, then=Value(n)) for r, n in SEAT_ROLE_RANK.items()],
        default=Value(9),
        output_field=IntegerField(),
    )


def _with_has_children(qs):
    return qs.annotate(has_children=Exists(Org.objects.filter(parent=OuterRef("pk"))))


class OrgTreeView(LoginRequiredMixin, View):
    """The roots of the user's scope; children load on demand."""

    def get(self, request):
        prefixes = scope_prefixes(request.user, "view")
        roots = _with_has_children(Org.objects.filter(path__in=prefixes)).order_by("path")
        return render(request, "orgs/org_tree.html", {"roots": roots})


class OrgChildrenView(LoginRequiredMixin, View):
    """htmx fragment: the children of one node (its own 404 when out of scope)."""

    def get(self, request, pk):
        org = access_object(Org, request.user, pk, "view")
        children = _with_has_children(Org.objects.filter(parent=org)).order_by("position", "path")
        return render(request, "orgs/_tree_children.html", {"nodes": children, "parent": org})


def _as_of(request):
    try:
        return date.fromisoformat(request.GET.get("as_of", ""))
    except ValueError:
        return timezone.localdate()


class OrgDetailView(ObjectDetailView):
    model = Org

    def get_extra_context(self, request, obj):
        as_of = _as_of(request)
        figures = services.subtree_figures(obj, as_of)
        team = (
            TeamSeat.objects.filter(org=obj, started_on__lte=as_of)
            .exclude(ended_on__lte=as_of)
            .select_related("person")
            .annotate(role_rank=role_rank())
            .order_by("team", "role_rank", "started_on", "person__name_pinyin")
        )
        terms = Term.objects.filter(org=obj).order_by("-number")
        return {
            "ancestors": obj.ancestors(),
            "as_of": as_of,
            "stats": figures["stats"],
            "village_stats": figures["village_stats"],
            "counts": figures["counts"],
            "team": team,
            "terms": [(t, services.term_status(t)) for t in terms],
            "children": Org.objects.filter(parent=obj).order_by("position", "path")[:200],
            "can_move": has_action(request.user, "move", obj.path),
            "can_export": has_action(request.user, "export", obj.path),
        }


class OrgMoveView(LoginRequiredMixin, View):
    def get(self, request, pk):
        org = access_object(Org, request.user, pk, "move")
        form = OrgMoveForm(user=request.user, org=org, initial={"version": org.version})
        return render(request, "orgs/org_move.html", {"object": org, "form": form})

    def post(self, request, pk):
        org = access_object(Org, request.user, pk, "move")
        form = OrgMoveForm(request.POST, user=request.user, org=org)
        if form.is_valid():
            if form.cleaned_data["version"] != org.version:
                form.add_error(
                    None,
                    _("Somebody else has changed this organization. Please reload the page and try again."),
                )
            else:
                try:
                    services.move_org(org, form.cleaned_data["new_parent"], actor=request.user)
                except ValidationError as exc:
                    form.add_error(None, exc)
                else:
                    messages.success(request, _("Moved: {}").format(org))
                    return HttpResponseRedirect(org.get_absolute_url())
        return render(request, "orgs/org_move.html", {"object": org, "form": form}, status=400)


class OrgEditView(ObjectEditView):
    """Creating an org allocates its path (orgs.services.create_org)."""

    model = Org

    def save(self, request, form, obj):
        if obj.pk:
            return super().save(request, form, obj)
        return services.create_org(form.instance, actor=request.user)


class TermsDueView(LoginRequiredMixin, View):
    """Current terms ending within 6 months, and overdue ones, in the user's scope;
    ``?_export=xlsx`` gives the same list (same filters, every row) as a printable report sheet."""

    def get(self, request):
        qs = Term.objects.restrict(request.user, "view")
        fs = TermFilterSet(request.GET or None, queryset=qs, request=request)
        qs = fs.qs if fs.is_bound and fs.is_valid() else qs
        if request.GET.get("_export") == "xlsx":
            return self.export(request, fs, qs)
        from django.core.paginator import Paginator

        # Counts reused on the same data (core.figures.cached_count; the SQL carries the dates).
        due = services.terms_due(qs).with_cached_count()
        # Fifty a page with the true total: a city has thousands due, and rendering them all
        # at once cost most of the page's time. The page's orgs are fetched for its 50 terms:
        # joined to the query, PostgreSQL hashed all 20,000 orgs before sorting (11 ms → 3 ms).
        page = Paginator(due.select_related(None).prefetch_related("org"), 50).get_page(
            request.GET.get("page")
        )
        rows = [(t, services.term_status(t)) for t in page.object_list]
        query = export_query(request.GET)
        export_url = "{}?{}{}_export=xlsx".format(request.path, query, "&" if query else "")
        return render(
            request,
            "orgs/terms_due.html",
            {
                "rows": rows,
                "page": page,
                "overdue": due.filter(ends_on__lt=timezone.localdate()).count()
                if page.paginator.count
                else 0,
                "filterset": fs,
                "export_url": export_url if has_action(request.user, "export") else None,
            },
        )

    def export(self, request, fs, qs):
        from orgwork.orgs.reports import terms_due_report

        if not has_action(request.user, "export"):
            raise PermissionDenied
        qs = qs.filter(subtrees_q(scope_prefixes(request.user, "export"), "org_path"))
        within = fs.form.cleaned_data.get("within") if fs.is_bound and fs.is_valid() else None
        scope_name = within.name if within else _("all organizations in my scope")
        today = timezone.localdate()
        wb, n = terms_due_report(qs, scope_name, today)
        audit_export(request.user, "orgs.term.due", export_query(request.GET), "xlsx", n)
        return workbook_response(wb, _("terms-due-{}").format(today.isoformat()))


class OrgStatsExportView(LoginRequiredMixin, View):
    """The org page's team-structure statistics as a printable report sheet: one row per
    subordinate org, the org's own team, and the overall figures, on ``as_of``."""

    def get(self, request, pk):
        from orgwork.orgs.reports import team_stats_report

        org = access_object(Org, request.user, pk, "view")
        if not has_action(request.user, "export", org.path):
            raise PermissionDenied
        as_of = _as_of(request)
        wb, n = team_stats_report(org, as_of)
        audit_export(request.user, "orgs.org.stats", export_query(request.GET), "xlsx", n, obj=org)
        return workbook_response(wb, _("team-structure-{}-{}").format(org.name, as_of.isoformat()))


def workbook_response(wb, filename):
    import io
    from urllib.parse import quote

    from django.http import HttpResponse

    buf = io.BytesIO()
    wb.save(buf)
    response = HttpResponse(buf.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = "attachment; filename*=UTF-8''{}".format(quote(filename + ".xlsx"))
    return response
