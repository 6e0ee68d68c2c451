"""Pages for people: list and detail (all their roles), reveal the ID number (audited), merge,
and the global search box."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import View

from orgwork.accounts.scope import access_object, can_view_sensitive, has_action
from orgwork.core.registry import register
from orgwork.core.views import ObjectDetailView, ObjectListView
from orgwork.orgs.models import Org, TeamSeat
from orgwork.people import services
from orgwork.people.api.serializers import PersonSerializer
from orgwork.people.filters import PersonFilterSet, person_search_q
from orgwork.people.forms import MergeForm, PersonBulkEditForm, PersonForm
from orgwork.people.importers import PersonImporter
from orgwork.people.models import Person
from orgwork.people.tables import PersonTable

__all__ = ["PersonListView", "PersonDetailView", "RevealIdView", "MergeView", "DuplicatesView", "SearchView"]

register(
    Person,
    filterset=PersonFilterSet,
    table=PersonTable,
    form=PersonForm,
    bulk_edit_form=PersonBulkEditForm,
    detail_template="people/person_detail.html",
    serializer=PersonSerializer,
    api_path="people",
    importer=PersonImporter,
)


class PersonListView(ObjectListView):
    model = Person

    def get_queryset(self, request):
        within = request.GET.get("within", "")
        if within.isdigit():
            org = Org.objects.restrict(request.user, "view").filter(pk=int(within)).only("path").first()
            if org is not None:
                # The chosen org lies in the user's scope and scope is closed under subtrees, so its
                # subtree alone is the scope: one range instead of the user's whole (larger) scope.
                request.scope_narrowed_to = org.pk
                return Person.objects.filter(Person.scope_q_for_prefixes([org.path])).select_related(
                    "registered_org"
                )
        return super().get_queryset(request).select_related("registered_org")


class PersonDetailView(ObjectDetailView):
    model = Person

    def get_extra_context(self, request, obj):
        seats = (
            TeamSeat.objects.restrict(request.user, "view")
            .filter(person=obj)
            .select_related("org")
            .order_by("-started_on")
        )
        return {
            "seats": seats,
            "affiliations": obj.affiliations.select_related("org").order_by("org_path"),
            "can_reveal": self.scope_is_view_scope(request, "view_sensitive")
            or can_view_sensitive(request.user, obj),
            "can_merge": has_action(request.user, "change"),
        }


class RevealIdView(LoginRequiredMixin, View):
    """htmx: the unmasked ID number, for users who may see it; every reveal is in the log."""

    def post(self, request, pk):
        person = access_object(Person, request.user, pk, "view")
        if not can_view_sensitive(request.user, person):
            raise Http404("not found")
        number = services.reveal_id_number(person, user=request.user)
        return render(request, "people/_id_number.html", {"number": number})


class MergeView(LoginRequiredMixin, View):
    def post(self, request, pk):
        keep = access_object(Person, request.user, pk, "change")
        form = MergeForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Enter the number of the person to merge."))
            return HttpResponseRedirect(keep.get_absolute_url())
        drop = access_object(Person, request.user, form.cleaned_data["other"], "delete")
        if form.cleaned_data["version"] != keep.version:
            messages.error(
                request, _("Somebody else has changed this record. Please reload the page and try again.")
            )
            return HttpResponseRedirect(keep.get_absolute_url())
        try:
            services.merge_people(keep, drop, actor=request.user)
        except ValueError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("{} merged into this record.").format(drop))
        return HttpResponseRedirect(keep.get_absolute_url())


class DuplicatesView(LoginRequiredMixin, View):
    """Possible duplicates in the user's scope: same name and birth date (ID numbers are unique,
    so these are mostly records entered without one)."""

    def get(self, request):
        if not has_action(request.user, "change"):
            raise Http404("not found")
        visible = Person.objects.restrict(request.user, "view")
        groups = []
        for g in services.duplicate_groups(visible)[:100]:
            rows = list(
                visible.filter(name=g["name"], birth_date=g["birth_date"])
                .select_related("registered_org")
                .order_by("pk")
            )
            groups.append({"name": g["name"], "birth_date": g["birth_date"], "rows": rows})
        return render(request, "people/duplicates.html", {"groups": groups})


class SearchView(LoginRequiredMixin, View):
    """The global search box: people by name, pinyin, initials or ID number; orgs by name or code."""

    def get(self, request):
        q = request.GET.get("q", "").strip()
        people, orgs = [], []
        if q:
            people = list(
                Person.objects.restrict(request.user, "view")
                .filter(person_search_q(q))
                .select_related("registered_org")
                .order_by("name_pinyin")[:20]
            )
            oq = Org.objects.restrict(request.user, "view")
            from django.db.models import Q

            orgs = list(
                oq.filter(
                    Q(name__icontains=q) | Q(short_name__icontains=q) | Q(code__istartswith=q)
                ).order_by("path")[:20]
            )
        template = "people/_search_results.html" if getattr(request, "htmx", False) else "people/search.html"
        return render(request, template, {"q": q, "people": people, "orgs": orgs})
