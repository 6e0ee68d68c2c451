"""Pages of cadre training: the registered lists and forms (generic), a class with its trainees'
progress, a session with its roster for ticking attendance and its sign-in sheet import, a person's
hours against the requirement, the organizer's list of people behind, and the statistics."""

from datetime import date
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Avg, Count, Q, Sum
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.views import View

from orgwork.accounts.scope import access_object, has_action, scope_prefixes
from orgwork.core.exports import audit_export, export_query, xlsx_response
from orgwork.core.registry import register
from orgwork.core.views import ObjectDetailView, ObjectListView
from orgwork.orgs.models import Org
from orgwork.people.models import Person
from orgwork.training import rules, services
from orgwork.training.api.serializers import (
    AttendanceSerializer,
    CourseSerializer,
    EnrollmentSerializer,
    SessionEvaluationSerializer,
    SessionSerializer,
)
from orgwork.training.choices import AttendanceStatus, CourseKind, EnrollmentStatus
from orgwork.training.filters import (
    AttendanceFilterSet,
    CourseFilterSet,
    EnrollmentFilterSet,
    EvaluationFilterSet,
    SessionFilterSet,
)
from orgwork.training.forms import (
    AttendanceForm,
    CourseForm,
    EnrollManyForm,
    EnrollmentForm,
    EvaluationForm,
    ReportFilterForm,
    SessionForm,
    SignInSheetForm,
    TierFormSet,
)
from orgwork.training.models import Attendance, Course, Enrollment, Evaluation, Session
from orgwork.training.tables import (
    AttendanceTable,
    CourseTable,
    EnrollmentTable,
    EvaluationTable,
    SessionTable,
)

__all__ = [
    "CourseListView",
    "CourseDetailView",
    "SessionListView",
    "SessionDetailView",
    "EnrollmentListView",
    "AttendanceListView",
    "EvaluationListView",
    "RosterView",
    "SignInImportView",
    "EnrollManyView",
    "PersonHoursView",
    "ComplianceView",
    "StatisticsView",
    "TierSettingsView",
]

register(
    Course,
    filterset=CourseFilterSet,
    table=CourseTable,
    form=CourseForm,
    detail_template="training/course_detail.html",
    list_template="training/course_list.html",
    serializer=CourseSerializer,
    api_path="courses",
)
register(
    Session,
    filterset=SessionFilterSet,
    table=SessionTable,
    form=SessionForm,
    detail_template="training/session_detail.html",
    serializer=SessionSerializer,
)
register(
    Enrollment,
    filterset=EnrollmentFilterSet,
    table=EnrollmentTable,
    form=EnrollmentForm,
    serializer=EnrollmentSerializer,
)
register(
    Attendance,
    filterset=AttendanceFilterSet,
    table=AttendanceTable,
    form=AttendanceForm,
    serializer=AttendanceSerializer,
    api_path="attendances",
)
register(
    Evaluation,
    filterset=EvaluationFilterSet,
    table=EvaluationTable,
    form=EvaluationForm,
    serializer=SessionEvaluationSerializer,
)


class CourseListView(ObjectListView):
    model = Course

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("org")


class SessionListView(ObjectListView):
    model = Session

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("org", "course")


class EnrollmentListView(ObjectListView):
    model = Enrollment

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("org", "course", "person")


class AttendanceListView(ObjectListView):
    model = Attendance

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("org", "session", "person")


class EvaluationListView(ObjectListView):
    model = Evaluation

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("org", "session")


class CourseDetailView(ObjectDetailView):
    model = Course

    def get_extra_context(self, request, obj):
        sessions = (
            Session.objects.filter(course=obj)
            .annotate(
                present=Count(
                    "attendances",
                    filter=Q(
                        attendances__status=AttendanceStatus.PRESENT, attendances__deleted_at__isnull=True
                    ),
                ),
                leave=Count(
                    "attendances",
                    filter=Q(
                        attendances__status=AttendanceStatus.LEAVE, attendances__deleted_at__isnull=True
                    ),
                ),
                score=Avg("evaluations__teacher_score", filter=Q(evaluations__deleted_at__isnull=True)),
            )
            .order_by("date", "id")
        )
        progress = services.course_progress(obj)
        enrolled = [p for p in progress if p.enrollment.status == EnrollmentStatus.ENROLLED]
        total = progress[0].total if progress else (sessions.aggregate(h=Sum("hours"))["h"] or Decimal(0))
        return {
            "sessions": sessions,
            "progress": progress,
            "total_hours": total,
            "enrolled_count": len(enrolled),
            "completed_count": sum(1 for p in enrolled if p.completed),
            "rate_percent": int(obj.completion_rate * 100),
            "tiers": {t.code: t.label for t in rules.tiers()},
        }


