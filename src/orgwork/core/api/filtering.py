"""The page filtersets, applied to the API with stricter parsing: the pages forgive odd values
(an unknown yes/no or an empty date becomes "any"), but a program sending ``?current=maybe`` or a single-valued
filter twice should hear about it (400) rather than silently get the unfiltered list."""

from django.utils.translation import gettext as _
from django_filters import BooleanFilter, CharFilter, MultipleChoiceFilter
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError

__all__ = ["StrictFilterBackend"]

BOOLEAN_VALUES = {"true", "false"}


class StrictFilterBackend(DjangoFilterBackend):
    def get_filterset(self, request, queryset, view):
        filterset = super().get_filterset(request, queryset, view)
        if filterset is None:
            return None
        errors = {}
        params = request.query_params
        for name, flt in filterset.filters.items():
            if name not in params:
                continue
            values = params.getlist(name)
            if len(values) > 1 and not isinstance(flt, MultipleChoiceFilter):
                errors[name] = [_("Give this filter once.")]
            elif not isinstance(flt, CharFilter) and "" in values:
                errors[name] = [_("Leave the filter out rather than sending it empty.")]
            elif isinstance(flt, BooleanFilter) and values[0] not in BOOLEAN_VALUES:
                errors[name] = [_("Expected true or false.")]
        if errors:
            raise ValidationError(errors)
        return filterset
