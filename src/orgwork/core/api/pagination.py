"""Paging of every API list: ``?limit=&offset=`` (default 50 rows, at most 500). The total count is
cached per data generation (core.figures, as the list pages do), so walking a list of 700,000
people page by page counts it once, not on every page."""

from rest_framework.pagination import LimitOffsetPagination

__all__ = ["ApiPagination", "MAX_LIMIT"]

MAX_LIMIT = 500


class ApiPagination(LimitOffsetPagination):
    default_limit = 50
    max_limit = MAX_LIMIT

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