class SessionDetailView(ObjectDetailView):
    model = Session

    def get_extra_context(self, request, obj):
        counts = dict(
            Attendance.objects.filter(session=obj).values_list("status").annotate(n=Count("id")).order_by()
        )
        enrolled = Enrollment.objects.filter(
            course_id=obj.course_id, status=EnrollmentStatus.ENROLLED
        ).count()
        scores = Evaluation.objects.filter(session=obj).aggregate(
            n=Count("id"), content=Avg("content_score"), teacher=Avg("teacher_score")
        )
        return {
            "course": obj.course,
            "enrolled": enrolled,
            "present": counts.get(AttendanceStatus.PRESENT, 0),
            "leave": counts.get(AttendanceStatus.LEAVE, 0),
            "absent": counts.get(AttendanceStatus.ABSENT, 0),
            "unmarked": max(0, enrolled - sum(counts.values())),
            "scores": scores,
            "evaluations": Evaluation.objects.filter(session=obj).order_by("-created_at")[:20],
        }


class RosterView(LoginRequiredMixin, View):
    """The session's roster: every trainee of the class with present / on leave / absent to tick,
    saved at once (all or nothing); "everyone present" for the usual case."""

    def rows(self, session):
        marks = dict(Attendance.objects.filter(session=session).values_list("enrollment_id", "status"))
        enrollments = (
            Enrollment.objects.filter(course_id=session.course_id, status=EnrollmentStatus.ENROLLED)
            .select_related("person")
            .order_by("person__name_pinyin", "pk")
        )
        return [(e, marks.get(e.pk, "")) for e in enrollments]

    def get(self, request, pk):
        session = access_object(Session, request.user, pk, "change")
        return render(
            request,
            "training/roster.html",
            {"session": session, "rows": self.rows(session), "statuses": AttendanceStatus.choices},
        )

    def post(self, request, pk):
        session = access_object(Session, request.user, pk, "change")
        rows = self.rows(session)
        if "_all_present" in request.POST:
            statuses = {e.pk: AttendanceStatus.PRESENT for e, _m in rows}
        else:
            statuses = {}
            for e, _m in rows:
                value = request.POST.get("status_{}".format(e.pk), "")
                if value:
                    statuses[e.pk] = value
        try:
            created, changed = services.record_attendance(session, statuses, actor=request.user)
        except ValueError as exc:
            messages.error(request, str(exc))
            return HttpResponseRedirect(reverse("training:session_roster", args=[session.pk]))
        messages.success(
            request,
            _("Attendance saved: {created} recorded, {changed} changed.").format(
                created=len(created), changed=len(changed)
            ),
        )
        return HttpResponseRedirect(session.get_absolute_url())


class SignInImportView(LoginRequiredMixin, View):
    """Upload the session's sign-in sheet (签到表); all rows are checked first, nothing is saved
    while any row has a problem."""

    def get(self, request, pk):
        session = access_object(Session, request.user, pk, "change")
        return render(
            request, "training/sign_in_import.html", {"session": session, "form": SignInSheetForm()}
        )

    def post(self, request, pk):
        import tempfile
        from pathlib import Path

        session = access_object(Session, request.user, pk, "change")
        if not has_action(request.user, "import", session.org_path):
            raise Http404("not found")
        form = SignInSheetForm(request.POST, request.FILES)
        result = None
        if form.is_valid():
            upload = form.cleaned_data["file"]
            suffix = Path(upload.name).suffix.lower()
            with tempfile.NamedTemporaryFile(suffix=suffix) as tmp:
                for chunk in upload.chunks():
                    tmp.write(chunk)
                tmp.flush()
                result = services.import_sign_in_sheet(
                    session, Path(tmp.name), upload.name, actor=request.user
                )
            if result.committed:
                messages.success(
                    request,
                    _("Sign-in sheet imported: {rows} rows, {created} recorded, {changed} changed.").format(
                        rows=result.rows, created=result.created, changed=result.changed
                    ),
                )
                return HttpResponseRedirect(session.get_absolute_url())
        return render(
            request,
            "training/sign_in_import.html",
            {"session": session, "form": form, "result": result},
            status=400,
        )


