"""Pages of the member registry: the generic lists and forms of every model (registered here),
the secretary's "due this month", recording a step, transfer actions and the receiving inbox,
dues ledgers, meeting completeness, statistics and the national-format export."""

import calendar
from datetime import date

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, F, Q, Sum
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from orgwork.accounts.scope import access_object, has_action, scope_prefixes
from orgwork.core.exports import audit_export, export_query
from orgwork.core.paths import minimal_prefixes, subtree_q
from orgwork.core.registry import register
from orgwork.core.views import ObjectDetailView, ObjectEditView, ObjectListView
from orgwork.members import rules, services
from orgwork.members.api.serializers import (
    DueSerializer,
    MeetingAttendanceSerializer,
    MeetingSerializer,
    MemberSerializer,
    RecruitmentSerializer,
    RecruitmentStepSerializer,
    TransferSerializer,
)
from orgwork.members.api.verbs import DueVerbsMixin, RecruitmentVerbsMixin, TransferVerbsMixin
from orgwork.members.choices import MeetingKind, Stage, Step, TransferState
from orgwork.members.filters import (
    DueFilterSet,
    MeetingAttendanceFilterSet,
    MeetingFilterSet,
    MemberFilterSet,
    RecruitmentFilterSet,
    RecruitmentStepFilterSet,
    TransferFilterSet,
)
from orgwork.members.forms import (
    DueForm,
    MeetingAttendanceForm,
    MeetingForm,
    MemberBulkEditForm,
    MemberForm,
    PaymentForm,
    RecruitmentForm,
    RecruitmentStepForm,
    StepForm,
    TransferForm,
)
from orgwork.members.importers import (
    DueImporter,
    MeetingAttendanceImporter,
    MeetingImporter,
    MemberImporter,
    RecruitmentImporter,
    RecruitmentStepImporter,
)
from orgwork.members.models import (
    Due,
    Meeting,
    MeetingAttendance,
    Member,
    Recruitment,
    RecruitmentStep,
    Transfer,
)
from orgwork.members.tables import (
    DueTable,
    MeetingAttendanceTable,
    MeetingTable,
    MemberTable,
    RecruitmentStepTable,
    RecruitmentTable,
    TransferTable,
)
from orgwork.orgs.models import Org
from orgwork.orgs.rules import add_months
from orgwork.orgs.views import workbook_response

__all__ = [
    "MemberListView",
    "RecruitmentDetailView",
    "RecordStepView",
    "DueThisMonthView",
    "TransferDetailView",
    "TransferActionView",
    "TransferInboxView",
    "DuesLedgerView",
    "PaymentView",
    "MeetingCompletenessView",
    "StatsView",
    "NationalExportView",
]

register(
    Member,
    filterset=MemberFilterSet,
    table=MemberTable,
    form=MemberForm,
    bulk_edit_form=MemberBulkEditForm,
    serializer=MemberSerializer,
    importer=MemberImporter,
    detail_template="members/member_detail.html",
)
register(
    Recruitment,
    filterset=RecruitmentFilterSet,
    table=RecruitmentTable,
    form=RecruitmentForm,
    serializer=RecruitmentSerializer,
    detail_template="members/recruitment_detail.html",
    api_mixins=(RecruitmentVerbsMixin,),
    importer=RecruitmentImporter,
)
register(
    RecruitmentStep,
    filterset=RecruitmentStepFilterSet,
    table=RecruitmentStepTable,
    form=RecruitmentStepForm,
    serializer=RecruitmentStepSerializer,
    api_path="steps",
    importer=RecruitmentStepImporter,
)
register(
    Due,
    filterset=DueFilterSet,
    table=DueTable,
    form=DueForm,
    serializer=DueSerializer,
    api_path="dues",
    detail_template="members/due_detail.html",
    api_mixins=(DueVerbsMixin,),
    importer=DueImporter,
)
register(
    Transfer,
    filterset=TransferFilterSet,
    table=TransferTable,
    form=TransferForm,
    serializer=TransferSerializer,
    detail_template="members/transfer_detail.html",
    api_mixins=(TransferVerbsMixin,),
)
register(
    Meeting,
    filterset=MeetingFilterSet,
    table=MeetingTable,
    form=MeetingForm,
    serializer=MeetingSerializer,
    importer=MeetingImporter,
    detail_template="members/meeting_detail.html",
)
register(
    MeetingAttendance,
    filterset=MeetingAttendanceFilterSet,
    table=MeetingAttendanceTable,
    form=MeetingAttendanceForm,
    serializer=MeetingAttendanceSerializer,
    api_path="attendance",
    importer=MeetingAttendanceImporter,
)


