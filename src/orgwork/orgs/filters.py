"""Filters of the org tree, shared by pages and API."""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from orgwork.core.filters import BaseFilterSet
from orgwork.core.paths import subtree_q
from orgwork.orgs.choices import OrgKind, OrgLevel, SeatRole, Sector, TeamKind
from orgwork.orgs.models import Org, TeamSeat, Term

__all__ = ["OrgFilterSet", "TermFilterSet", "TeamSeatFilterSet", "SubtreeFilter"]


@extend_schema_field(OpenApiTypes.INT)  # an org id
class SubtreeFilter(django_filters.ModelChoiceFilter):
    """Rows within the subtree of the chosen org (one range on the path column)."""

    def __init__(self, *args, path_field="org_path", **kwargs):
        self.path_field = path_field
        kwargs.setdefault("queryset", Org.objects.all())
        kwargs.setdefault("label", _("within organization"))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(subtree_q(value.path, self.path_field))


class OrgFilterSet(BaseFilterSet):
    search_fields = ("name__icontains", "short_name__icontains", "code__istartswith")
    within = SubtreeFilter(path_field="path")
    kind = django_filters.MultipleChoiceFilter(choices=OrgKind.choices, label=_("kind"))
    level = django_filters.MultipleChoiceFilter(choices=OrgLevel.choices, label=_("level"))
    sector = django_filters.MultipleChoiceFilter(choices=Sector.choices, label=_("sector"))

    class Meta:
        model = Org
        fields = ["q", "within", "kind", "level", "sector", "division_code"]


class TermFilterSet(BaseFilterSet):
    search_fields = ("org__name__icontains",)
    within = SubtreeFilter()
    current = django_filters.BooleanFilter(
        field_name="ended_on", lookup_expr="isnull", label=_("current term")
    )

    class Meta:
        model = Term
        fields = ["q", "within", "current"]


class TeamSeatFilterSet(BaseFilterSet):
    search_fields = (
        "person__name__icontains",
        "person__name_pinyin__startswith",
        "person__name_initials__startswith",
        "org__name__icontains",
    )
    within = SubtreeFilter()
    team = django_filters.ChoiceFilter(choices=TeamKind.choices, label=_("team"))
    role = django_filters.MultipleChoiceFilter(choices=SeatRole.choices, label=_("role"))
    current = django_filters.BooleanFilter(
        field_name="ended_on", lookup_expr="isnull", label=_("current seat")
    )

    class Meta:
        model = TeamSeat
        fields = ["q", "within", "team", "role", "current"]