class EnrollManyView(LoginRequiredMixin, View):
    """Enroll the people pasted as ID numbers or names (people in the user's scope only)."""

    def get(self, request, pk):
        course = access_object(Course, request.user, pk, "change")
        return render(request, "training/enroll.html", {"course": course, "form": EnrollManyForm()})

    def post(self, request, pk):
        course = access_object(Course, request.user, pk, "change")
        form = EnrollManyForm(request.POST)
        problems = []
        if form.is_valid():
            visible = Person.objects.restrict(request.user, "view")
            people = []
            for n, line in enumerate(form.cleaned_data["people"].splitlines(), start=1):
                token = line.strip().split("\t")[-1].strip() if "\t" in line else line.strip()
                if not token:
                    continue
                if token[:1].isdigit():
                    found = list(visible.filter(id_number=token.upper()).values_list("pk", flat=True)[:2])
                else:
                    found = list(visible.filter(name=token).values_list("pk", flat=True)[:2])
                if len(found) != 1:
                    problems.append(
                        _("Line {n} “{token}”: {reason}").format(
                            n=n,
                            token=token,
                            reason=_("not found in your organizations")
                            if not found
                            else _("several people match; use the ID number"),
                        )
                    )
                else:
                    people.append(found[0])
            if not problems and people:
                new = services.enroll_people(
                    course, people, actor=request.user, tier=form.cleaned_data["tier"]
                )
                messages.success(
                    request,
                    _("{new} enrolled ({skipped} were already enrolled).").format(
                        new=len(new), skipped=len(people) - len(new)
                    ),
                )
                return HttpResponseRedirect(course.get_absolute_url())
        return render(
            request,
            "training/enroll.html",
            {"course": course, "form": form, "problems": problems},
            status=400,
        )


def _year(request):
    value = request.GET.get("year", "")
    today = timezone.localdate()
    return int(value) if value.isdigit() and 1990 <= int(value) <= today.year + 1 else today.year


class PersonHoursView(LoginRequiredMixin, View):
    """One person's training hours: per year, against the requirement of their tier, and every
    session attended (classes out of the user's scope are listed without a link)."""

    def get(self, request, pk):
        person = access_object(Person, request.user, pk, "view")
        year = _year(request)
        row = services.requirement_rows([person.pk], year)[0]
        by_year = services.hours_by_year(person.pk)
        visible_courses = set(
            Course.objects.restrict(request.user, "view")
            .filter(enrollments__person=person)
            .values_list("pk", flat=True)
        )
        attended = (
            Attendance.objects.filter(person=person)
            .select_related("session", "session__course")
            .order_by("-date", "-pk")[:500]
        )
        enrollments = (
            Enrollment.objects.filter(person=person).select_related("course").order_by("-course__starts_on")
        )
        return render(
            request,
            "training/person_hours.html",
            {
                "person": person,
                "year": year,
                "row": row,
                "by_year": list(by_year.items()),
                "attended": attended,
                "enrollments": enrollments,
                "visible_courses": visible_courses,
                "years": list(range(timezone.localdate().year, timezone.localdate().year - 6, -1)),
            },
        )


def _years():
    this = timezone.localdate().year
    return list(range(this + 1, this - 6, -1))


def _filter_form(request):
    return ReportFilterForm(request.GET or None, user=request.user, years=_years())


