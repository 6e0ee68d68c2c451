"""Pages of grassroots work: the generic pages of every model (registered here), the 先锋365
completion view, household coverage, the action-branch dashboard, health-check scoring and
ranking, and the secretary project page with its review and evidence files."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views import View

from orgwork.accounts.scope import access_object, has_action, scope_prefixes
from orgwork.core.exports import audit_export
from orgwork.core.figures import cached_figures
from orgwork.core.paths import STEP
from orgwork.core.registry import register
from orgwork.core.services import StaleEditError
from orgwork.core.views import ObjectDetailView
from orgwork.grassroots import filters as fs
from orgwork.grassroots import forms as fm
from orgwork.grassroots import importers as imp
from orgwork.grassroots import models as m
from orgwork.grassroots import services, tables
from orgwork.grassroots.api import serializers as sz
from orgwork.grassroots.choices import CheckPeriod
from orgwork.orgs.models import Org

__all__ = [
    "PledgeCompletionView",
    "QuickDeedView",
    "HouseholdCoverageView",
    "ActionBranchDashboardView",
    "HealthRankingView",
    "HealthCheckScoreView",
    "HealthCheckFlagView",
    "HealthCheckRectifiedView",
    "ProjectReviewView",
    "EvidenceUploadView",
    "EvidenceDownloadView",
]

_REG = [
    (
        m.PledgeItem,
        fs.PledgeItemFilterSet,
        tables.PledgeItemTable,
        fm.PledgeItemForm,
        sz.PledgeItemSerializer,
        "pledge-items",
        imp.PledgeItemImporter,
    ),
    (
        m.PledgeRole,
        fs.PledgeRoleFilterSet,
        tables.PledgeRoleTable,
        fm.PledgeRoleForm,
        sz.PledgeRoleSerializer,
        "pledge-roles",
        imp.PledgeRoleImporter,
    ),
    (m.Deed, fs.DeedFilterSet, tables.DeedTable, fm.DeedForm, sz.DeedSerializer, "deeds", imp.DeedImporter),
    (
        m.Household,
        fs.HouseholdFilterSet,
        tables.HouseholdTable,
        fm.HouseholdForm,
        sz.HouseholdSerializer,
        "households",
        imp.HouseholdImporter,
    ),
    (
        m.Pairing,
        fs.PairingFilterSet,
        tables.PairingTable,
        fm.PairingForm,
        sz.PairingSerializer,
        "pairings",
        imp.PairingImporter,
    ),
    (
        m.Visit,
        fs.VisitFilterSet,
        tables.VisitTable,
        fm.VisitForm,
        sz.VisitSerializer,
        "visits",
        imp.VisitImporter,
    ),
    (
        m.ActionBranch,
        fs.ActionBranchFilterSet,
        tables.ActionBranchTable,
        fm.ActionBranchForm,
        sz.ActionBranchSerializer,
        "action-branches",
        imp.ActionBranchImporter,
    ),
    (
        m.ActionBranchMember,
        fs.ActionBranchMemberFilterSet,
        tables.ActionBranchMemberTable,
        fm.ActionBranchMemberForm,
        sz.ActionBranchMemberSerializer,
        "action-branch-members",
        imp.ActionBranchMemberImporter,
    ),
    (
        m.ActionActivity,
        fs.ActionActivityFilterSet,
        tables.ActionActivityTable,
        fm.ActionActivityForm,
        sz.ActionActivitySerializer,
        "action-activities",
        imp.ActionActivityImporter,
    ),
    (
        m.SecretaryProject,
        fs.SecretaryProjectFilterSet,
        tables.SecretaryProjectTable,
        fm.SecretaryProjectForm,
        sz.SecretaryProjectSerializer,
        "secretary-projects",
        imp.SecretaryProjectImporter,
    ),
    (
        m.ProjectMilestone,
        fs.ProjectMilestoneFilterSet,
        tables.ProjectMilestoneTable,
        fm.ProjectMilestoneForm,
        sz.ProjectMilestoneSerializer,
        "project-milestones",
        imp.ProjectMilestoneImporter,
    ),
    (
        m.ProjectEvidence,
        fs.ProjectEvidenceFilterSet,
        tables.ProjectEvidenceTable,
        fm.ProjectEvidenceForm,
        sz.ProjectEvidenceSerializer,
        "project-evidence",
        None,
    ),
    (
        m.HealthCheckItem,
        fs.HealthCheckItemFilterSet,
        tables.HealthCheckItemTable,
        fm.HealthCheckItemForm,
        sz.HealthCheckItemSerializer,
        "health-check-items",
        imp.HealthCheckItemImporter,
    ),
    (
        m.HealthCheck,
        fs.HealthCheckFilterSet,
        tables.HealthCheckTable,
        fm.HealthCheckForm,
        sz.HealthCheckSerializer,
        "health-checks",
        imp.HealthCheckImporter,
    ),
]

# URL plural of each model (also its API path).
PLURALS = {}
for _model, _filterset, _table, _form, _serializer, _plural, _importer in _REG:
    register(
        _model,
        filterset=_filterset,
        table=_table,
        form=_form,
        serializer=_serializer,
        api_path=_plural,
        importer=_importer,
        detail_template="grassroots/{}_detail.html".format(_model._meta.model_name)
        if _model in (m.Household, m.Pairing, m.ActionBranch, m.SecretaryProject, m.HealthCheck)
        else None,
    )
    PLURALS[_model] = _plural


# --- helpers ----------------------------------------------------------------------------------------


def chosen_org(request, action="view"):
    """The org named by ``?org=`` if it is in the user's scope, else the user's first scope root."""
    value = request.GET.get("org", "") or request.POST.get("org", "")
    qs = Org.objects.restrict(request.user, action)
    if value.isdigit():
        org = qs.filter(pk=int(value)).first()
        if org is not None:
            return org
    prefixes = scope_prefixes(request.user, action)
    org = Org.objects.filter(path__in=prefixes).order_by("path").first()
    if org is None:
        raise Http404("not found")
    return org


def up_org(request, org):
    """The parent of ``org`` when the user may see it (for the dashboards' “up one level”)."""
    if org.parent_id and has_action(request.user, "view", org.path[:-STEP]):
        return org.parent
    return None


def _int(value, default):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _date(value, default):
    try:
        return date.fromisoformat(value or "")
    except ValueError:
        return default


def _workbook(title, headers, rows, widths=None):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    ws.append(headers)
    for c in ws[1]:
        c.font = Font(bold=True)
    for r in rows:
        ws.append([str(v) if isinstance(v, Promise) else v for v in r])
    for i, w in enumerate(widths or [], 1):
        ws.column_dimensions[chr(64 + i)].width = w
    ws.freeze_panes = "A2"
    return wb


def _xlsx(request, name, title, headers, rows, widths=None):
    from orgwork.orgs.views import workbook_response

    if not has_action(request.user, "export"):
        raise Http404("not found")
    wb = _workbook(title, headers, rows, widths)
    audit_export(request.user, "grassroots." + name, urlencode(request.GET), "xlsx", len(rows))
    return workbook_response(wb, "{}-{}".format(title, timezone.localdate().isoformat()))


# --- 先锋365 completion -----------------------------------------------------------------------------


class PledgeCompletionView(LoginRequiredMixin, View):
    """Completion of the pledges of a branch or a subtree: rates per item and per subordinate org,
    the members behind, and the households in the coverage check; ``?_export=xlsx`` gives the
    members behind as a sheet."""

    def get(self, request):
        org = chosen_org(request)
        today = timezone.localdate()
        year = _int(request.GET.get("year"), today.year)
        as_of = _date(request.GET.get("as_of"), today if year == today.year else date(year, 12, 31))
        # Cached per data generation (core.figures): any change anywhere recomputes; a page of a
        # district recomputes tens of thousands of members' pledges otherwise.
        key = "{}:{}:{}".format(org.pk, year, as_of.isoformat())
        if request.GET.get("_export") == "xlsx":
            c = services.pledge_completion(org, year, as_of)
            headers = [
                _("Member"),
                pgettext("grassroots", "Organization"),
                pgettext("grassroots", "Category"),
                _("Items not reached"),
                _("Households not visited this quarter"),
            ]
            cats = dict(services_member_category_labels())
            rows = [
                (r.name, r.org_name, cats.get(r.category, r.category), "、".join(r.missing), r.unvisited)
                for r in c.behind
            ]
            return _xlsx(
                request,
                "pledges.behind",
                _("members-behind-{}").format(year),
                headers,
                rows,
                [12, 36, 16, 50, 16],
            )
        c = cached_figures(
            "grassroots.pledges:" + key,
            lambda: services.pledge_completion(org, year, as_of, behind_limit=200),
        )
        can_add = has_action(request.user, "add", org.path)
        members = []
        if can_add and c.members <= 300:
            members = services.party_members(org.path).only("pk", "name").order_by("name_pinyin")
        form = fm.QuickDeedForm(
            members=members, items=c.items, initial={"done_on": min(today, date(year, 12, 31))}
        )
        ctx = {
            "org": org,
            "up_org": up_org(request, org),
            "year": year,
            "as_of": as_of,
            "c": c,
            "behind": c.behind,
            "unpaired": cached_figures(
                "grassroots.unpaired:" + key, lambda: services.unpaired_households(org.path, as_of).count()
            ),
            "unvisited": cached_figures(
                "grassroots.unvisited:" + key,
                lambda: services.households_not_visited(org.path, as_of).count(),
            ),
            "form": form if can_add else None,
            "search_members": can_add and c.members > 300,
            "years": list(range(today.year, today.year - 5, -1)),
            "export_url": "?"
            + urlencode({"org": org.pk, "year": year, "as_of": as_of.isoformat(), "_export": "xlsx"})
            if has_action(request.user, "export")
            else None,
            "categories": dict(services_member_category_labels()),
        }
        return render(request, "grassroots/pledge_completion.html", ctx)


def services_member_category_labels():
    from orgwork.grassroots.choices import MemberCategory

    return MemberCategory.choices


class QuickDeedView(LoginRequiredMixin, View):
    """POST from the completion page: record a deed for a member of the org's subtree."""

    def post(self, request):
        org = chosen_org(request, "add")
        year = _int(request.POST.get("year"), timezone.localdate().year)
        items = services.pledge_items_for(org, year)
        members = services.party_members(org.path)
        form = fm.QuickDeedForm(request.POST, members=members.only("pk", "name")[:300], items=items)
        back = "{}?{}".format(
            reverse("grassroots:pledge_completion"), urlencode({"org": org.pk, "year": year})
        )
        if not form.is_valid():
            fm.deed_not_recorded(request, form)
            return HttpResponseRedirect(back)
        person = members.filter(pk=form.cleaned_data["person"]).first()
        if person is None:
            raise Http404("not found")
        branch = person.registered_org if has_action(request.user, "add", person.registered_org.path) else org
        try:
            services.record_deed(
                person=person,
                item_code=form.cleaned_data["item_code"],
                done_on=form.cleaned_data["done_on"],
                description=form.cleaned_data["description"],
                org=branch,
                actor=request.user,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Deed recorded for {}.").format(person.name))
        return HttpResponseRedirect(back)


class HouseholdCoverageView(LoginRequiredMixin, View):
    """全区困难家庭挂钩帮扶全覆盖: households with no pairing, and paired ones not visited this quarter."""

    def get(self, request):
        org = chosen_org(request)
        as_of = _date(request.GET.get("as_of"), timezone.localdate())
        unpaired = (
            services.unpaired_households(org.path, as_of)
            .select_related("org")
            .order_by("org_path", "head_name")
        )
        unvisited = (
            services.households_not_visited(org.path, as_of)
            .select_related("org")
            .order_by("org_path", "head_name")
        )
        which = request.GET.get("_export")
        if which in ("unpaired", "unvisited"):
            qs = unpaired if which == "unpaired" else unvisited
            headers = [
                _("Head of household"),
                pgettext("grassroots", "Organization"),
                _("Difficulty"),
                _("Address"),
            ]
            rows = [(h.head_name, h.org.name, h.get_difficulty_display(), h.address) for h in qs]
            title = _("households-unpaired") if which == "unpaired" else _("households-not-visited")
            return _xlsx(request, "households." + which, title, headers, rows, [14, 36, 20, 40])
        total = services._active_households(org.path, as_of).count()
        q0, q1 = services.rules.quarter_bounds(as_of)
        base = {"org": org.pk, "as_of": as_of.isoformat()}
        ctx = {
            "org": org,
            "up_org": up_org(request, org),
            "as_of": as_of,
            "quarter": (q0, q1),
            "total": total,
            "unpaired_count": unpaired.count(),
            "unvisited_count": unvisited.count(),
            "unpaired": unpaired[:500],
            "unvisited": unvisited[:500],
            "can_export": has_action(request.user, "export"),
            "export_unpaired": "?" + urlencode({**base, "_export": "unpaired"}),
            "export_unvisited": "?" + urlencode({**base, "_export": "unvisited"}),
        }
        return render(request, "grassroots/household_coverage.html", ctx)


class ActionBranchDashboardView(LoginRequiredMixin, View):
    """Action branches of the subtree: how many, by type, activities and people served in the year."""

    def get(self, request):
        org = chosen_org(request)
        today = timezone.localdate()
        year = None if request.GET.get("year") == "all" else _int(request.GET.get("year"), today.year)
        d = cached_figures(
            "grassroots.action:{}:{}".format(org.pk, year),
            lambda: services.action_branch_dashboard(org, year),
        )
        chart = {
            "labels": [k for k, _n, _s in d["by_kind"]],
            "branches": [n for _k, n, _s in d["by_kind"]],
            "served": [s for _k, _n, s in d["by_kind"]],
        }
        return render(
            request,
            "grassroots/action_branch_dashboard.html",
            {
                "org": org,
                "up_org": up_org(request, org),
                "year": year,
                "d": d,
                "chart": chart,
                "years": list(range(today.year, today.year - 5, -1)),
            },
        )


# --- 党建体检 ---------------------------------------------------------------------------------------


class HealthRankingView(LoginRequiredMixin, View):
    """The subtree's health checks of a period ranked by total, and the weak orgs under rectification."""

    def get(self, request):
        org = chosen_org(request)
        today = timezone.localdate()
        year = _int(request.GET.get("year"), today.year)
        period = request.GET.get("period") or CheckPeriod.YEAR
        if period not in CheckPeriod.values:
            period = CheckPeriod.YEAR
        data = services.health_ranking(
            org, year, period, visible=m.HealthCheck.objects.restrict(request.user, "view")
        )
        if request.GET.get("_export") == "xlsx":
            headers = [
                _("Rank"),
                pgettext("grassroots", "Organization"),
                _("Total score"),
                _("Weak organization"),
                _("Rectify by"),
            ]
            rows = [
                (rank, r.org.name, float(r.total), _("yes") if r.weak else "", r.rectify_by)
                for rank, r in data["ranked"]
            ]
            return _xlsx(
                request,
                "health.ranking",
                _("health-ranking-{}").format(year),
                headers,
                rows,
                [8, 40, 12, 12, 14],
            )
        return render(
            request,
            "grassroots/health_ranking.html",
            {
                "org": org,
                "up_org": up_org(request, org),
                "year": year,
                "period": period,
                "periods": CheckPeriod.choices,
                "years": list(range(today.year, today.year - 5, -1)),
                "today": today,
                "threshold": services.rules.weak_threshold(),
                **data,
                "ranked": data["ranked"][:500],
                "export_url": "?"
                + urlencode({"org": org.pk, "year": year, "period": period, "_export": "xlsx"}),
            },
        )


class HealthCheckDetailView(ObjectDetailView):
    model = m.HealthCheck

    def get_extra_context(self, request, obj):
        items = services.health_items_for(obj.org)
        rows = [(i, obj.scores.get(i.code), obj.evidence.get(i.code, "")) for i in items]
        return {
            "items": rows,
            "threshold": services.rules.weak_threshold(),
            "flag_form": fm.FlagWeakForm(
                initial={
                    "flagged_on": timezone.localdate(),
                    "workdays": services.rules.rectification_workdays(),
                }
            ),
            "rectified_form": fm.RectifiedForm(initial={"rectified_on": timezone.localdate()}),
        }


class HealthCheckScoreView(LoginRequiredMixin, View):
    """Score each item of the checklist (0–100) with its evidence."""

    def get(self, request, pk, errors=None):
        check = access_object(m.HealthCheck, request.user, pk, "change")
        items = services.health_items_for(check.org)
        rows = [
            (
                i,
                request.POST.get("score_" + i.code, check.scores.get(i.code, "")),
                request.POST.get("evidence_" + i.code, check.evidence.get(i.code, "")),
            )
            for i in items
        ]
        return render(
            request,
            "grassroots/healthcheck_score.html",
            {"object": check, "rows": rows, "errors": errors or []},
            status=400 if errors else 200,
        )

    def post(self, request, pk):
        check = access_object(m.HealthCheck, request.user, pk, "change")
        items = services.health_items_for(check.org)
        scores = {i.code: request.POST.get("score_" + i.code, "").strip() for i in items}
        evidence = {i.code: request.POST.get("evidence_" + i.code, "").strip() for i in items}
        try:
            for v in scores.values():
                if v:
                    float(v)
            services.score_health_check(
                check,
                scores=scores,
                evidence=evidence,
                actor=request.user,
                expected_version=request.POST.get("version"),
            )
        except ValueError:
            return self.get(request, pk, errors=[_("Enter numbers between 0 and 100.")])
        except (ValidationError, StaleEditError) as exc:
            return self.get(request, pk, errors=getattr(exc, "messages", [str(exc)]))
        messages.success(request, _("Scores saved."))
        return HttpResponseRedirect(check.get_absolute_url())


class HealthCheckFlagView(LoginRequiredMixin, View):
    def post(self, request, pk):
        check = access_object(m.HealthCheck, request.user, pk, "change")
        form = fm.FlagWeakForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.flag_weak(
                    check,
                    reason=d["reason"],
                    plan=d["plan"],
                    flagged_on=d["flagged_on"],
                    workdays=d["workdays"],
                    actor=request.user,
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("Flagged as a weak organization."))
        else:
            messages.error(request, _("Give the reason, the plan, the date and the working days allowed."))
        return HttpResponseRedirect(check.get_absolute_url())


class HealthCheckRectifiedView(LoginRequiredMixin, View):
    def post(self, request, pk):
        check = access_object(m.HealthCheck, request.user, pk, "change")
        form = fm.RectifiedForm(request.POST)
        if form.is_valid():
            try:
                services.mark_rectified(
                    check, rectified_on=form.cleaned_data["rectified_on"], actor=request.user
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("Rectification recorded."))
        return HttpResponseRedirect(check.get_absolute_url())


# --- detail pages with their parts ------------------------------------------------------------------


class HouseholdDetailView(ObjectDetailView):
    model = m.Household

    def get_extra_context(self, request, obj):
        pairings = m.Pairing.objects.filter(household=obj).select_related("person").order_by("-started_on")
        visits = (
            m.Visit.objects.filter(pairing__household=obj)
            .select_related("pairing__person")
            .order_by("-visited_on")[:50]
        )
        return {"pairings": pairings, "visits": visits}


class PairingDetailView(ObjectDetailView):
    model = m.Pairing

    def get_extra_context(self, request, obj):
        q0, q1 = services.rules.quarter_bounds(timezone.localdate())
        visits = list(obj.visits.order_by("-visited_on"))
        return {
            "visits": visits,
            "visited_this_quarter": any(q0 <= v.visited_on <= q1 for v in visits),
            "quarter": (q0, q1),
        }


class ActionBranchDetailView(ObjectDetailView):
    model = m.ActionBranch

    def get_extra_context(self, request, obj):
        from django.db.models import Count, Sum

        members = obj.members.select_related("person", "home_org").order_by("id")
        activities = obj.activities.order_by("-held_on")[:100]
        totals = obj.activities.aggregate(n=Count("id"), served=Sum("served_count"))
        homes = obj.members.values("home_org").distinct().count()
        return {"members": members, "activities": activities, "totals": totals, "homes": homes}


class SecretaryProjectDetailView(ObjectDetailView):
    model = m.SecretaryProject

    def get_extra_context(self, request, obj):
        done, total, pct = services.project_progress(obj)
        can_change = m.SecretaryProject.objects.restrict(request.user, "change").filter(pk=obj.pk).exists()
        return {
            "milestones": obj.milestones.order_by("due_on", "id"),
            "evidence": obj.evidence.order_by("id"),
            "progress": (done, total, pct),
            "review_form": fm.ReviewForm(
                initial={
                    "grade": obj.review_grade,
                    "reviewed_on": obj.reviewed_on or timezone.localdate(),
                    "notes": obj.review_notes,
                    "version": obj.version,
                }
            )
            if can_change
            else None,
            "upload_form": fm.EvidenceUploadForm() if can_change else None,
            "today": timezone.localdate(),
        }


class ProjectReviewView(LoginRequiredMixin, View):
    def post(self, request, pk):
        project = access_object(m.SecretaryProject, request.user, pk, "change")
        form = fm.ReviewForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.review_project(
                    project,
                    grade=d["grade"],
                    notes=d["notes"],
                    reviewed_on=d["reviewed_on"],
                    actor=request.user,
                    expected_version=d["version"],
                )
            except StaleEditError as exc:
                messages.error(request, str(exc))
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("Annual review saved."))
        else:
            messages.error(request, _("Choose a grade and give the date of the review."))
        return HttpResponseRedirect(project.get_absolute_url())


class EvidenceUploadView(LoginRequiredMixin, View):
    """Upload an evidence file to a project: checked type and size, stored under a random name
    outside the web root."""

    def post(self, request, pk):
        from orgwork.core.services import create_object

        project = access_object(m.SecretaryProject, request.user, pk, "change")
        if not has_action(request.user, "add", project.org_path):
            raise Http404("not found")
        form = fm.EvidenceUploadForm(request.POST, request.FILES)
        if form.is_valid():
            f = form.cleaned_data["file"]
            ev = m.ProjectEvidence(project=project, title=form.cleaned_data["title"])
            ev.store(f)
            create_object(ev, actor=request.user)
            messages.success(request, _("Evidence uploaded."))
        else:
            messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return HttpResponseRedirect(project.get_absolute_url())


class EvidenceDownloadView(LoginRequiredMixin, View):
    """An evidence file, for users who may see the project (same 404 for missing and forbidden)."""

    def get(self, request, pk):
        ev = access_object(m.ProjectEvidence, request.user, pk, "view")
        if not ev.has_file:
            raise Http404("not found")
        try:
            handle = ev.open_file()
        except FileNotFoundError:
            raise Http404("not found") from None
        response = FileResponse(handle, as_attachment=True, filename=ev.original_name or "evidence")
        response["Content-Type"] = "application/octet-stream"
        response["X-Content-Type-Options"] = "nosniff"
        return response


DETAIL_VIEWS = {
    m.Household: HouseholdDetailView,
    m.Pairing: PairingDetailView,
    m.ActionBranch: ActionBranchDetailView,
    m.SecretaryProject: SecretaryProjectDetailView,
    m.HealthCheck: HealthCheckDetailView,
}
