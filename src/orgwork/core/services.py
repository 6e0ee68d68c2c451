"""Generic verbs for registered models: create, update with optimistic locking, delete to the
recycle bin, restore. Apps with rules of their own wrap or replace these in their services."""

from datetime import date, datetime
from decimal import Decimal

from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from orgwork.core.audit import record_change, record_changes, snapshot
from orgwork.core.models import ChangeLogAction

__all__ = [
    "StaleEditError",
    "DeleteRefused",
    "create_object",
    "update_object",
    "delete_object",
    "restore_object",
    "bulk_write",
    "insert_objects",
    "insert_rows",
]


class StaleEditError(Exception):
    """Somebody saved the record after this edit began."""

    def __init__(self, obj=None):
        super().__init__(
            _(
                "Somebody else has changed this record since you opened it. Your changes were not saved; please reload and edit again."
            )
        )
        self.obj = obj


class DeleteRefused(Exception):
    """The record cannot go to the recycle bin as things stand."""


def _before_save(obj):
    hook = getattr(obj, "before_save", None)
    if hook:
        hook()


@transaction.atomic
def create_object(obj, *, actor):
    _before_save(obj)
    obj.full_clean()
    obj.save()
    record_change(obj, ChangeLogAction.CREATE, actor=actor)
    after_save = getattr(obj, "after_save", None)
    if after_save:
        after_save(created=True)
    return obj


@transaction.atomic
def update_object(obj, *, actor, expected_version=None):
    """Save ``obj`` if nobody changed it since ``expected_version``; audit before → after."""
    model = type(obj)
    current = model.all_objects.select_for_update().get(pk=obj.pk)
    if expected_version is not None and current.version != int(expected_version):
        raise StaleEditError(current)
    before = snapshot(current)
    _before_save(obj)
    obj.full_clean()
    obj.version = current.version + 1
    obj.save()
    after = snapshot(obj)
    if before != after:
        record_change(obj, ChangeLogAction.UPDATE, actor=actor, before=before, after=after)
    after_save = getattr(obj, "after_save", None)
    if after_save:
        after_save(created=False)
    return obj


@transaction.atomic
def delete_object(obj, *, actor):
    """Move ``obj`` to the recycle bin (soft delete), after the model's own guard."""
    guard = getattr(obj, "check_deletable", None)
    if guard:
        guard()
    before = snapshot(obj)
    type(obj).all_objects.filter(pk=obj.pk).update(
        deleted_at=timezone.now(),
        deleted_by=actor if getattr(actor, "pk", None) else None,
        version=F("version") + 1,
    )
    obj.refresh_from_db()
    record_change(obj, ChangeLogAction.DELETE, actor=actor, before=before, after=None)
    after_delete = getattr(obj, "after_delete", None)
    if after_delete:
        after_delete()
    return obj


@transaction.atomic
def restore_object(obj, *, actor):
    guard = getattr(obj, "check_restorable", None)
    if guard:
        guard()
    type(obj).all_objects.filter(pk=obj.pk).update(deleted_at=None, deleted_by=None, version=F("version") + 1)
    obj.refresh_from_db()
    record_change(obj, ChangeLogAction.RESTORE, actor=actor, before=None)
    after_restore = getattr(obj, "after_restore", None)
    if after_restore:
        after_restore()
    return obj


# Fields a bulk update never writes: set once at creation, or owned by other verbs (delete, merge, move).
BULK_UPDATE_SKIP = {"id", "created_at", "deleted_at", "deleted_by", "merged_into"}


@transaction.atomic
def bulk_write(model, *, created=(), changed=(), actor, skip_fields=(), note="", batch_size=500):
    """Save many objects of ``model`` in a few statements, with the semantics of ``create_object``
    and ``update_object``: each object is audited (before → after, sensitive fields masked) and
    each update bumps ``version``. ``created`` are unsaved objects; ``changed`` are
    ``(obj, before)`` pairs, ``before`` the ``snapshot`` taken before the object was modified.

    The caller has validated the objects (``full_clean``) and run their ``before_save``; it also
    runs what ``after_save`` would do, once for all of them (e.g. ``refresh_affiliations``):
    one call per batch instead of one per object is the point of this function."""
    from django.utils import timezone

    created = list(created)
    changed = list(changed)
    if created:
        insert_objects(model, created)
    if changed:
        now = timezone.now()
        skip = BULK_UPDATE_SKIP | set(skip_fields)
        fields = [f.name for f in model._meta.concrete_fields if not f.primary_key and f.name not in skip]
        for obj, _before in changed:
            obj.version = (obj.version or 0) + 1
            if hasattr(obj, "updated_at"):
                obj.updated_at = now
        model._base_manager.bulk_update([obj for obj, _before in changed], fields, batch_size=batch_size)
    entries = [(obj, ChangeLogAction.CREATE, None, None) for obj in created]
    for obj, before in changed:
        after = snapshot(obj)
        if before != after:
            entries.append((obj, ChangeLogAction.UPDATE, before, after))
    record_changes(entries, actor=actor, note=note)
    return created, [obj for obj, _before in changed]


