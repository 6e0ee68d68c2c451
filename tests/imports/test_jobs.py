"""Big imports run as background jobs: the preview and the commit. A job killed in the middle of
its transaction (the real ``manage.py db_worker``, SIGKILL) leaves the database as it was."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from unittest.mock import patch

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from orgwork.core import jobs
from orgwork.core.models import ChangeLog, Job
from orgwork.people.models import Person
from tests.imports.helpers import write_xlsx
from tests.imports.test_people import HEADERS, person_rows

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def small_sync_limit(settings):
    settings.ORGWORK = {**settings.ORGWORK, "IMPORT_SYNC_MAX_ROWS": 20}


@pytest.mark.django_db
def test_big_file_is_checked_and_imported_in_jobs(tree, admin_a, client_for, tmp_path, small_sync_limit):
    client = client_for(admin_a)
    path = write_xlsx(tmp_path / "people.xlsx", HEADERS, person_rows(50))
    with path.open("rb") as f:
        response = client.post(reverse("people:person_import"), {"action": "preview", "file": f})
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()

    jobs.execute(job.pk)
    job.refresh_from_db()
    assert job.status == "succeeded", job.error
    assert job.result["created"] == 50 and job.result["ok"] and not job.result["committed"]
    assert Person.objects.count() == 0
    page = client.get(job.get_absolute_url()).content.decode()
    assert "确认导入" in page and job.result["token"] in page

    response = client.post(
        reverse("people:person_import"),
        {"action": "commit", "token": job.result["token"], "name": "people.xlsx"},
    )
    commit_job = Job.objects.exclude(pk=job.pk).get()
    jobs.execute(commit_job.pk)
    commit_job.refresh_from_db()
    assert commit_job.status == "succeeded" and commit_job.result["committed"]
    assert Person.objects.count() == 50


@pytest.mark.django_db
def test_cancelled_import_job_leaves_the_database_unchanged(tree, admin_a, tmp_path, small_sync_limit):
    from django.core.files import File

    path = write_xlsx(tmp_path / "people.xlsx", HEADERS, person_rows(1500))
    with path.open("rb") as f:
        job = jobs.start_job(
            admin_a, "people.person.import", params={"mode": "commit", "name": "p.xlsx"}, input_file=File(f)
        )
    logs = ChangeLog.objects.count()
    real_progress = jobs.JobContext.progress

    def progress(ctx, done, total=None, message=""):
        if done > 1200:  # the first 1,000 rows are written inside the transaction by now
            jobs.cancel(ctx.job)
            ctx.check_cancel()
        return real_progress(ctx, done, total, message)

    jobs.JobContext.progress = progress
    try:
        jobs.execute(job.pk)
    finally:
        jobs.JobContext.progress = real_progress
    job.refresh_from_db()
    assert job.status == "cancelled"
    assert Person.objects.count() == 0 and ChangeLog.objects.count() == logs


def _database_url():
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return "sqlite:///" + str(s["NAME"])
    auth = s["USER"] + (":" + s["PASSWORD"] if s.get("PASSWORD") else "")
    return "postgres://{}@{}:{}/{}".format(auth, s["HOST"] or "127.0.0.1", s["PORT"] or 5432, s["NAME"])


@pytest.mark.django_db(transaction=True)
def test_import_job_killed_mid_transaction_leaves_the_database_unchanged_and_runs_again(
    tree, admin_a, client, tmp_path, small_sync_limit
):
    path = write_xlsx(tmp_path / "people.xlsx", HEADERS, person_rows(6000))
    from django.core.files import File

    with path.open("rb") as f:
        job = jobs.start_job(
            admin_a, "people.person.import", params={"mode": "commit", "name": "p.xlsx"}, input_file=File(f)
        )
    people, logs = Person.objects.count(), ChangeLog.objects.count()
    env = dict(
        os.environ,
        DATABASE_URL=_database_url(),
        ORGWORK_JOB_FILES=str(settings.JOB_FILES_DIR),
        PYTHONPATH=str(ROOT / "src"),
        DJANGO_SETTINGS_MODULE="orgwork.settings",
    )
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--no-reload", "--interval", "0.2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    state_file = jobs.job_dir(job) / "state.json"
    written = 0
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and worker.poll() is None:
            try:
                state = json.loads(state_file.read_text())
            except (OSError, ValueError):
                state = {}
            message = state.get("message", "")
            if "已写入" in message and not message.startswith("已校验 0"):
                written = int(message.split("已写入 ")[1].split(" ")[0])
                if written > 0:
                    break
            time.sleep(0.2)
        assert written > 0, "the worker never reported rows written: " + (
            worker.stderr.read().decode()[-2000:] if worker.poll() is not None else "timeout"
        )
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            os.kill(worker.pid, signal.SIGKILL)
            worker.wait(timeout=30)
    job.refresh_from_db()
    assert job.status == "running"  # never finished; the job page marks it failed once its heartbeat is stale
    assert Person.objects.count() == people == 0
    assert ChangeLog.objects.count() == logs

    # The user's job page sees the stopped heartbeat: failed, "nothing changed", and a retry button.
    client.force_login(admin_a)
    with patch.object(jobs, "STALE_SECONDS", 0):
        page = client.get(job.get_absolute_url()).content.decode()
    job.refresh_from_db()
    assert job.status == "failed"
    assert "数据库未作任何更改" in page and "重新运行" in page
    # Run again with the same file: the same result as an uninterrupted run.
    response = client.post(reverse("core:job_retry", args=[job.pk]))
    again = Job.objects.exclude(pk=job.pk).get()
    assert response.status_code == 302 and response["Location"] == again.get_absolute_url()
    assert again.params["retry_of"] == str(job.pk) and again.input_name == job.input_name
    jobs.execute(again.pk)
    again.refresh_from_db()
    assert again.status == "succeeded", again.error
    assert Person.objects.count() == 6000
    assert again.result["created"] == 6000
