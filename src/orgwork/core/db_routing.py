"""Read routing for reports and exports: with ``DATABASE_REPLICA_URL`` set, the reading part of a
background export (and of any code inside :func:`read_replica`) goes to a PostgreSQL streaming
replica, so a city's large exports and report sheets do not load the primary. Everything else,
and every write, uses the primary (``default``).

A replica may lag the primary by a moment; only reads that need not see the user's last change
are routed (a background export of thousands of rows, not a page after a save). Without a replica
configured the context does nothing."""

import contextvars
from contextlib import contextmanager

from django.conf import settings

__all__ = ["REPLICA", "read_replica", "ReplicaRouter"]

REPLICA = "replica"
_reading = contextvars.ContextVar("orgwork_read_replica", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


@contextmanager
def read_replica():
    if not replica_configured():
        yield
        return
    token = _reading.set(True)
    try:
        yield
    finally:
        _reading.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _reading.get() and replica_configured():
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica is a copy of the same database

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA
