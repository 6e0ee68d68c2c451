"""Pages of cadre work: the generic pages of every registered model, plus the cadre's page with its
records and radar chart, the printable growth archive, the appointment form (Word) and ``.lrmx``
export/import, the vacancy's eligibility list, the cohort dashboard and the assignment batch."""

from collections import Counter, defaultdict
from datetime import date

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.views import View

from orgwork.accounts.scope import access_object, has_action
from orgwork.cadres import filters, forms, rules, selection, services, tables
from orgwork.cadres.api.serializers import serializer_for
from orgwork.cadres.choices import RANK_LEVEL, ProbationResult
from orgwork.cadres.models import (
    Appointment,
    Appraisal,
    ArchiveNote,
    Assignment,
    AssignmentBatch,
    Cadre,
    CadrePost,
    CohortTarget,
    ContestResult,
    Education,
    Evaluation,
    FamilyMember,
    ReserveEntry,
    RewardSanction,
    Vacancy,
)
from orgwork.core.audit import record_event
from orgwork.core.models import ChangeLogAction
from orgwork.core.paths import subtree_q
from orgwork.core.registry import register
from orgwork.core.views import ObjectDetailView, ObjectListView
from orgwork.orgs.models import Org

__all__ = [
    "CadreListView",
    "CadreDetailView",
    "ArchiveView",
    "AppointmentFormView",
    "LrmxExportView",
    "LrmxImportView",
    "VacancyDetailView",
    "DashboardView",
    "AssignmentBatchDetailView",
    "AppointmentDetailView",
    "AppointVerbView",
    "ProbationVerbView",
]

_MODELS = [
    (Cadre, "cadres", "cadres/cadre_detail.html"),
    (CadrePost, "posts", None),
    (Education, "educations", None),
    (Appraisal, "appraisals", None),
    (RewardSanction, "rewards-sanctions", None),
    (FamilyMember, "family-members", None),
    (ReserveEntry, "reserve-entries", None),
    (CohortTarget, "cohort-targets", None),
    (Evaluation, "evaluations", None),
    (AssignmentBatch, "assignment-batches", "cadres/assignmentbatch_detail.html"),
    (Assignment, "assignments", None),
    (ContestResult, "contest-results", None),
    (ArchiveNote, "archive-notes", None),
    (Vacancy, "vacancies", "cadres/vacancy_detail.html"),
    (Appointment, "appointments", "cadres/appointment_detail.html"),
]
for _model, _plural, _template in _MODELS:
    _name = _model.__name__
    register(
        _model,
        filterset=getattr(filters, _name + "FilterSet"),
        table=getattr(tables, _name + "Table"),
        form=getattr(forms, _name + "Form"),
        serializer=serializer_for(_model),
        detail_template=_template,
        api_path=_plural.replace("-", "_") if _model is not Cadre else "cadres",
    )

SELECT = {
    Cadre: ("person", "org"),
    CadrePost: ("cadre__person", "org"),
    Education: ("cadre__person",),
    Appraisal: ("cadre__person",),
    RewardSanction: ("cadre__person",),
    FamilyMember: ("cadre__person",),
    ReserveEntry: ("cadre__person", "org"),
    CohortTarget: ("org",),
    Evaluation: ("cadre__person", "org"),
    AssignmentBatch: ("org",),
    Assignment: ("cadre__person", "org", "batch"),
    ContestResult: ("cadre__person", "org"),
    ArchiveNote: ("cadre__person", "org"),
    Vacancy: ("org",),
    Appointment: ("cadre__person", "org"),
}


class ScopedListView(ObjectListView):
    """The generic list with the related objects the table shows loaded in the same query."""

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*SELECT[self.model])


CadreListView = ScopedListView


def _cadre_records(cadre):
    return {
        "posts": CadrePost.objects.filter(cadre=cadre).select_related("org").order_by("-started_on"),
        "educations": Education.objects.filter(cadre=cadre).order_by("graduated_on"),
        "appraisals": Appraisal.objects.filter(cadre=cadre).order_by("-year"),
        "rewards": RewardSanction.objects.filter(cadre=cadre).order_by("-approved_on"),
        "family": FamilyMember.objects.filter(cadre=cadre).order_by("position", "id"),
        "reserve": ReserveEntry.objects.filter(cadre=cadre).select_related("org").order_by("-entered_on"),
        "assignments": Assignment.objects.filter(cadre=cadre).select_related("org").order_by("-starts_on"),
        "appointments": Appointment.objects.filter(cadre=cadre).order_by("-decided_on"),
    }


def radar_data(cadre, user, on: date) -> dict | None:
    """The cadre's mean score per dimension (last two years) against the mean of the cohort (same
    birth cohort, same rung, same district) in the user's scope."""
    dims = rules.dimensions()
    since = on.replace(year=on.year - 2)
    own = list(
        Evaluation.objects.filter(cadre=cadre, evaluated_on__gte=since).values_list("scores", flat=True)
    )
    if not own:
        return None
    birth = cadre.person.birth_date
    level_ranks = [r for r, lv in RANK_LEVEL.items() if lv == cadre.rank_level]
    cohort = Evaluation.objects.restrict(user, "view").filter(
        subtree_q(cadre.org_path[:8], "cadre__org_path"),
        evaluated_on__gte=since,
        cadre__rank__in=level_ranks,
    )
    if birth:
        start = (
            1990
            if birth.year >= 1990
            else 1985
            if birth.year >= 1985
            else 1980
            if birth.year >= 1980
            else 1900
        )
        cohort = cohort.filter(
            cadre__person__birth_date__gte=date(start, 1, 1),
            cadre__person__birth_date__lt=date(start + 5 if start < 1990 else 2100, 1, 1),
        )
    rows = list(cohort.values_list("scores", flat=True)[:5000])

    def mean(items, key):
        vals = [float(s.get(key) or 0) for s in items if s]
        return round(sum(vals) / len(vals), 1) if vals else 0

    return {
        "indicators": [{"name": d.label, "max": 100} for d in dims],
        "own": [mean(own, d.key) for d in dims],
        "cohort": [mean(rows, d.key) for d in dims],
        "own_label": str(cadre),
        "cohort_label": _("cohort mean ({} evaluations)").format(len(rows)),
    }


class CadreDetailView(ObjectDetailView):
    model = Cadre

    def get_extra_context(self, request, obj):
        on = timezone.localdate()
        records = _cadre_records(obj)
        figures = services.service_figures(obj, list(records["posts"]), on)
        return {
            **records,
            "figures": figures,
            "cohort": obj.cohort,
            "radar": radar_data(obj, request.user, on),
            "dimensions": rules.dimensions(),
            # The record's parts (posts, education …) are added, edited and deleted from here.
            "can_add_records": has_action(request.user, "add", obj.org_path),
            "can_change_records": has_action(request.user, "change", obj.org_path),
            "can_delete_records": has_action(request.user, "delete", obj.org_path),
        }


class ArchiveView(LoginRequiredMixin, View):
    """成长纪实档案: the dated timeline of one cadre from every source; printable."""

    def get(self, request, pk):
        cadre = access_object(Cadre, request.user, pk, "view")
        items = services.archive_for([cadre.pk])
        from orgwork.cadres.choices import ArchiveKind

        labels = dict(ArchiveKind.choices)
        by_year = defaultdict(list)
        for item in items:
            by_year[item.on.year].append((item, labels.get(item.kind, item.kind)))
        return render(
            request,
            "cadres/archive.html",
            {
                "object": cadre,
                "years": sorted(by_year.items(), reverse=True),
                "counts": Counter(i.kind for i in items),
                "count": len(items),
                "today": timezone.localdate(),
                "can_add_note": has_action(request.user, "add", cadre.org_path),
            },
        )


def _appointment_of(request, cadre):
    pk = request.GET.get("appointment", "")
    if pk.isdigit():
        return access_object(Appointment, request.user, int(pk), "view")
    return None


class AppointmentFormView(LoginRequiredMixin, View):
    """The 干部任免审批表 as Word; with ``?appointment=<id>`` the proposed post and reason filled in."""

    def get(self, request, pk):
        from orgwork.cadres.appointment_form import appointment_form_docx

        cadre = access_object(Cadre, request.user, pk, "view")
        appointment = _appointment_of(request, cadre)
        data = appointment_form_docx(
            cadre, appointment, filled_by=request.user.get_full_name() or request.user.get_username()
        )
        record_event(ChangeLogAction.EXPORT, actor=request.user, obj=cadre, note="干部任免审批表")
        response = HttpResponse(
            data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        )
        response["Content-Disposition"] = "attachment; filename*=UTF-8''{}".format(
            _quote("干部任免审批表-{}.docx".format(cadre))
        )
        return response


def _quote(name):
    from urllib.parse import quote

    return quote(name)


