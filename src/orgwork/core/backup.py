"""Backup and restore of the whole database, with a manifest that lets a restore check what it gets.

A backup is a folder ``orgwork-<db>-<UTC time>/`` holding the data file and ``manifest.json``:
time, application version, database vendor, applied migrations, row count per table and the
SHA-256 of the data file.

- PostgreSQL: ``pg_dump`` custom format; restored by ``pg_restore --clean --single-transaction``
  (all or nothing).
- SQLite: the online backup API (a consistent copy while the app runs); restored the same way in
  the other direction.

A restore refuses a damaged file (checksum) and a backup made by another version of the schema
(different migrations), and checks the row counts afterwards.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from django.conf import settings
from django.db import connection, connections
from django.db.migrations.loader import MigrationLoader
from django.utils.translation import gettext as _

__all__ = ["BackupError", "backup", "restore", "read_manifest", "table_counts", "app_version"]

MANIFEST = "manifest.json"


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why, in the user's language."""


def app_version() -> str:
    try:
        return version("orgwork")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "0"


def applied_migrations() -> list[str]:
    with connection.cursor() as cur:
        cur.execute("SELECT app, name FROM django_migrations")
        return sorted(f"{app}.{name}" for app, name in cur.fetchall())


def code_migrations() -> list[str]:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return sorted(f"{app}.{name}" for app, name in loader.disk_migrations)


def table_counts() -> dict[str, int]:
    counts = {}
    with connection.cursor() as cur:
        for table in sorted(connection.introspection.table_names(cur)):
            cur.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cur.fetchone()[0]
    return counts


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _pg_env() -> tuple[dict, str]:
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if db.get(key):
            env[var] = str(db[key])
    return env, connection.settings_dict["NAME"]


def backup(output_dir: Path | str | None = None) -> Path:
    """Write a backup folder and return its path."""
    base = Path(output_dir or Path(settings.PROJECT_DIR) / "var" / "backups")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    folder = base / f"orgwork-{connection.vendor}-{stamp}"
    folder.mkdir(parents=True, exist_ok=False)
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        data = folder / "database.dump"
        env, name = _pg_env()
        proc = subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(data), name],
            env=env,
            capture_output=True,
            text=True,
        )
        if proc.returncode:
            raise BackupError(_("pg_dump failed: %s") % proc.stderr.strip())
    elif connection.vendor == "sqlite":
        data = folder / "database.sqlite3"
        target = sqlite3.connect(data)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    else:  # pragma: no cover
        raise BackupError(_("Backups of %s databases are not supported.") % connection.vendor)
    manifest = {
        "format": 1,
        "created_at": datetime.now(UTC).isoformat(),
        "app_version": app_version(),
        "vendor": connection.vendor,
        "migrations": applied_migrations(),
        "tables": table_counts(),
        "file": data.name,
        "sha256": sha256(data),
        "bytes": data.stat().st_size,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    return folder


def read_manifest(folder: Path | str) -> dict:
    path = Path(folder) / MANIFEST
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BackupError(_("No manifest.json in %s: this is not an OrgWork backup.") % folder) from None
    except ValueError:
        raise BackupError(_("The manifest of %s cannot be read.") % folder) from None


def check(folder: Path | str) -> dict:
    """Everything a restore checks before it touches the database; returns the manifest."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    if manifest.get("vendor") != connection.vendor:
        raise BackupError(
            _("This backup is of a %(theirs)s database; the configured database is %(ours)s.")
            % {"theirs": manifest.get("vendor"), "ours": connection.vendor}
        )
    data = folder / manifest.get("file", "")
    if not data.is_file() or sha256(data) != manifest.get("sha256"):
        raise BackupError(_("The backup file is missing or damaged (checksum mismatch)."))
    ours, theirs = set(code_migrations()), set(manifest.get("migrations", []))
    if ours != theirs:
        raise BackupError(
            _(
                "This backup was made by another version of OrgWork (%(version)s): %(newer)d migrations "
                "in the backup are unknown to this version and %(older)d of this version are not in the "
                "backup. Restore it with the matching version."
            )
            % {
                "version": manifest.get("app_version"),
                "newer": len(theirs - ours),
                "older": len(ours - theirs),
            }
        )
    return manifest


def restore(folder: Path | str) -> dict:
    """Replace the database's content with the backup's, all or nothing; returns the manifest."""
    folder = Path(folder)
    manifest = check(folder)
    data = folder / manifest["file"]
    if connection.in_atomic_block:
        raise BackupError(_("A restore cannot run inside a transaction."))
    if connection.vendor == "postgresql":
        env, name = _pg_env()
        connections.close_all()
        proc = subprocess.run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                "--dbname",
                name,
                str(data),
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        if proc.returncode:
            raise BackupError(_("pg_restore failed; the database is unchanged: %s") % proc.stderr.strip())
    else:
        connection.ensure_connection()
        source = sqlite3.connect(data)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    counts = table_counts()
    wrong = {t: (n, counts.get(t)) for t, n in manifest["tables"].items() if counts.get(t) != n}
    if wrong:
        raise BackupError(_("Row counts after the restore differ from the backup: %s") % wrong)
    return manifest
