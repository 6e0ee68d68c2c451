"""Pages of casework: the list (generic), a case with its history and the verbs its user may use,
registration with duplicate and routing suggestions, my cases, supervision, statistics."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Case as When_
from django.db.models import IntegerField, Q, Value, When
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from orgwork.accounts.scope import access_object, has_action, scope_prefixes
from orgwork.casework import forms as cforms
from orgwork.casework import services, textsim
from orgwork.casework.api.serializers import CaseSerializer
from orgwork.casework.api.verbs import VERBS, CaseVerbsMixin
from orgwork.casework.choices import OPEN_STATES, CaseState, ParticipantRole
from orgwork.casework.filters import CaseFilterSet
from orgwork.casework.models import Case, CaseParticipant
from orgwork.casework.tables import CaseTable
from orgwork.core.paths import subtrees_q
from orgwork.core.registry import register
from orgwork.core.views import ObjectDetailView, ObjectEditView, ObjectListView
from orgwork.orgs.models import Org

__all__ = [
    "CaseListView",
    "CaseDetailView",
    "CaseRegisterView",
    "SuggestView",
    "CaseActionView",
    "MyCasesView",
    "SupervisionView",
    "StatsView",
]

register(
    Case,
    filterset=CaseFilterSet,
    table=CaseTable,
    form=cforms.CaseForm,
    detail_template="casework/case_detail.html",
    serializer=CaseSerializer,
    api_mixins=(CaseVerbsMixin,),
)

PRIORITY_RANK = When_(
    When(case__priority="critical", then=Value(0)),
    When(case__priority="urgent", then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


class CaseListView(ObjectListView):
    model = Case

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("org", "lead_org")


def _user_roles(user, case, parts):
    """What the user may do on this case: assigner, lead handler, co-handler(s), supervisor."""
    change = scope_prefixes(user, "change")

    def may(path):
        return any(path.startswith(p) for p in change)

    return {
        "assigner": may(case.org_path),
        "lead": any(may(p.org_path) for p in parts if p.role == ParticipantRole.LEAD),
        "co_orgs": [
            p.org for p in parts if p.role == ParticipantRole.CO and p.done_on is None and may(p.org_path)
        ],
        "handler": any(
            may(p.org_path) for p in parts if p.role in (ParticipantRole.LEAD, ParticipantRole.CO)
        ),
        "supervisor": may(case.org_path),
    }


class CaseDetailView(ObjectDetailView):
    model = Case

    def get_extra_context(self, request, obj):
        parts = list(obj.participants.select_related("org").order_by("role", "org_path"))
        roles = _user_roles(request.user, obj, parts)
        allowed = {k for k, states in services.ALLOWED.items() if obj.state in states}
        u = request.user
        return {
            "events": obj.events.select_related("org").order_by("at", "id"),
            "participants": parts,
            "roles": roles,
            "allowed": allowed,
            "today": timezone.localdate(),
            "assign_form": cforms.AssignForm(
                user=u, case=obj, initial={"lead_days": obj.kind_spec.days_for(obj.category)}
            ),
            "note_form": cforms.NoteForm(),
            "close_form": cforms.CloseForm(),
            "reopen_form": cforms.ReopenForm(),
            "feedback_form": cforms.FeedbackForm(),
            "extend_form": cforms.ExtendForm(case=obj),
            "report_form": cforms.ReportForm(),
        }


class CaseRegisterView(ObjectEditView):
    """登记 (and edit): the same form; a new case is registered through its verb, with the
    duplicate and routing suggestions beside the form."""

    model = Case

    def render_form(self, request, obj, form, status=200):
        if obj.pk:
            return super().render_form(request, obj, form, status)
        ctx = self.base_context(object=obj, form=form, is_new=True)
        return render(request, "casework/case_register.html", ctx, status=status)

    def get_form(self, request, obj, data=None):
        action = "change" if obj.pk else "add"
        initial = {k: v for k, v in request.GET.items() if k in self.cfg.form.base_fields}
        files = request.FILES if data is not None else None
        return self.cfg.form(data, files, instance=obj, user=request.user, action=action, initial=initial)

    def save(self, request, form, obj):
        if obj.pk:
            return super().save(request, form, obj)
        return services.register_case(
            form.instance, actor=request.user, attachment=form.cleaned_data.get("attachment")
        )


def suggestions_for(user, title, description, *, org_id=None, place="", exclude_id=None):
    text = f"{title} {title} {description}".strip()
    if len(text) < 6:
        return [], []
    prefixes = scope_prefixes(user, "view")
    route_prefix = None
    if str(org_id or "").isdigit():
        route_prefix = (
            Org.objects.restrict(user, "view").filter(pk=int(org_id)).values_list("path", flat=True).first()
        )
    dupes, routing = textsim.suggest(
        text, prefixes=prefixes, route_prefix=route_prefix, place=place.strip(), exclude_id=exclude_id
    )
    names = dict(
        Org.all_objects.filter(
            pk__in=[r[0] for r in routing] + [d.lead_org_id for d in dupes if d.lead_org_id]
        ).values_list("pk", "name")
    )
    routing = [{"org_id": o, "org": names.get(o, ""), "weight": w, "cases": cases} for o, w, cases in routing]
    for d in dupes:
        d.lead_org = names.get(d.lead_org_id, "")
        d.state_label = CaseState(d.state).label
    return dupes, routing


class SuggestView(LoginRequiredMixin, View):
    """htmx: likely duplicates and the org that handled the most similar cases, with the cases."""

    def post(self, request):
        if not has_action(request.user, "view"):
            raise Http404
        p = request.POST
        dupes, routing = suggestions_for(
            request.user,
            p.get("title", ""),
            p.get("description", ""),
            org_id=p.get("org"),
            place=p.get("raised_place", ""),
        )
        return render(request, "casework/_suggestions.html", {"dupes": dupes, "routing": routing})


# What the page says when the input of a verb is refused: the API's input serializers validate both
# doors (casework.api.verbs.VERBS), and the API names the refused fields; the page's forms (which
# keep numbers and dates in range in the browser) get one sentence: what to give (a text too long
# is said as such). A refused org of "co-done" (a hidden field) is a 404.
PAGE_REFUSALS = {
    "assign": gettext_lazy("Choose the lead org."),
    "progress": gettext_lazy("Write what was done."),
    "request-close": gettext_lazy("Write the reply to the raiser."),
    "reopen": gettext_lazy("Give the reason for reopening."),
    "feedback": gettext_lazy("Choose the raiser's satisfaction."),
    "pause": gettext_lazy("Say what the raiser is asked for."),
    "extend": gettext_lazy("Choose the organization and the working days."),
    "demand-report": gettext_lazy("Give the date the report is due."),
}


def page_input(verb, post):
    """The page's form data in the shape of the verb's API input: the assign form's three co-handler
    fields (one number of days for all) make the list of co-handlers; a reminder without a text
    asks to speed up."""
    if verb == "assign":
        return {
            "lead": post.get("lead") or None,
            "lead_days": post.get("lead_days") or None,
            "co": [
                {"org": post[k], "days": post.get("co_days") or None}
                for k in ("co1", "co2", "co3")
                if post.get(k)
            ],
            "note": post.get("note", ""),
        }
    if verb == "remind":
        return {"note": post.get("note", "") or _("Please speed up the handling.")}
    return post


def _details(errors):
    if isinstance(errors, dict):
        errors = list(errors.values())
    if isinstance(errors, list):
        for e in errors:
            yield from _details(e)
    else:
        yield errors


def page_refusal(verb, errors) -> str:
    details = list(_details(errors))
    if verb in PAGE_REFUSALS and not any(getattr(d, "code", "") == "max_length" for d in details):
        return str(PAGE_REFUSALS[verb])
    return " ".join(dict.fromkeys(str(d) for d in details))


class CaseActionView(LoginRequiredMixin, View):
    """POST a verb for a case: /casework/cases/<pk>/<action>/ (the API's verb with ``_`` for ``-``)."""

    def post(self, request, pk, action):
        case = access_object(Case, request.user, pk, "view")
        verb = action.replace("_", "-")
        if verb not in VERBS:
            raise Http404
        input_cls, call, _summary = VERBS[verb]
        data = input_cls(data=page_input(verb, request.POST), context={"request": request})
        try:
            if not data.is_valid():
                if verb == "co-done":
                    raise Http404
                raise ValidationError(page_refusal(verb, data.errors))
            call(case, request.user, {**data.validated_data, "attachment": request.FILES.get("attachment")})
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Done."))
        return HttpResponseRedirect(case.get_absolute_url())


class EventFileView(LoginRequiredMixin, View):
    """An event's file (evidence), for whoever may see the case; the download is in the log."""

    def get(self, request, pk, event_id):
        from django.http import FileResponse

        from orgwork.casework.models import CaseEvent
        from orgwork.core.audit import record_event
        from orgwork.core.models import ChangeLogAction

        case = access_object(Case, request.user, pk, "view")
        ev = CaseEvent.objects.filter(case=case, pk=event_id).exclude(attachment="").first()
        if ev is None:
            raise Http404
        record_event(ChangeLogAction.EXPORT, actor=request.user, obj=case, note=ev.attachment.name)
        return FileResponse(
            ev.attachment.open("rb"), as_attachment=True, filename=ev.attachment.name.rsplit("/", 1)[-1]
        )


class MyCasesView(LoginRequiredMixin, View):
    """Open cases the user's orgs handle (lead or co-handling), most urgent first: overdue, then the
    nearest deadline, then priority."""

    def get(self, request):
        prefixes = scope_prefixes(request.user, "change")
        if not prefixes:
            raise Http404
        parts = (
            CaseParticipant.objects.filter(subtrees_q(prefixes, "org_path"))
            .filter(
                role__in=[ParticipantRole.LEAD, ParticipantRole.CO],
                case__state__in=OPEN_STATES,
                case__deleted_at__isnull=True,
            )
            .select_related("case", "case__lead_org", "org")
        )
        # Critical cases first at the same deadline.
        parts = parts.annotate(prio=PRIORITY_RANK).order_by("due_on", "prio", "case_id")
        page = Paginator(parts, 50).get_page(request.GET.get("page"))
        return render(request, "casework/my_cases.html", {"page": page, "today": timezone.localdate()})


class SupervisionView(LoginRequiredMixin, View):
    """For supervisors: the overdue and the supervised open cases registered in their subtree."""

    def get(self, request):
        prefixes = scope_prefixes(request.user, "view")
        if not prefixes:
            raise Http404
        today = timezone.localdate()
        qs = (
            Case.objects.filter(subtrees_q(prefixes, "org_path"), state__in=OPEN_STATES)
            .filter(Q(due_on__lt=today) | Q(supervised=True))
            .select_related("lead_org", "org")
            .order_by("due_on", "id")
        )
        page = Paginator(qs, 50).get_page(request.GET.get("page"))
        return render(request, "casework/supervision.html", {"page": page, "today": today})


class StatsView(LoginRequiredMixin, View):
    """Statistics of a subtree and period; ``?format=xlsx`` gives the 督办通报."""

    def get(self, request):
        from orgwork.casework import stats

        prefixes = scope_prefixes(request.user, "view")
        if not prefixes:
            raise Http404
        form = cforms.StatsForm(request.GET or None, user=request.user)
        today = timezone.localdate()
        org = start = end = None
        if form.is_bound and form.is_valid():
            org, start, end = form.cleaned_data["org"], form.cleaned_data["start"], form.cleaned_data["end"]
        org = org or Org.objects.filter(path=prefixes[0]).first()
        start = start or today.replace(day=1)
        end = end or today
        data = stats.case_stats(org.path, start, end)
        overdue = stats.overdue_cases(Case.objects.filter(subtrees_q([org.path], "org_path")))
        if request.GET.get("format") == "xlsx":
            if not has_action(request.user, "export", org.path):
                raise Http404
            from orgwork.core.audit import record_event
            from orgwork.core.models import ChangeLogAction

            response = HttpResponse(
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            )
            name = "{}-{}-{}.xlsx".format(_("supervision bulletin"), org.name, end.strftime("%Y%m"))
            from urllib.parse import quote

            response["Content-Disposition"] = "attachment; filename*=UTF-8''" + quote(name)
            stats.bulletin_xlsx(
                response, org=org, start=start, end=end, stats=data, overdue=list(overdue[:2000])
            )
            record_event(ChangeLogAction.EXPORT, actor=request.user, note=name)
            return response
        return render(
            request,
            "casework/stats.html",
            {
                "form": form,
                "org": org,
                "start": start,
                "end": end,
                "s": data,
                "overdue": overdue[:50],
                "overdue_count": overdue.count(),
                "query": request.GET.urlencode(),
            },
        )