class LrmxExportView(LoginRequiredMixin, View):
    def get(self, request, pk):
        from orgwork.cadres.lrmx import export_lrmx

        cadre = access_object(Cadre, request.user, pk, "view")
        appointment = _appointment_of(request, cadre)
        data = export_lrmx(
            cadre, appointment, filled_by=request.user.get_full_name() or request.user.get_username()
        )
        record_event(ChangeLogAction.EXPORT, actor=request.user, obj=cadre, note=".lrmx")
        response = HttpResponse(data, content_type="application/xml; charset=utf-8")
        response["Content-Disposition"] = "attachment; filename*=UTF-8''{}".format(
            _quote("{}.lrmx".format(cadre))
        )
        return response


class LrmxImportView(LoginRequiredMixin, View):
    """Upload a ``.lrmx`` file: the cadre of the file (by ID number) is created or updated; a file that
    cannot be read changes nothing and says why."""

    template_name = "cadres/lrmx_import.html"

    def get(self, request):
        if not has_action(request.user, "add"):
            raise Http404("not found")
        return render(request, self.template_name, {"form": forms.LrmxImportForm(user=request.user)})

    def post(self, request):
        from orgwork.cadres.lrmx import LrmxError, import_lrmx

        if not has_action(request.user, "add"):
            raise Http404("not found")
        form = forms.LrmxImportForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > 10 * 1024 * 1024:
                form.add_error("file", _("The file is larger than 10 MB."))
            else:
                try:
                    existing = Cadre.objects.restrict(request.user, "change")
                    cadre = import_lrmx(upload.read(), org=form.cleaned_data["org"], actor=request.user)
                    if (
                        not existing.filter(pk=cadre.pk).exists()
                        and cadre.org_id != form.cleaned_data["org"].pk
                    ):
                        raise LrmxError(_("This cadre lies outside your part of the tree."))
                except LrmxError as exc:
                    form.add_error("file", str(exc))
                else:
                    messages.success(request, _("Imported: {}.").format(cadre))
                    return HttpResponseRedirect(cadre.get_absolute_url())
        return render(request, self.template_name, {"form": form}, status=400)


class VacancyDetailView(ObjectDetailView):
    model = Vacancy

    def get_extra_context(self, request, obj):
        # Fifty a page: every cadre of the pool is checked and counted, the rows shown are explained.
        result = selection.eligible_list(
            obj, request.user, page=request.GET.get("page"), ineligible_page=request.GET.get("ipage")
        )
        eligible, ineligible = result["eligible"], result["ineligible"]
        # Rows are prepared here, not in template loops: a district's pool has thousands of cadres.
        icons = {selection.PASS: "ti-check", selection.WARN: "ti-alert-triangle", selection.FAIL: "ti-x"}
        base = reverse("cadres:cadre_detail", args=[0])[: -len("0/")]
        for row in eligible + ineligible:
            row.url = "{}{}/".format(base, row.cadre_id)
        for row in eligible:
            row.checks_html = format_html_join(
                "",
                '<div class="ow-check-{}"><i class="ti {}" aria-hidden="true"></i> <span class="fw-bold">{}</span>: {}</div>',
                ((c.status, icons[c.status], c.label, c.text) for c in row.verdict.checks),
            )
        names = {
            "evaluation": _("five-dimension evaluation"),
            "appraisal": _("annual appraisals"),
            "archive": _("growth archive"),
        }
        return {
            "result": result,
            "weights": [(names.get(k, k), v) for k, v in result["weights"].items()],
            "eligible": eligible,
            "ineligible": ineligible,
            "eligible_page": result["eligible_page"],
            "ineligible_page": result["ineligible_page"],
            "can_propose": has_action(request.user, "add", obj.org_path),
        }


