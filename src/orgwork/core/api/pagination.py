"""Paging of every API list: ``?limit=&offset=`` (default 50 rows, at most 500; anything else is a 400). The total count is
cached per data generation (core.figures, as the list pages do), so walking a list of 700,000
people page by page counts it once, not on every page."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination

__all__ = ["ApiPagination", "MAX_LIMIT"]

MAX_LIMIT = 500


class ApiPagination(LimitOffsetPagination):
    default_limit = 50
    max_limit = MAX_LIMIT

    def _read(self, request, name, low, high):
        raw = request.query_params.get(name)
        if raw is None:
            return None
        try:
            value = int(raw)
        except ValueError:
            value = None
        if value is None or value < low or (high is not None and value > high):
            if high is None:
                message = _("A whole number of at least {} is expected.").format(low)
            else:
                message = _("A whole number from {} to {} is expected.").format(low, high)
            raise ValidationError({name: [message]})
        return value

    def get_limit(self, request):
        """A limit outside 1…500 (or not a number) is a 400, not silently another page size."""
        value = self._read(request, self.limit_query_param, 1, self.max_limit)
        return self.default_limit if value is None else value

    def get_offset(self, request):
        value = self._read(request, self.offset_query_param, 0, None)
        return 0 if value is None else value

    def get_count(self, queryset):
        if hasattr(queryset, "with_cached_count"):
            queryset = queryset.with_cached_count()
        return super().get_count(queryset)

    def get_schema_operation_parameters(self, view):
        params = super().get_schema_operation_parameters(view)
        for p in params:
            if p["name"] == self.limit_query_param:
                p["schema"] = {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT}
            elif p["name"] == self.offset_query_param:
                p["schema"] = {"type": "integer", "minimum": 0}
        return params