def _as_of(request):
    try:
        return date.fromisoformat(request.GET.get("as_of", ""))
    except ValueError:
        return timezone.localdate()


def _within(request, action="view"):
    """The org chosen with ``?within=`` if it lies in the user's scope, else None (whole scope)."""
    within = request.GET.get("within", "")
    if within.isdigit():
        return Org.objects.restrict(request.user, action).filter(pk=int(within)).first()
    return None


def _scope_roots(request, action="view"):
    """The org to report on: ``?within=`` or the top of the user's scope (first root)."""
    org = _within(request, action)
    if org is not None:
        return org
    prefixes = minimal_prefixes(scope_prefixes(request.user, action))
    if not prefixes:
        raise Http404("not found")
    return Org.objects.filter(path=prefixes[0]).first()


class MemberListView(ObjectListView):
    model = Member

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person", "org")


class MemberDetailView(ObjectDetailView):
    model = Member

    def get_extra_context(self, request, obj):
        dues = Due.objects.filter(member=obj).order_by("-month")[:12]
        return {
            "dues": dues,
            "arrears": services.arrears(Due.objects.filter(member=obj)).aggregate(
                n=Count("id"), s=Sum("amount")
            )["n"],
            "transfers": Transfer.objects.restrict(request.user, "view").filter(person_id=obj.person_id)[:20],
            "recruitment": Recruitment.objects.filter(person_id=obj.person_id).first(),
            "attendance": MeetingAttendance.objects.filter(member=obj)
            .select_related("meeting")
            .order_by("-meeting__held_on")[:20],
        }


class RecruitmentListView(ObjectListView):
    model = Recruitment

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person", "org")


class RecruitmentDetailView(ObjectDetailView):
    model = Recruitment

    def get_extra_context(self, request, obj):
        today = timezone.localdate()
        item = services.next_step(obj, today)
        can = Recruitment.objects.restrict(request.user, "change").filter(pk=obj.pk).exists()
        return {
            "steps": obj.steps.order_by("step"),
            "next": item,
            "step_form": StepForm(step=item.step, initial={"done_on": today}) if item and can else None,
            "can_record": can,
            "publicity_days": rules.publicity_workdays(),
        }