class ComplianceView(LoginRequiredMixin, View):
    """People enrolled in classes of the user's organizations (or of one chosen subtree), with
    their hours for the year against their requirement; ``behind=1`` keeps those behind only.
    ``?_export=xlsx`` gives the same rows as a sheet."""

    LIMIT = 2000

    def get(self, request):
        prefixes = scope_prefixes(request.user, "view")
        if not prefixes:
            raise Http404("not found")
        form = _filter_form(request)
        org = form.value("within")
        if org is not None:
            prefixes = [org.path]
        year = form.value("year", timezone.localdate().year)
        behind_only = bool(form.value("behind"))
        population = services.enrolled_population(prefixes)
        rows = services.requirement_rows(population, year)
        ids = rows
        if behind_only:
            rows = [r for r in rows if r.behind]
        rows.sort(key=lambda r: (not r.behind, -(r.shortfall), r.name))
        summary = {
            "people": len(ids),
            "known": sum(1 for r in rows if r.tier) if not behind_only else None,
            "behind": sum(1 for r in rows if r.behind),
        }
        if request.GET.get("_export") == "xlsx":
            if not has_action(request.user, "export"):
                raise PermissionDenied
            headers = ["姓名", "要求层级", "统计年度", "应完成学时", "已完成学时", "差额", "是否达标"]
            data = [
                [
                    r.name,
                    str(r.tier.label) if r.tier else "",
                    "{}–{}".format(r.first_year, r.last_year)
                    if r.first_year != r.last_year
                    else str(r.last_year),
                    r.required,
                    r.done,
                    r.shortfall,
                    "" if r.required is None else ("否" if r.behind else "是"),
                ]
                for r in rows
            ]
            audit_export(request.user, "training.compliance", export_query(request.GET), "xlsx", len(data))
            return xlsx_response(_("training-hours-{}").format(year), _("Training hours"), headers, data)
        query = export_query(request.GET)
        return render(
            request,
            "training/compliance.html",
            {
                "rows": rows[: self.LIMIT],
                "rows_html": _compliance_rows_html(rows[: self.LIMIT], year),
                "truncated": len(rows) > self.LIMIT,
                "summary": summary,
                "year": year,
                "org": org,
                "behind_only": behind_only,
                "form": form,
                "tiers": rules.tiers(),
                "export_url": "?{}{}_export=xlsx".format(query, "&" if query else "")
                if has_action(request.user, "export")
                else None,
            },
        )


def _compliance_rows_html(rows, year):
    """The table rows of the compliance page, prepared here rather than in a template loop: a
    district has thousands of trainees (the same cells as the template wrote them before)."""
    base = reverse("training:person_hours", args=[0])[: -len("0/hours/")]
    unknown = format_html('<span class="text-secondary">{}</span>', _("not known"))
    hours = services.hours_text
    return format_html_join(
        "\n",
        '<tr><td><a href="{}{}/hours/?year={}">{}</a></td><td>{}</td><td>{}</td>'
        '<td class="text-end">{}</td><td class="text-end">{}</td><td class="text-end">{}</td></tr>',
        (
            (
                base,
                r.person_id,
                year,
                r.name,
                r.tier.label if r.tier else unknown,
                r.last_year if r.first_year == r.last_year else "{}–{}".format(r.first_year, r.last_year),
                "—" if r.required is None else r.required,
                hours(r.done),
                format_html('<span class="badge bg-yellow-lt">{}</span>', hours(r.shortfall))
                if r.behind
                else "",
            )
            for r in rows
        ),
    )


def _period(form):
    today = timezone.localdate()
    start = form.value("start", date(today.year, 1, 1))
    end = form.value("end", date(today.year, 12, 31))
    if end < start:
        start, end = end, start
    return start, end


