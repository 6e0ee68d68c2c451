"""Pages of talent work: the registered lists and forms (generic), a talent's page with their
programs, card, pairings, stays and service requests, awarding and card verbs, service requests
filed onto the casework engine, the plan's progress, the talent map with its printable sheet, the
leader–talent pairs with no contact this quarter and the 揭榜挂帅 board."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View

from orgwork.accounts.scope import access_object, has_action, scope_prefixes
from orgwork.core.exports import audit_export, export_query
from orgwork.core.registry import register
from orgwork.core.views import ObjectDetailView, ObjectListView
from orgwork.orgs.models import Org
from orgwork.talent import filters as fl
from orgwork.talent import forms as fm
from orgwork.talent import rules, services
from orgwork.talent import tables as tb
from orgwork.talent.api import serializers as s
from orgwork.talent.api.verbs import TrancheVerbsMixin
from orgwork.talent.importers import AwardImporter, ChallengeImporter, TalentImporter
from orgwork.talent.models import (
    Award,
    CardServiceUse,
    Challenge,
    ChallengeMilestone,
    ChallengeTeam,
    ContactLog,
    LiaisonPair,
    ProgramRound,
    Stay,
    Talent,
    TalentCard,
    TalentProgram,
    TalentStation,
    Tranche,
)

__all__ = [
    "TalentListView",
    "TalentDetailView",
    "TalentProgramDetailView",
    "AwardDetailView",
    "TalentCardDetailView",
    "TalentStationDetailView",
    "ChallengeDetailView",
    "AwardDecisionView",
    "CardActionView",
    "TrancheDetailView",
    "TranchePayView",
    "ServiceRequestView",
    "PlanView",
    "MapView",
    "NoContactView",
    "ChallengeBoardView",
]

API_VERBS = {Tranche: (TrancheVerbsMixin,)}
IMPORTERS = {Talent: TalentImporter, Award: AwardImporter, Challenge: ChallengeImporter}

for model, name, plural, api_path, detail in (
    (Talent, "Talent", "talents", "talents", "talent/talent_detail.html"),
    (TalentProgram, "TalentProgram", "programs", "programs", "talent/program_detail.html"),
    (ProgramRound, "ProgramRound", "rounds", "rounds", None),
    (Award, "Award", "awards", "awards", "talent/award_detail.html"),
    (Tranche, "Tranche", "tranches", "tranches", "talent/tranche_detail.html"),
    (TalentCard, "TalentCard", "cards", "cards", "talent/card_detail.html"),
    (CardServiceUse, "CardServiceUse", "card-uses", "card-uses", None),
    (LiaisonPair, "LiaisonPair", "pairs", "pairs", "talent/pair_detail.html"),
    (ContactLog, "ContactLog", "contacts", "contacts", None),
    (TalentStation, "TalentStation", "stations", "stations", "talent/station_detail.html"),
    (Stay, "Stay", "stays", "stays", None),
    (Challenge, "Challenge", "challenges", "challenges", "talent/challenge_detail.html"),
    (ChallengeTeam, "ChallengeTeam", "teams", "challenge-teams", None),
    (ChallengeMilestone, "ChallengeMilestone", "milestones", "challenge-milestones", None),
):
    register(
        model,
        filterset=getattr(fl, name + "FilterSet"),
        table=getattr(tb, name + "Table"),
        form=getattr(fm, name + "Form"),
        serializer=getattr(s, name + "Serializer"),
        api_path=api_path,
        detail_template=detail,
        extra={"plural": plural},
        importer=IMPORTERS.get(model),
        api_mixins=API_VERBS.get(model, ()),
    )


class TalentListView(ObjectListView):
    model = Talent

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("org", "person")


class TalentDetailView(ObjectDetailView):
    model = Talent

    def get_extra_context(self, request, obj):
        requests = list(services.service_requests_of(obj).select_related("lead_org"))
        visible_cases = set()
        if requests:
            from orgwork.casework.models import Case

            visible_cases = set(
                Case.objects.restrict(request.user, "view")
                .filter(pk__in=[c.pk for c in requests])
                .values_list("pk", flat=True)
            )
        rated = [c.satisfaction for c in requests if c.satisfaction]
        return {
            "awards": Award.objects.filter(talent=obj)
            .select_related("round", "program")
            .order_by("-created_at"),
            "cards": TalentCard.objects.filter(talent=obj).order_by("-issued_on"),
            "pairs": LiaisonPair.objects.filter(talent=obj).select_related("leader"),
            "stays": Stay.objects.filter(talent=obj).select_related("station"),
            "requests": requests,
            "visible_cases": visible_cases,
            "mean_rating": round(sum(rated) / len(rated), 1) if rated else None,
            "can_file": has_action(request.user, "add", obj.org_path),
            "level_spec": obj.level_spec,
        }


class TalentProgramDetailView(ObjectDetailView):
    model = TalentProgram

    def get_extra_context(self, request, obj):
        committed, paid = obj.committed(), obj.paid()
        return {
            "committed": committed,
            "paid": paid,
            "available": obj.budget - committed,
            "committed_percent": round(100 * committed / obj.budget, 1) if obj.budget else None,
            "rounds": ProgramRound.objects.filter(program=obj),
            "awards": Award.objects.filter(program=obj)
            .select_related("talent__person", "round")
            .order_by("-score", "pk")[:200],
        }


class AwardDetailView(ObjectDetailView):
    model = Award

    def get_extra_context(self, request, obj):
        return {
            "tranches": Tranche.objects.filter(award=obj),
            "funding_form": fm.AwardFundingForm(),
            "program_available": obj.program.budget - obj.program.committed(),
        }


class TalentCardDetailView(ObjectDetailView):
    model = TalentCard

    def get_extra_context(self, request, obj):
        return {
            "uses": CardServiceUse.objects.filter(card=obj).order_by("-used_on")[:100],
            "revoke_form": fm.RevokeCardForm(),
            "valid_today": obj.valid_on(timezone.localdate()),
        }


class TalentStationDetailView(ObjectDetailView):
    model = TalentStation

    def get_extra_context(self, request, obj):
        occupied = obj.occupancy()
        return {
            "occupied": occupied,
            "free": max(0, obj.capacity - occupied),
            "stays": Stay.objects.filter(station=obj, moved_out__isnull=True).select_related(
                "talent__person"
            ),
        }


class ChallengeDetailView(ObjectDetailView):
    model = Challenge

    def get_extra_context(self, request, obj):
        milestones = list(ChallengeMilestone.objects.filter(challenge=obj))
        return {
            "teams": ChallengeTeam.objects.filter(challenge=obj),
            "milestones": milestones,
            "paid": sum((m.payment for m in milestones if m.paid_on), 0),
        }


class AwardDecisionView(LoginRequiredMixin, View):
    """Award funding to an application (within the budget) or decline it."""

    def post(self, request, pk, decision):
        award = access_object(Award, request.user, pk, "change")
        try:
            if decision == "award":
                form = fm.AwardFundingForm(request.POST)
                if not form.is_valid():
                    raise ValidationError(_("Give the amount awarded."))
                services.award_funding(
                    award, form.cleaned_data["amount"], actor=request.user, on=form.cleaned_data["awarded_on"]
                )
                messages.success(request, _("Awarded."))
            elif decision == "decline":
                services.decline_application(award, actor=request.user)
                messages.success(request, _("Marked as not awarded."))
            else:
                raise Http404("not found")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return HttpResponseRedirect(reverse("talent:award_detail", args=[award.pk]))


class TrancheDetailView(ObjectDetailView):
    model = Tranche

    def get_extra_context(self, request, obj):
        from django.db.models import Sum

        award = obj.award  # already read for the page's title
        paid = Tranche.objects.filter(award_id=award.pk, paid_on__isnull=False).aggregate(
            s=Sum("paid_amount")
        )
        return {
            "pay_form": fm.PayTrancheForm(),
            "award_status": award.status,
            "award_unpaid": (award.amount or 0) - (paid["s"] or 0),
        }


class TranchePayView(LoginRequiredMixin, View):
    """拨付 a tranche (``services.pay_tranche``): from the tranche page with an amount and a date,
    or from the award page in full, today."""

    def post(self, request, pk):
        tranche = access_object(Tranche, request.user, pk, "change")
        form = fm.PayTrancheForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError(" ".join(e for errs in form.errors.values() for e in errs))
            services.pay_tranche(
                tranche,
                actor=request.user,
                amount=form.cleaned_data["amount"],
                on=form.cleaned_data["paid_on"],
            )
            messages.success(request, _("Tranche paid."))
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        back = request.POST.get("next") or request.META.get("HTTP_REFERER", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            back = tranche.get_absolute_url()
        return HttpResponseRedirect(back or tranche.get_absolute_url())


class CardActionView(LoginRequiredMixin, View):
    """Renew or revoke a card; issuing is the card's add page."""

    def post(self, request, pk, action):
        card = access_object(TalentCard, request.user, pk, "change")
        try:
            if action == "renew":
                services.renew_card(card, actor=request.user)
                messages.success(request, _("Card renewed."))
            elif action == "revoke":
                form = fm.RevokeCardForm(request.POST)
                services.revoke_card(
                    card, actor=request.user, reason=form.data.get("reason", "") if form.is_bound else ""
                )
                messages.success(request, _("Card revoked."))
            else:
                raise Http404("not found")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return HttpResponseRedirect(reverse("talent:talentcard_detail", args=[card.pk]))


