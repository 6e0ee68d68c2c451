"""Run-time settings of the field: a ``core.Setting`` row overrides the default given by the caller.

Pages read some settings many times (each casework kind its sources and categories, the talent
levels …), so a value is kept in the cache for ``CACHE_SECONDS``; ``set_setting`` drops it at once
in its own process and when its transaction commits, and other processes see a change within
``CACHE_SECONDS``."""

import threading

from django.core.cache import cache
from django.db import connection, transaction

from orgwork.core.models import Setting

__all__ = ["get_setting", "set_setting", "clear_setting_cache", "CACHE_SECONDS"]

CACHE_SECONDS = 30

# Keys this thread changed in a transaction not yet committed: read from the database, never
# cached, so that neither the uncommitted value nor (after a rollback) the old one is served.
_local = threading.local()


def _dirty() -> set:
    if not hasattr(_local, "keys"):
        _local.keys = set()
    return _local.keys


def clear_setting_cache() -> None:
    cache.delete_many([_cache_key(k) for k in _dirty()])
    _dirty().clear()


def _cache_key(key) -> str:
    return "setting:" + str(key)


def get_setting(key, default=None):
    if key in _dirty():
        row = Setting.objects.filter(key=key).only("value").first()
        return default if row is None else row.value
    cached = cache.get(_cache_key(key))
    if cached is None:
        row = Setting.objects.filter(key=key).only("value").first()
        cached = (False, None) if row is None else (True, row.value)
        cache.set(_cache_key(key), cached, CACHE_SECONDS)
    found, value = cached
    return value if found else default


def set_setting(key, value, *, actor):
    from orgwork.core.audit import record_change, snapshot
    from orgwork.core.models import ChangeLogAction

    row, created = Setting.objects.get_or_create(key=key, defaults={"value": value})
    before = None if created else snapshot(row)
    if not created:
        row.value = value
        row.save(update_fields=["value", "updated_at"])
    record_change(
        row, ChangeLogAction.CREATE if created else ChangeLogAction.UPDATE, actor=actor, before=before
    )
    cache.delete(_cache_key(key))
    if connection.in_atomic_block:
        _dirty().add(key)

        def committed():
            _dirty().discard(key)
            cache.delete(_cache_key(key))

        transaction.on_commit(committed)
    return row