class RecordStepView(LoginRequiredMixin, View):
    """POST: record the next step of a recruitment through ``services.record_step``."""

    def post(self, request, pk):
        rec = access_object(Recruitment, request.user, pk, "change")
        step = int(request.POST.get("step") or 0)
        form = StepForm(request.POST, step=step)
        back = HttpResponseRedirect(
            request.POST.get("next") or reverse("members:recruitment_detail", args=[rec.pk])
        )
        if not form.is_valid():
            messages.error(request, " ".join(" ".join(e) for e in form.errors.values()))
            return back
        try:
            outcome = services.record_step(
                rec,
                form.cleaned_data["step"],
                done_on=form.cleaned_data["done_on"],
                actor=request.user,
                **form.step_data(),
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return back
        for w in outcome.warnings:
            messages.warning(request, w)
        messages.success(request, _("Recorded: {}").format(Step(step).label))
        return back


class RecruitmentActionView(LoginRequiredMixin, View):
    """POST: extend the probation (6–12 months) or stop the recruitment."""

    def post(self, request, pk):
        rec = access_object(Recruitment, request.user, pk, "change")
        try:
            if request.POST.get("action") == "extend":
                services.extend_probation(rec, int(request.POST.get("months") or 0), actor=request.user)
                messages.success(request, _("The probation was extended."))
            elif request.POST.get("action") == "stop":
                services.stop_recruitment(rec, request.POST.get("reason", ""), actor=request.user)
                messages.success(request, _("The recruitment was stopped."))
        except (ValidationError, ValueError) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        return HttpResponseRedirect(reverse("members:recruitment_detail", args=[rec.pk]))


class DueThisMonthView(LoginRequiredMixin, View):
    """The branch secretary's list: whose next 发展党员 step falls due this month (or is overdue),
    with the rule that makes it due, and a form to record it in place."""

    def get(self, request):
        qs = Recruitment.objects.restrict(request.user, "view")
        org = _within(request)
        if org is not None:
            qs = qs.filter(subtree_q(org.path, "org_path"))
        today = timezone.localdate()
        items = services.due_this_month(qs, today)
        can_change = set(
            Recruitment.objects.restrict(request.user, "change")
            .filter(pk__in=[i.recruitment.pk for i in items])
            .values_list("pk", flat=True)
        )
        rows = [
            (i, StepForm(step=i.step, initial={"done_on": today}) if i.recruitment.pk in can_change else None)
            for i in items
        ]
        month_end = today.replace(day=calendar.monthrange(today.year, today.month)[1])
        counts = dict(qs.values_list("stage").annotate(n=Count("id")).order_by())
        return render(
            request,
            "members/due_this_month.html",
            {
                "rows": rows,
                "today": today,
                "month_end": month_end,
                "within": org,
                "stages": [(label, counts.get(value, 0)) for value, label in Stage.choices],
            },
        )


class StepEditView(ObjectEditView):
    """A new step goes through ``record_step`` and its rules; an edit changes only the details."""

    model = RecruitmentStep

    def save(self, request, form, obj):
        if obj.pk:
            return super().save(request, form, obj)
        data = {
            k: v
            for k, v in form.cleaned_data.items()
            if k not in ("recruitment", "step", "done_on", "version") and v not in (None, "")
        }
        rec = form.cleaned_data["recruitment"]
        return services.record_step(
            rec, form.cleaned_data["step"], done_on=form.cleaned_data["done_on"], actor=request.user, **data
        ).step


# ---------------------------------------------------------------- transfers


class TransferEditView(ObjectEditView):
    model = Transfer

    def get_form(self, request, obj, data=None):
        form = super().get_form(request, obj, data)
        return form


class TransferDetailView(ObjectDetailView):
    model = Transfer

    def get_extra_context(self, request, obj):
        return {
            "actions": [(a, services.ACTION_LABELS[a]) for a in services.allowed_actions(obj, request.user)],
            "history": obj.history,
        }


class TransferActionView(LoginRequiredMixin, View):
    def post(self, request, pk):
        transfer = access_object(Transfer, request.user, pk, "view")
        action = request.POST.get("action", "")
        try:
            on = date.fromisoformat(request.POST["on"]) if request.POST.get("on") else None
            services.advance_transfer(
                transfer, action, actor=request.user, on=on, note=request.POST.get("note", "")[:200]
            )
        except (ValidationError, PermissionDenied, ValueError) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, _("Done: {}").format(services.ACTION_LABELS.get(action, action)))
        return HttpResponseRedirect(reverse("members:transfer_detail", args=[transfer.pk]))


class TransferInboxView(LoginRequiredMixin, View):
    """Transfers waiting for the user's branches to accept (letters issued to them), and the
    sender's alerts: expired letters and overdue receipts."""

    def get(self, request):
        prefixes = scope_prefixes(request.user, "view")
        if not prefixes:
            raise Http404("not found")
        from orgwork.core.paths import subtrees_q

        incoming = (
            Transfer.objects.filter(subtrees_q(prefixes, "to_org_path"), state=TransferState.ISSUED)
            .select_related("person", "org", "to_org")
            .order_by("issued_on")
        )
        outgoing = Transfer.objects.filter(subtrees_q(prefixes, "org_path"))
        return render(
            request,
            "members/transfer_inbox.html",
            {"incoming": incoming[:500], "alerts": services.transfer_alerts(outgoing)[:500]},
        )


# ---------------------------------------------------------------- dues