class ServiceRequestView(LoginRequiredMixin, View):
    """File a one-stop service request for a talent: a case of kind ``talent_service`` registered by
    the talent's serving org, assigned at once to the responsible department when one is chosen."""

    def _talent(self, request, pk):
        talent = access_object(Talent, request.user, pk, "view")
        if not has_action(request.user, "add", talent.org_path):
            raise Http404("not found")
        return talent

    def get(self, request, pk):
        talent = self._talent(request, pk)
        form = fm.ServiceRequestForm(initial={"category": request.GET.get("category", "")})
        return render(request, "talent/service_request.html", {"talent": talent, "form": form})

    def post(self, request, pk):
        talent = self._talent(request, pk)
        form = fm.ServiceRequestForm(request.POST)
        case = form.file(talent, actor=request.user, source="talent_office")
        if case is not None:
            messages.success(
                request,
                _("Service request filed: {title}.").format(title=case.title)
                + (" " + _("Deadline: {}").format(case.due_on.isoformat()) if case.due_on else ""),
            )
            return HttpResponseRedirect(talent.get_absolute_url())
        return render(request, "talent/service_request.html", {"talent": talent, "form": form}, status=400)


def _chosen(request):
    """The user's view prefixes narrowed to the chosen org, and that org (None: whole scope)."""
    prefixes = scope_prefixes(request.user, "view")
    if not prefixes:
        raise Http404("not found")
    form = fm.MapFilterForm(request.GET or None, user=request.user)
    org = form.value("within")
    if org is None and len(prefixes) == 1:
        org = Org.objects.filter(path=prefixes[0]).first()
    if org is not None:
        prefixes = [org.path]
    return prefixes, org, form


