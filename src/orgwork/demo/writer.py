"""Bulk row writers for the demo seed: PostgreSQL ``COPY … FROM STDIN`` (psycopg 3), elsewhere
``executemany`` of one prepared INSERT. Rows are buffered and flushed in chunks so that memory
stays flat however many rows are written.

A writer is told the columns the generator supplies; every other concrete column gets the
field's default (``auto_now``/``auto_now_add`` fields the seed's timestamp), prepared once, so a
column that a colleague adds with a default does not break the seed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from django.db import connection
from django.db.models import AutoField, BigAutoField, DateField, DateTimeField, Model, SmallAutoField

__all__ = ["RowWriter"]

_AUTO = (AutoField, BigAutoField, SmallAutoField)


class RowWriter:
    """Append rows of ``model`` with values for ``fields`` (attnames, e.g. ``org_id``) in that order."""

    def __init__(self, model: type[Model], fields: Sequence[str], *, now: datetime, chunk: int = 20000):
        self.model = model
        self.table = model._meta.db_table
        self.chunk = chunk
        self.count = 0
        self.pg = connection.vendor == "postgresql"
        by_attname = {f.attname: f for f in model._meta.concrete_fields}
        unknown = [f for f in fields if f not in by_attname]
        if unknown:
            raise ValueError("{} has no columns {}".format(model.__name__, unknown))
        given = list(fields)
        self.columns = [by_attname[f].column for f in given]
        # Constant columns: defaults prepared for this database once.
        self.const: list = []
        for f in model._meta.concrete_fields:
            if f.attname in given or isinstance(f, _AUTO):
                continue
            if isinstance(f, DateTimeField) and (f.auto_now or f.auto_now_add):
                value = now
            elif f.has_default():
                value = f.get_default()
            elif f.null:
                value = None
            else:
                value = f.get_default()  # "" for text fields
            self.columns.append(f.column)
            self.const.append(f.get_db_prep_save(value, connection))
        self.const_t = tuple(self.const)
        # SQLite stores dates as ISO text; convert the supplied date columns ourselves (fast path).
        self.date_idx = [
            i
            for i, name in enumerate(given)
            if isinstance(by_attname[name], DateField) and not isinstance(by_attname[name], DateTimeField)
        ]
        self.buf: list[tuple] = []

    def add(self, row: tuple) -> None:
        self.buf.append(row)
        if len(self.buf) >= self.chunk:
            self.flush()

    def flush(self) -> None:
        if not self.buf:
            return
        const = self.const_t
        rows = self.buf
        self.buf = []
        self.count += len(rows)
        if self.pg:
            cols = ", ".join('"{}"'.format(c) for c in self.columns)
            connection.ensure_connection()
            with connection.connection.cursor() as cur:
                with cur.copy('COPY "{}" ({}) FROM STDIN'.format(self.table, cols)) as copy:
                    for r in rows:
                        copy.write_row(r + const)
            return
        idx = self.date_idx
        if idx:
            out = []
            for r in rows:
                r = list(r)
                for i in idx:
                    v = r[i]
                    if v is not None and isinstance(v, date):
                        r[i] = v.isoformat()
                out.append(tuple(r) + const)
        else:
            out = [r + const for r in rows]
        cols = ", ".join('"{}"'.format(c) for c in self.columns)
        marks = ", ".join(["%s"] * len(self.columns))
        with connection.cursor() as cur:
            cur.executemany('INSERT INTO "{}" ({}) VALUES ({})'.format(self.table, cols, marks), out)
