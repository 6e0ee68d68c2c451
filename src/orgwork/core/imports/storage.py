"""Uploaded import files kept between the preview and the commit: one folder per user under
``JOB_FILES_DIR/imports``, named by a random token, so that a user can commit only their own."""

import re
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.http import Http404

__all__ = ["save_upload", "stored_upload", "discard_upload", "count_rows"]

TOKEN = re.compile(r"^[0-9a-f]{32}$")
KEEP_SECONDS = 24 * 3600
SWEEP_SECONDS = 600  # a user's folder is swept of old files at most this often (per process)
_swept: dict[Path, float] = {}


def _folder(user) -> Path:
    return Path(settings.JOB_FILES_DIR) / "imports" / str(user.pk)


def save_upload(user, uploaded) -> tuple[str, Path]:
    token = uuid.uuid4().hex
    suffix = Path(uploaded.name).suffix.lower()
    folder = _folder(user)
    folder.mkdir(parents=True, exist_ok=True)
    # Files of previews never committed: the user's own older than a day go, at most every ten
    # minutes (a busy user's folder holds a day of previews, each one a stat() to check).
    now = time.time()
    if now - _swept.get(folder, 0.0) >= SWEEP_SECONDS:
        _swept[folder] = now
        for old in folder.iterdir():
            try:
                if old.stat().st_mtime < now - KEEP_SECONDS:
                    old.unlink()
            except OSError:
                pass
    path = folder / (token + suffix)
    with path.open("wb") as out:
        for chunk in uploaded.chunks():
            out.write(chunk)
    return token, path


def stored_upload(user, token) -> Path:
    if not TOKEN.match(token or ""):
        raise Http404("not found")
    for suffix in (".xlsx", ".csv"):
        path = _folder(user) / (token + suffix)
        if path.exists():
            return path
    raise Http404("not found")


def discard_upload(user, token):
    try:
        stored_upload(user, token).unlink(missing_ok=True)
    except Http404:
        pass


def count_rows(path: Path) -> int:
    """Data rows of the file, cheaply: the sheet's dimension for xlsx, line breaks for CSV."""
    if path.suffix.lower() == ".csv":
        with path.open("rb") as f:
            return max(0, sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b"")) - 1)
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True)
    except Exception:
        return 0
    try:
        from orgwork.core.imports.readers import NOTES_SHEET

        names = [n for n in wb.sheetnames if n != NOTES_SHEET] or wb.sheetnames
        ws = wb[names[0]]
        if ws.max_row:
            return max(0, ws.max_row - 1)
        return sum(1 for _row in ws.iter_rows(values_only=True)) - 1
    finally:
        wb.close()
