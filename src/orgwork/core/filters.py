"""FilterSet bases: a free-text ``q`` over the model's search fields, shared by pages and API."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from orgwork.core.models import ChangeLog, ChangeLogAction

__all__ = ["BaseFilterSet", "ChangeLogFilterSet"]


class BaseFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    search_fields: tuple = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from orgwork.core.widgets import autocomplete_for

        user = getattr(self.request, "user", None)
        for f in self.form.fields.values():
            qs = getattr(f, "queryset", None)
            if qs is not None and hasattr(qs, "restrict") and user is not None:
                # Offer (and accept) only related objects in the user's scope.
                f.queryset = qs.restrict(user, "view")
            autocomplete_for(f, "view")
            w = f.widget
            w.attrs.setdefault("class", "form-select" if isinstance(w, forms.Select) else "form-control")

    def search(self, queryset, name, value):
        value = value.strip()
        if not value or not self.search_fields:
            return queryset
        q = Q()
        for f in self.search_fields:
            q |= Q(**{f: value})
        return queryset.filter(q)


class ChangeLogFilterSet(django_filters.FilterSet):
    user_name = django_filters.CharFilter(lookup_expr="icontains", label=_("user"))
    action = django_filters.ChoiceFilter(choices=ChangeLogAction.choices, label=_("action"))
    object_repr = django_filters.CharFilter(lookup_expr="icontains", label=_("object"))
    request_id = django_filters.CharFilter(label=_("request id"))
    since = django_filters.DateFilter(
        field_name="time",
        lookup_expr="date__gte",
        label=_("from"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = django_filters.DateFilter(
        field_name="time",
        lookup_expr="date__lte",
        label=_("to"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = ChangeLog
        fields = ["user_name", "action", "object_repr", "request_id", "since", "until"]