def _export_url(request):
    if not has_action(request.user, "export"):
        return None
    query = export_query(request.GET)
    return "?{}{}_export=xlsx".format(query, "&" if query else "")


class PlanView(LoginRequiredMixin, View):
    """The 3-year plan (人才引进三年计划) against the registry, for the scope or a chosen subtree."""

    def get(self, request):
        prefixes, org, form = _chosen(request)
        progress = services.plan_progress(prefixes)
        chart = {
            "years": [str(y) for y in progress["years"]],
            "series": [
                {
                    "name": str(r["label"]),
                    "data": [y["cumulative"] for y in r["by_year"]],
                    "target": r["target"],
                }
                for r in progress["rows"]
            ],
        }
        return render(
            request,
            "talent/plan.html",
            {"progress": progress, "org": org, "form": form, "chart": chart},
        )


def _dimension_rows(data, dim):
    labels = services.dimension_labels(dim)
    rows = [(str(labels.get(k, k or _("not recorded"))), n) for k, n in data[dim].items()]
    return sorted(rows, key=lambda r: -r[1])


class MapView(LoginRequiredMixin, View):
    """产业人才图谱: talents by industry chain, level, category, origin and region (the orgs just
    below the chosen one: click a region to drill down); ``?_export=xlsx`` prints the industry ×
    level sheet with totals."""

    def get(self, request):
        prefixes, org, form = _chosen(request)
        group = org.path if org is not None else None
        from orgwork.core.figures import cached_figures

        data = cached_figures(
            "talent:map:{}:{}".format(",".join(prefixes), group or ""),
            lambda: services.talent_map(prefixes, group_prefix=group),
        )
        if request.GET.get("_export") == "xlsx":
            return self.export(request, org, data)
        regions = []
        if data["region"] is not None:
            orgs = {o.path: o for o in Org.objects.filter(path__in=list(data["region"]))}
            for path, n in sorted(data["region"].items(), key=lambda kv: -kv[1]):
                o = orgs.get(path)
                if o is None or (org is not None and path == org.path):
                    regions.append((None, _("{} (own)").format(org.name) if org else path, n))
                else:
                    regions.append((o, o.name, n))
        dims = {d: _dimension_rows(data, d) for d in services.MAP_DIMENSIONS}
        chart = {d: [{"name": name, "value": n} for name, n in rows] for d, rows in dims.items()}
        chart["region"] = [{"name": name, "value": n, "id": o.pk if o else None} for o, name, n in regions]
        return render(
            request,
            "talent/map.html",
            {
                "org": org,
                "form": form,
                "total": data["total"],
                "dims": dims,
                "regions": regions,
                "chart": chart,
                "export_url": _export_url(request),
            },
        )

    def export(self, request, org, data):
        if not has_action(request.user, "export"):
            raise PermissionDenied
        from orgwork.talent.reports import industry_map_workbook

        wb, rows = industry_map_workbook(org, data)
        import io

        buf = io.BytesIO()
        wb.save(buf)
        audit_export(request.user, "talent.map", export_query(request.GET), "xlsx", rows)
        from orgwork.core.exports import XLSX_TYPE, _disposition

        response = HttpResponse(buf.getvalue(), content_type=XLSX_TYPE)
        response["Content-Disposition"] = _disposition(
            "产业人才图谱-{}.xlsx".format(org.name if org else "全部")
        )
        return response