# Values of these column types pass to the driver as they are when they are str, int or None.
_PLAIN_TYPES = {
    "CharField",
    "TextField",
    "ForeignKey",
    "OneToOneField",
    "IntegerField",
    "BigIntegerField",
    "SmallIntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "PositiveBigIntegerField",
}
_PLAIN_VALUES = (str, int, type(None))
_PREPARED_KEPT = frozenset({date, datetime, Decimal, bool, float})


def insert_rows(model, fields, rows):
    """Insert ``rows`` (sequences of database-ready values of ``fields``, the model's concrete
    fields without the primary key) into ``model``'s table and return their new ids in order: on
    PostgreSQL by ``COPY`` with ids drawn from the table's sequence, on SQLite by one
    ``executemany`` (inside a transaction, whose write lock keeps the new ids consecutive)."""
    if not rows:
        return []
    opts = model._meta
    pk = opts.pk
    qn = connection.ops.quote_name
    table = qn(opts.db_table)
    columns = [qn(f.column) for f in fields]
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [qn(opts.db_table), pk.column, len(rows)],
            )
            ids = [r[0] for r in cur.fetchall()]
            sql = "COPY {} ({}) FROM STDIN".format(table, ", ".join([qn(pk.column), *columns]))
            with cur.cursor.copy(sql) as copy:
                for pk_value, row in zip(ids, rows, strict=True):
                    copy.write_row([pk_value, *row])
            return ids
        sql = "INSERT INTO {} ({}) VALUES ({})".format(
            table, ", ".join(columns), ", ".join(["%s"] * len(columns))
        )
        cur.executemany(sql, rows)
        cur.execute("SELECT last_insert_rowid()")
        last = cur.fetchone()[0]
        return range(last - len(rows) + 1, last + 1)


def insert_objects(model, objs):
    """Insert unsaved ``objs`` of ``model`` (no parents: not multi-table inheritance) as
    ``bulk_create`` does (defaults and ``auto_now`` values, related objects' ids, each object's
    ``pk`` set afterwards), with the values prepared per column once instead of through the SQL
    compiler per value: on PostgreSQL by ``COPY`` with ids drawn from the table's sequence, on
    SQLite by one ``executemany``. Call inside a transaction (SQLite: the write lock it holds keeps
    the new ids consecutive)."""
    objs = list(objs)
    if not objs:
        return objs
    conn = connections[DEFAULT_DB_ALIAS]  # not the thread-local proxy, once per value
    opts = model._meta
    pk = opts.pk
    fields = [f for f in opts.concrete_fields if f is not pk]
    stamped = [f for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
    # One time for the batch (bulk_create takes the clock per object): the same transaction.
    stamps = [(f.attname, f.pre_save(objs[0], add=True)) for f in stamped]
    plain = [f.get_internal_type() in _PLAIN_TYPES for f in fields]
    attnames = [f.attname for f in fields]
    # Prepared values of repeated dates, times and numbers (a batch's time stamps, birth dates).
    prepared = [{} for _f in fields]
    rows = []
    for obj in objs:
        obj._prepare_related_fields_for_save(operation_name="bulk_create")
        for attname, stamp in stamps:
            setattr(obj, attname, stamp)
        row = []
        for f, attname, is_plain, memo in zip(fields, attnames, plain, prepared, strict=True):
            value = getattr(obj, attname)
            if not (is_plain and isinstance(value, _PLAIN_VALUES)):
                if type(value) in _PREPARED_KEPT:
                    k = (type(value), value)
                    if k in memo:
                        value = memo[k]
                    else:
                        value = memo[k] = f.get_db_prep_save(value, conn)
                else:
                    value = f.get_db_prep_save(value, conn)
            row.append(value)
        rows.append(row)
    ids = insert_rows(model, fields, rows)
    for obj, pk_value in zip(objs, ids, strict=True):
        setattr(obj, pk.attname, pk_value)
        obj._state.adding = False
        obj._state.db = conn.alias
    return objs