class DuesLedgerView(LoginRequiredMixin, View):
    """The dues ledger of a subtree for a month: per branch the members, amount due, paid,
    outstanding; the 6-month lapse alerts; ``?_export=xlsx`` the same as a report sheet."""

    def get(self, request):
        org = _scope_roots(request)
        try:
            month = (
                date.fromisoformat(request.GET.get("month", "") + "-01")
                if len(request.GET.get("month", "")) == 7
                else None
            )
        except ValueError:
            month = None
        month = month or timezone.localdate().replace(day=1)
        dues = Due.objects.filter(subtree_q(org.path, "org_path"), month=month)
        rows = list(
            dues.values("org_id", "org__name", "org_path")
            .annotate(
                n=Count("id"),
                due_sum=Sum("amount"),
                paid_sum=Sum("paid"),
                unpaid=Count("id", filter=Q(paid__lt=F("amount"))),
            )
            .order_by("org_path")
        )
        totals = dues.aggregate(
            n=Count("id"),
            due_sum=Sum("amount"),
            paid_sum=Sum("paid"),
            unpaid=Count("id", filter=Q(paid__lt=F("amount"))),
        )
        members = Member.objects.filter(subtree_q(org.path, "org_path"))
        if request.GET.get("_export") == "xlsx":
            return self.export(request, org, month, rows, totals)
        return render(
            request,
            "members/dues_ledger.html",
            {
                "org": org,
                "month": month,
                "rows": rows,
                "totals": totals,
                "lapses": services.lapse_alerts(members)[:200],
                "can_generate": has_action(request.user, "add", org.path),
                "export_url": "{}?{}".format(request.path, export_query(request.GET, _export="xlsx"))
                if has_action(request.user, "export")
                else None,
                "brackets": rules.IN_SERVICE_BRACKETS,
            },
        )

    def post(self, request):
        org = _scope_roots(request, "add")
        month = date.fromisoformat(request.POST.get("month", "") + "-01")
        members = Member.objects.restrict(request.user, "add").filter(subtree_q(org.path, "org_path"))
        n = services.generate_dues(members, month, actor=request.user)
        messages.success(request, _("{} dues rows created.").format(n))
        return HttpResponseRedirect(
            "{}?within={}&month={}".format(request.path, org.pk, month.strftime("%Y-%m"))
        )

    def export(self, request, org, month, rows, totals):
        from orgwork.orgs.reports import ReportColumn, report_workbook

        if not has_action(request.user, "export", org.path):
            raise PermissionDenied
        columns = [
            ReportColumn(_("Party branch"), align="left", min_width=24),
            ReportColumn(_("Members"), "#,##0"),
            ReportColumn(_("Amount due"), "#,##0.00"),
            ReportColumn(_("Amount paid"), "#,##0.00"),
            ReportColumn(_("Outstanding"), "#,##0.00"),
            ReportColumn(_("Members unpaid"), "#,##0"),
        ]
        data = [
            [
                r["org__name"],
                r["n"],
                r["due_sum"] or 0,
                r["paid_sum"] or 0,
                max((r["due_sum"] or 0) - (r["paid_sum"] or 0), 0),
                r["unpaid"],
            ]
            for r in rows
        ]
        t = [
            _("Total"),
            totals["n"],
            totals["due_sum"] or 0,
            totals["paid_sum"] or 0,
            max((totals["due_sum"] or 0) - (totals["paid_sum"] or 0), 0),
            totals["unpaid"],
        ]
        wb = report_workbook(
            _("Party dues ledger"),
            _("{org} and its subordinate organizations, {month}").format(
                org=org.name, month=month.strftime("%Y-%m")
            ),
            columns,
            data,
            totals=t,
        )
        audit_export(
            request.user, "members.due.ledger", export_query(request.GET), "xlsx", len(data), obj=org
        )
        return workbook_response(wb, _("dues-ledger-{}-{}").format(org.name, month.strftime("%Y-%m")))


class PaymentView(LoginRequiredMixin, View):
    def post(self, request, pk):
        due = access_object(Due, request.user, pk, "change")
        form = PaymentForm(request.POST)
        if form.is_valid():
            try:
                services.record_payment(
                    due,
                    form.cleaned_data["amount"],
                    paid_on=form.cleaned_data["paid_on"],
                    voluntary=form.cleaned_data.get("voluntary") or 0,
                    actor=request.user,
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("Payment recorded."))
        else:
            messages.error(request, _("Enter the amount and the date of payment."))
        return HttpResponseRedirect(reverse("members:due_detail", args=[due.pk]))


class DueDetailView(ObjectDetailView):
    model = Due

    def get_extra_context(self, request, obj):
        return {
            "payment_form": PaymentForm(initial={"amount": obj.outstanding, "paid_on": timezone.localdate()})
        }


# ---------------------------------------------------------------- meetings


def quarter_bounds(year: int, q: int):
    start = date(year, 3 * (q - 1) + 1, 1)
    return start, add_months(start, 3)


class MeetingDetailView(ObjectDetailView):
    """A meeting with its roll: each member of the branch on the day, present, excused (with the
    reason) or absent; the roll call form for those who may change the meeting."""

    model = Meeting

    def get_extra_context(self, request, obj):
        from orgwork.members.choices import AttendanceStatus

        return {
            "roll": services.roll_for(obj),
            "attendance_choices": AttendanceStatus.choices,
        }


class RollCallView(LoginRequiredMixin, View):
    """POST: the roll call of a meeting (``status_<member id>``, ``reason_<member id>``) through
    ``services.record_roll_call``; all or nothing, a refusal names the member."""

    def post(self, request, pk):
        meeting = access_object(Meeting, request.user, pk, "change")
        entries = {}
        for member, _row in services.roll_for(meeting):
            status = request.POST.get(f"status_{member.pk}")
            if status:
                entries[member.pk] = (status, request.POST.get(f"reason_{member.pk}", "")[:200])
        try:
            n = services.record_roll_call(meeting, entries, actor=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("MeetingAttendance recorded ({} changes).").format(n))
        return HttpResponseRedirect(reverse("members:meeting_detail", args=[meeting.pk]))


class MeetingCompletenessView(LoginRequiredMixin, View):
    """三会一课 per branch of a subtree for a quarter: meetings held by kind against the cadence
    of 《支部工作条例》 (RULES.md §3.5; yearly items counted over the year in Q4), branches short first."""

    def get(self, request):
        org = _scope_roots(request)
        today = timezone.localdate()
        year = int(request.GET.get("year") or today.year)
        q = int(request.GET.get("quarter") or (today.month - 1) // 3 + 1)
        start, end = quarter_bounds(year, q)
        cadence = rules.meeting_cadence()
        branches = Org.objects.filter(
            subtree_q(org.path, "path"), kind__in=["branch", "joint_branch"]
        ).order_by("path")[:2000]
        year_start = date(year, 1, 1)
        meetings = Meeting.objects.filter(
            subtree_q(org.path, "org_path"), held_on__gte=year_start, held_on__lt=end
        )
        counts = {}
        for org_id, kind, in_quarter, n in (
            meetings.annotate(in_q=Q(held_on__gte=start))
            .values_list("org_id", "kind", "in_q")
            .annotate(n=Count("id"))
            .order_by()
        ):
            d = counts.setdefault(org_id, {})
            k = d.setdefault(kind, [0, 0])
            k[1] += n
            if in_quarter:
                k[0] += n
        kinds = [(k, MeetingKind(k).label, cadence[k]) for k in MeetingKind.values if k in cadence]
        # Per-person attendance of the quarter's meetings that have a roll.
        rolls = services.attendance_by_branch(meetings.filter(held_on__gte=start))
        rows = []
        for b in branches:
            cells, short = [], 0
            for k, _label, (period, need) in kinds:
                got = counts.get(b.pk, {}).get(k, [0, 0])
                if period == "year":
                    have, required = got[1], need if q == 4 else 0
                else:
                    have, required = got[0], need
                ok = have >= required
                short += 0 if ok else 1
                cells.append((have, required, ok))
            n, present, excused, absent = rolls.get(b.pk, (0, 0, 0, 0))
            rate = round(present * 100 / n, 1) if n else None
            rows.append((b, cells, short, (rate, excused, absent)))
        rows.sort(key=lambda r: (-r[2], r[0].path))
        complete = sum(1 for r in rows if r[2] == 0)
        return render(
            request,
            "members/meeting_completeness.html",
            {
                "org": org,
                "year": year,
                "quarter": q,
                "kinds": kinds,
                "rows": rows,
                "complete": complete,
                "quarters": (1, 2, 3, 4),
            },
        )


# ---------------------------------------------------------------- statistics


class StatsView(LoginRequiredMixin, View):
    """Member statistics of a subtree on any date, as charts and as a formatted xlsx sheet."""

    def get(self, request):
        from orgwork.members.stats import member_stats, stats_report, year_end_report

        org = _scope_roots(request)
        as_of = _as_of(request)
        if request.GET.get("_export") in ("xlsx", "year_end"):
            if not has_action(request.user, "export", org.path):
                raise PermissionDenied
            if request.GET["_export"] == "year_end":
                year = int(request.GET.get("year") or as_of.year)
                wb, checks = year_end_report(org, year)
                audit_export(
                    request.user,
                    "members.stats.year_end",
                    export_query(request.GET),
                    "xlsx",
                    len(checks),
                    obj=org,
                )
                return workbook_response(wb, _("party-statistics-{}-{}").format(org.name, year))
            wb, n = stats_report(org, as_of)
            audit_export(request.user, "members.stats", export_query(request.GET), "xlsx", n, obj=org)
            return workbook_response(wb, _("member-statistics-{}-{}").format(org.name, as_of.isoformat()))
        s = member_stats(org.path, as_of)
        chart = {
            dim: [{"name": label, "value": n} for label, n in s[dim]]
            for dim in ("status", "category", "age", "education", "sex", "ethnicity", "party_age")
        }
        query = export_query(request.GET)
        return render(
            request,
            "members/stats.html",
            {
                "org": org,
                "as_of": as_of,
                "s": s,
                "chart": chart,
                "export_url": "{}?{}{}_export=xlsx".format(request.path, query, "&" if query else ""),
                "year_end_url": "{}?{}{}_export=year_end&year={}".format(
                    request.path, query, "&" if query else "", as_of.year
                ),
                "can_export": has_action(request.user, "export", org.path),
            },
        )


class NationalExportView(LoginRequiredMixin, View):
    """The member list (same filters) in the columns of 全国党员管理信息系统, which the importer
    reads back unchanged. ID numbers unmasked only in the user's view_sensitive scope."""

    def get(self, request):
        import io
        from urllib.parse import quote

        from openpyxl import Workbook

        from orgwork.core.exports import XLSX_TYPE
        from orgwork.members.importers import NATIONAL_HEADERS
        from orgwork.people.idnumber import mask_id_number

        if not has_action(request.user, "export"):
            raise PermissionDenied
        qs = Member.objects.restrict(request.user, "export")
        fs = MemberFilterSet(request.GET or None, queryset=qs, request=request)
        qs = (
            (fs.qs if fs.is_bound and fs.is_valid() else qs)
            .select_related("person", "org")
            .order_by("org_path", "id")
        )
        sensitive = scope_prefixes(request.user, "view_sensitive")
        wb = Workbook(write_only=True)
        ws = wb.create_sheet(_("Members"))
        ws.append(list(NATIONAL_HEADERS))
        n = 0
        for m in qs.iterator(chunk_size=2000):
            p = m.person
            number = p.id_number or ""
            if not any(m.org_path.startswith(s) for s in sensitive):
                number = mask_id_number(number)
            ws.append(
                [
                    p.name,
                    p.get_sex_display(),
                    number,
                    p.get_ethnicity_display(),
                    p.birth_date,
                    p.get_education_display(),
                    m.get_status_display(),
                    m.org.name,
                    m.joined_on,
                    m.confirmed_on,
                    m.post,
                    p.phone,
                    p.address,
                    m.get_membership_state_display(),
                    "是" if m.lost_contact else "否",
                    m.lost_contact_on,
                    "是" if m.floating else "否",
                    m.float_destination,
                    m.get_category_display(),
                ]
            )
            n += 1
        audit_export(request.user, "members.member.national", export_query(request.GET), "xlsx", n)
        buf = io.BytesIO()
        wb.save(buf)
        from django.http import HttpResponse

        response = HttpResponse(buf.getvalue(), content_type=XLSX_TYPE)
        name = _("party-members-national-{}").format(timezone.localdate().isoformat()) + ".xlsx"
        response["Content-Disposition"] = "attachment; filename*=UTF-8''{}".format(quote(name))
        return response