class DashboardView(LoginRequiredMixin, View):
    """The cohort dashboard: cadres by birth cohort and rung, the 1333 targets with live progress,
    the reserve pool by track and class, assignments ending soon."""

    def get(self, request):
        if not has_action(request.user, "view"):
            raise Http404("not found")
        from django.db.models import Count

        today = timezone.localdate()
        cadres = Cadre.objects.restrict(request.user, "view")
        within = request.GET.get("within", "")
        org = None
        if within.isdigit():
            org = Org.objects.restrict(request.user, "view").filter(pk=int(within)).first()
            if org is not None:
                cadres = cadres.filter(subtree_q(org.path, "org_path"))
        cohorts = [("90后", 1990), ("85后", 1985), ("80后", 1980)]
        buckets = {"": Q()}
        aggregates = {}
        for _label, year in cohorts:
            for rung in (2, 3, 4, 5, 6):
                ranks = [r for r, lv in RANK_LEVEL.items() if lv == rung]
                aggregates["c{}_{}".format(year, rung)] = Count(
                    "pk", filter=Q(person__birth_date__gte=date(year, 1, 1), rank__in=ranks)
                )
        aggregates["total"] = Count("pk")
        aggregates["selected"] = Count("pk", filter=Q(selected_graduate=True))
        counts = cadres.aggregate(**aggregates)
        del buckets
        rungs = [(2, _("staff")), (3, "副科"), (4, "正科"), (5, "副处"), (6, "正处")]
        table = [
            {"label": label, "cells": [counts["c{}_{}".format(year, rung)] for rung, _l in rungs]}
            for label, year in cohorts
        ]
        targets = CohortTarget.objects.restrict(request.user, "view").select_related("org")
        if org is not None:
            targets = targets.filter(subtree_q(org.path, "org_path"))
        progress = services.cohort_progress_many(targets[:30], today)
        reserve = (
            ReserveEntry.objects.restrict(request.user, "view")
            .filter(subtree_q(org.path, "org_path") if org else Q(), left_on__isnull=True)
            .values("track", "category")
            .annotate(n=Count("pk"))
        )
        from orgwork.cadres.choices import ReserveClass, Track

        grid = defaultdict(dict)
        for row in reserve:
            grid[row["track"]][row["category"]] = row["n"]
        reserve_rows = [
            {"label": label, "cells": [grid[value].get(c, 0) for c, _l in ReserveClass.choices]}
            for value, label in Track.choices
        ]
        soon = services.ending_soon(
            Assignment.objects.restrict(request.user, "view").select_related("cadre__person", "org"), today
        )
        if org is not None:
            soon = soon.filter(subtree_q(org.path, "org_path"))
        return render(
            request,
            "cadres/dashboard.html",
            {
                "org": org,
                "counts": counts,
                "rungs": rungs,
                "table": table,
                "progress": progress,
                "reserve_rows": reserve_rows,
                "reserve_classes": ReserveClass.choices,
                "soon": soon.order_by("ends_on")[:50],
                "today": today,
            },
        )


class AssignmentBatchDetailView(ObjectDetailView):
    model = AssignmentBatch

    def get_extra_context(self, request, obj):
        return {
            "status": services.batch_status(obj),
            "rows": obj.assignments.restrict(request.user, "view").select_related("cadre__person", "org"),
        }


class AppointmentDetailView(ObjectDetailView):
    model = Appointment

    def get_extra_context(self, request, obj):
        from orgwork.core.workdays import warnings_for, workdays_between

        today = timezone.localdate()
        ctx = {"today": today, "results": ProbationResult.choices}
        if obj.publicity_from and obj.publicity_to:
            ctx["publicity_days"] = workdays_between(obj.publicity_from, obj.publicity_to) + 1
            ctx["calendar_warnings"] = warnings_for(obj.publicity_from, obj.publicity_to)
        ctx["can_appoint"] = not obj.appointed_on and obj.publicity_to and obj.publicity_to < today
        ctx["probation_open"] = obj.appointed_on and obj.probation and not obj.probation_result
        return ctx


class AppointVerbView(LoginRequiredMixin, View):
    def post(self, request, pk):
        from django.core.exceptions import ValidationError

        appointment = access_object(Appointment, request.user, pk, "change")
        try:
            on = date.fromisoformat(request.POST.get("on", ""))
        except ValueError:
            on = timezone.localdate()
        try:
            services.appoint(
                appointment, on, actor=request.user, grassroots=request.POST.get("grassroots") == "1"
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The appointment is in effect; the probation runs for one year."))
        return HttpResponseRedirect(reverse("cadres:appointment_detail", args=[pk]))


class ProbationVerbView(LoginRequiredMixin, View):
    def post(self, request, pk):
        appointment = access_object(Appointment, request.user, pk, "change")
        result = request.POST.get("result", "")
        if result not in ProbationResult.values:
            messages.error(request, _("Choose the result of the probation."))
        else:
            try:
                services.close_probation(appointment, result, actor=request.user)
            except ValueError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("The probation is closed."))
        return HttpResponseRedirect(reverse("cadres:appointment_detail", args=[pk]))
