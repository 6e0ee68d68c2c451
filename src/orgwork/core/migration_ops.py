"""Migration helpers that differ by database."""

from django.db import migrations

__all__ = ["CCollate"]


def CCollate(table: str, column: str, max_length: int = 255):
    """Declare a materialized-path column ``COLLATE "C"`` on PostgreSQL.

    With the database's default (linguistic) collation PostgreSQL cannot use a B-tree index for
    a prefix ``LIKE`` and orders strings differently from bytes; "C" gives byte order, which the
    subtree range in ``core.paths`` relies on. SQLite already compares bytes: nothing to do.
    """

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(
                f'ALTER TABLE "{table}" ALTER COLUMN "{column}" TYPE varchar({max_length}) COLLATE "C"'
            )

    return migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)