class NoContactView(LoginRequiredMixin, View):
    """Leader–talent pairs with no contact record this quarter (联系服务 at least once a quarter)."""

    def get(self, request):
        prefixes, org, form = _chosen(request)
        today = timezone.localdate()
        first, last = rules.quarter_bounds(today)
        pairs = services.pairs_without_contact(prefixes, today)
        return render(
            request,
            "talent/no_contact.html",
            {
                "pairs": pairs[:1000],
                "count": pairs.count(),
                "org": org,
                "form": form,
                "first": first,
                "last": last,
            },
        )


class ChallengeBoardView(LoginRequiredMixin, View):
    """揭榜挂帅 board: the challenges published in a period with the line "N个项目, 张榜金额 X亿元"."""

    def get(self, request):
        prefixes, org, form = _chosen(request)
        today = timezone.localdate()
        start = _date(request.GET.get("start"), date(today.year - 4, 1, 1))
        end = _date(request.GET.get("end"), today)
        if end < start:
            start, end = end, start
        board = services.challenge_board(prefixes, start, end)
        from orgwork.core.paths import subtrees_q

        challenges = (
            Challenge.objects.filter(
                subtrees_q(prefixes, "org_path"), published_on__gte=start, published_on__lte=end
            )
            .exclude(status="withdrawn")
            .order_by("-bounty", "pk")[:200]
        )
        return render(
            request,
            "talent/challenge_board.html",
            {"board": board, "challenges": challenges, "start": start, "end": end, "org": org, "form": form},
        )


def _date(value, default):
    try:
        return date.fromisoformat(value) if value else default
    except ValueError:
        return default