def _month_keys(start, end, limit=120):
    """Every month from ``start`` to ``end`` ("YYYY-MM"), so that the chart shows empty months too."""
    y, m, out = start.year, start.month, []
    while (y, m) <= (end.year, end.month) and len(out) < limit:
        out.append("{:04d}-{:02d}".format(y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


class StatisticsView(LoginRequiredMixin, View):
    """Classes held and trainee-times (培训班次、培训人次) for the user's organizations or one
    subtree, over a period: totals, by month, by kind, by subordinate org; charts and a sheet."""

    def get(self, request):
        prefixes = scope_prefixes(request.user, "view")
        if not prefixes:
            raise Http404("not found")
        form = _filter_form(request)
        org = form.value("within")
        if org is None and len(prefixes) == 1:
            org = Org.objects.filter(path=prefixes[0]).first()
        if org is not None:
            prefixes = [org.path]
        start, end = _period(form)
        from orgwork.core.figures import cached_figures

        stats = cached_figures(
            "training:stats:{}:{}:{}".format(",".join(prefixes), start.isoformat(), end.isoformat()),
            lambda: services.training_statistics(
                prefixes, start, end, group_prefix=org.path if org else None
            ),
        )
        kinds = dict(CourseKind.choices)
        by_kind = [
            (kinds.get(k, k), v)
            for k, v in sorted(stats["by_kind"].items(), key=lambda kv: -kv[1]["classes"])
        ]
        by_org = []
        if stats["by_org"] is not None:
            names = dict(Org.objects.filter(path__in=list(stats["by_org"])).values_list("path", "name"))
            for path, v in sorted(stats["by_org"].items()):
                name = names.get(path, path)
                if org is not None and path == org.path:
                    name = _("{} (own classes)").format(org.name)
                by_org.append((name, v))
        by_org.sort(key=lambda r: -r[1]["trainee_times"])
        if request.GET.get("_export") == "xlsx":
            return self.export(request, org, stats, by_kind, by_org)
        months = _month_keys(start, end)
        if len(months) < len(stats["by_month"]):
            months = list(stats["by_month"])
        empty = {"classes": 0, "trainee_times": 0}
        chart = {
            "months": months,
            "classes": [stats["by_month"].get(k, empty)["classes"] for k in months],
            "trainee_times": [stats["by_month"].get(k, empty)["trainee_times"] for k in months],
            "labels": {"classes": _("Classes held"), "trainee_times": _("Trainee-times")},
            "kinds": [{"name": str(k), "value": v["trainee_times"]} for k, v in by_kind],
        }
        query = export_query(request.GET)
        return render(
            request,
            "training/statistics.html",
            {
                "org": org,
                "stats": stats,
                "totals": stats["totals"],
                "by_kind": by_kind,
                "by_org": by_org,
                "start": start,
                "end": end,
                "form": form,
                "chart": chart,
                "export_url": "?{}{}_export=xlsx".format(query, "&" if query else "")
                if has_action(request.user, "export")
                else None,
            },
        )

    def export(self, request, org, stats, by_kind, by_org):
        if not has_action(request.user, "export"):
            raise PermissionDenied
        t = stats["totals"]
        headers = ["项目", "培训班次", "培训人次", "参训人数", "课次", "出勤人次", "学时合计"]
        scope = org.name if org else _("all organizations in my scope")
        rows = [
            [
                "{} {}至{}".format(scope, stats["start"].isoformat(), stats["end"].isoformat()),
                t["classes"],
                t["trainee_times"],
                t["people"],
                t["sessions"],
                t["attendance_times"],
                t["credited_hours"],
            ]
        ]
        rows += [
            [str(name), v["classes"], v["trainee_times"], "", "", v["attendance_times"], ""]
            for name, v in by_org
        ]
        rows += [["{}".format(k), v["classes"], v["trainee_times"], "", "", "", ""] for k, v in by_kind]
        audit_export(request.user, "training.statistics", export_query(request.GET), "xlsx", len(rows))
        return xlsx_response(
            _("training-statistics-{}-{}").format(stats["start"].isoformat(), stats["end"].isoformat()),
            _("Training statistics"),
            headers,
            rows,
        )


class TierSettingsView(LoginRequiredMixin, View):
    """The requirement table (学时要求层级: hours and window per tier) as data the system
    administrator maintains; the defaults are those of 《干部教育培训工作条例》 (90 a year,
    550 in five years). Saved as the setting ``training.requirement_tiers``, audited."""

    def check(self, request):
        from orgwork.accounts.scope import has_global_action

        if not has_global_action(request.user, "manage_system"):
            raise Http404("not found")

    def initial(self):
        return [
            {"code": t.code, "label": str(t.label), "hours": t.hours, "years": t.years} for t in rules.tiers()
        ]

    def get(self, request):
        self.check(request)
        formset = TierFormSet(initial=self.initial())
        return render(request, "training/tiers.html", {"formset": formset, "defaults": rules.DEFAULT_TIERS})

    def post(self, request):
        from orgwork.core.settings_store import set_setting

        self.check(request)
        formset = TierFormSet(request.POST, initial=self.initial())
        if formset.is_valid():
            rows = [
                {
                    "code": f.cleaned_data["code"],
                    "label": f.cleaned_data["label"],
                    "hours": str(f.cleaned_data["hours"]),
                    "years": f.cleaned_data["years"],
                }
                for f in formset.forms
                if f.cleaned_data and not formset._should_delete_form(f)
            ]
            set_setting(rules.TIERS_SETTING, rows, actor=request.user)
            messages.success(request, _("Requirement tiers saved."))
            return HttpResponseRedirect(reverse("training:tiers"))
        return render(
            request, "training/tiers.html", {"formset": formset, "defaults": rules.DEFAULT_TIERS}, status=400
        )
