"""Cached derived figures (dashboard statistics) that stay exact.

A figure is cached under the current *data generation*: the id of the newest change-log row that
changed data (created, updated, deleted, restored, moved or merged a record). Every change of data
goes through ``core.audit.record_change`` (and bulk loads write a "create" event row), so any
change moves the generation on and the next read recomputes. Rows that change no data (exports,
logins, sensitive views) leave it alone: before, every export emptied every dashboard's cache.
Nothing is typed in or stored as truth; the cache only saves recomputing the same aggregate for
the same data.
"""

from django.core.cache import cache
from django.db.models import Max

from orgwork.core.models import ChangeLog, ChangeLogAction

__all__ = ["data_generation", "cached_figures", "cached_count"]


# The actions of change-log rows that change data (the partial index core_changelog_data_idx).
DATA_ACTIONS = (
    ChangeLogAction.CREATE,
    ChangeLogAction.UPDATE,
    ChangeLogAction.DELETE,
    ChangeLogAction.RESTORE,
    ChangeLogAction.MOVE,
    ChangeLogAction.MERGE,
)


def data_generation() -> int:
    return ChangeLog.objects.filter(action__in=DATA_ACTIONS).aggregate(m=Max("id"))["m"] or 0


def cached_figures(key: str, compute, timeout: int = 3600):
    full = "figures:{}:{}".format(data_generation(), key)
    value = cache.get(full)
    if value is None:
        value = compute()
        cache.set(full, value, timeout)
    return value


def cached_count(queryset, count):
    """``count()`` of ``queryset`` cached per data generation, keyed by its SQL."""
    import hashlib

    from django.core.exceptions import EmptyResultSet

    try:
        sql = "{}|{}".format(queryset.db, queryset.query)
    except EmptyResultSet:  # .none() or an always-false filter
        return 0
    return cached_figures("count:" + hashlib.sha1(sql.encode()).hexdigest(), count, timeout=600)
