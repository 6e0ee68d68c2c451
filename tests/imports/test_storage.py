"""Uploads kept between preview and commit: a user's files of previews never committed are removed
after a day."""

import os
import time
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from orgwork.core.imports import storage


@pytest.fixture
def folder(settings, tmp_path, monkeypatch):
    settings.JOB_FILES_DIR = tmp_path
    monkeypatch.setattr(storage, "_swept", {})
    return tmp_path / "imports" / "7"


def test_a_day_old_preview_file_is_removed_and_a_recent_one_kept(folder):
    user = SimpleNamespace(pk=7)
    folder.mkdir(parents=True)
    old, recent = folder / ("a" * 32 + ".csv"), folder / ("b" * 32 + ".csv")
    for f in (old, recent):
        f.write_text("姓名\n张三\n", encoding="utf-8")
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(old, (two_days_ago, two_days_ago))
    token, path = storage.save_upload(user, SimpleUploadedFile("名册.csv", "姓名\n李四\n".encode()))
    assert not old.exists()
    assert recent.exists()
    assert path.read_text(encoding="utf-8") == "姓名\n李四\n"
    assert storage.stored_upload(user, token) == path


def test_another_users_files_are_left_alone(folder):
    other = folder.parent / "8"
    other.mkdir(parents=True)
    theirs = other / ("c" * 32 + ".csv")
    theirs.write_text("x", encoding="utf-8")
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(theirs, (two_days_ago, two_days_ago))
    storage.save_upload(SimpleNamespace(pk=7), SimpleUploadedFile("a.csv", b"x"))
    assert theirs.exists()
