"""Cached derived figures (dashboard statistics) that stay exact.

A figure is cached under the current *data generation*: the id of the newest change-log row.
Every change of data goes through ``core.audit.record_change`` (and bulk loads write an event
row), so any change moves the generation on and the next read recomputes. Nothing is typed in or
stored as truth; the cache only saves recomputing the same aggregate for the same data.
"""

from django.core.cache import cache
from django.db.models import Max

from orgwork.core.models import ChangeLog

__all__ = ["data_generation", "cached_figures"]


def data_generation() -> int:
    return ChangeLog.objects.aggregate(m=Max("id"))["m"] or 0


def cached_figures(key: str, compute, timeout: int = 3600):
    full = "figures:{}:{}".format(data_generation(), key)
    value = cache.get(full)
    if value is None:
        value = compute()
        cache.set(full, value, timeout)
    return value
