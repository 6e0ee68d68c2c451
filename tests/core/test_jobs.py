"""Background jobs: a job runs as its user, reports progress, can be cancelled, and a cancelled or
failed job leaves the database as it was. The worker's own code path (``jobs.execute``) is run."""

import json
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from orgwork.core import jobs
from orgwork.core.models import Job, Setting
from tests.factories import make_user


@jobs.job_kind("tests.write_settings")
def _write_settings(ctx, *, n, fail_at=None, cancel_at=None):
    """Writes n Setting rows in one transaction, reading its input file; may fail or be cancelled midway."""
    text = ctx.input_path.read_text(encoding="utf-8") if ctx.input_path else ""
    with transaction.atomic():
        for i in range(n):
            Setting.objects.create(key=f"job-test-{i}", value={"text": text})
            if i == cancel_at:
                jobs.cancel(ctx.job)  # as if the user pressed cancel now
                ctx.check_cancel()
            if i == fail_at:
                raise RuntimeError("disk full")
            ctx.progress(i + 1, n, "writing")
    path = ctx.result_path("结果.csv")
    path.write_text(f"行数\n{n}\n", encoding="utf-8")
    return {"written": n}


def start(user, **params):
    upload = SimpleUploadedFile("名单.csv", "张三".encode())
    with transaction.atomic():
        job = jobs.start_job(user, "tests.write_settings", params=params, label="测试任务", input_file=upload)
    return job


@pytest.fixture
def user(tree):
    return make_user("jobuser", "org_staff", tree["town_a"])


def test_job_runs_with_its_input_and_offers_its_result(client, user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        job = start(user, n=3)
    assert len(callbacks) == 1  # queued for the worker on commit
    job.refresh_from_db()
    assert job.status == "queued" and job.task_id
    jobs.execute(job.pk)
    job.refresh_from_db()
    assert job.status == "succeeded"
    assert job.result == {"written": 3}
    assert (job.done, job.total) == (3, 3)
    assert Setting.objects.get(key="job-test-2").value == {"text": "张三"}

    client.force_login(user)
    page = client.get(job.get_absolute_url())
    assert page.status_code == 200
    assert "结果.csv" in page.content.decode()
    download = client.get(reverse("core:job_download", args=[job.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).decode() == "行数\n3\n"


def test_someone_elses_job_is_not_found(client, user, tree):
    job = start(user, n=1)
    jobs.execute(job.pk)
    other = make_user("other", "org_staff", tree["town_a"])
    client.force_login(other)
    for name in ("core:job_detail", "core:job_progress", "core:job_download"):
        assert client.get(reverse(name, args=[job.pk])).status_code == 404
    assert client.post(reverse("core:job_cancel", args=[job.pk])).status_code == 404
    assert client.post(reverse("core:job_retry", args=[job.pk])).status_code == 404


def test_failed_job_changes_nothing_and_says_why(client, user):
    job = start(user, n=10, fail_at=4)
    jobs.execute(job.pk)
    job.refresh_from_db()
    assert job.status == "failed"
    assert "disk full" in job.error
    assert not Setting.objects.filter(key__startswith="job-test-").exists()
    assert not job.result_file
    client.force_login(user)
    assert "disk full" in client.get(job.get_absolute_url()).content.decode()


def test_cancel_while_running_rolls_everything_back(client, user):
    job = start(user, n=10, cancel_at=5)
    jobs.execute(job.pk)
    job.refresh_from_db()
    assert job.status == "cancelled"
    assert not Setting.objects.filter(key__startswith="job-test-").exists()
    client.force_login(user)
    assert "数据库未作任何更改" in client.get(job.get_absolute_url()).content.decode()


def test_cancel_before_the_worker_takes_it(client, user):
    job = start(user, n=2)
    client.force_login(user)
    response = client.post(reverse("core:job_cancel", args=[job.pk]))
    assert response.status_code == 302
    jobs.execute(job.pk)  # the worker finds it cancelled and leaves it
    job.refresh_from_db()
    assert job.status == "cancelled"
    assert not Setting.objects.filter(key__startswith="job-test-").exists()


def test_progress_is_read_from_the_running_job(client, user):
    job = start(user, n=1)
    Job.objects.filter(pk=job.pk).update(status="running")
    ctx = jobs.JobContext(job)
    ctx.progress(250, 1000, "校验中")
    client.force_login(user)
    html = client.get(reverse("core:job_progress", args=[job.pk])).content.decode()
    assert 'value="25"' in html
    assert "250" in html and "1000" in html and "校验中" in html
    assert "hx-trigger" in html  # keeps polling while running


def test_a_job_whose_process_died_is_marked_failed(client, user):
    job = start(user, n=1)
    Job.objects.filter(pk=job.pk).update(status="running")
    ctx = jobs.JobContext(job)
    ctx.write_state()
    state_file = jobs.job_dir(job) / "state.json"
    state = json.loads(state_file.read_text())
    state["beat"] = time.time() - jobs.STALE_SECONDS - 5
    state_file.write_text(json.dumps(state))
    client.force_login(user)
    html = client.get(job.get_absolute_url()).content.decode()
    job.refresh_from_db()
    assert job.status == "failed"
    assert "任务进程意外中止" in html


def test_badge_counts_finished_jobs_until_seen(client, user):
    job = start(user, n=1)
    jobs.execute(job.pk)
    client.force_login(user)
    badge = client.get(reverse("core:job_badge")).content.decode()
    assert 'data-unseen="1"' in badge
    client.get(reverse("core:job_list"))
    assert "data-unseen" not in client.get(reverse("core:job_badge")).content.decode()


def test_jobs_through_the_api(client, user, tree):
    job = start(user, n=2)
    client.force_login(user)
    listing = client.get("/api/core/jobs/").json()
    assert [j["id"] for j in listing["results"]] == [str(job.pk)]
    cancelled = client.post(f"/api/core/jobs/{job.pk}/cancel/").json()
    assert cancelled["status"] == "cancelled"
    done = start(user, n=2)
    jobs.execute(done.pk)
    body = client.get(f"/api/core/jobs/{done.pk}/").json()
    assert body["status"] == "succeeded" and body["percent"] == 100
    assert body["download_url"].endswith(f"/core/jobs/{done.pk}/download/")
    other = make_user("other", "org_staff", tree["town_a"])
    client.force_login(other)
    assert client.get(f"/api/core/jobs/{done.pk}/").status_code == 404
    assert client.get("/api/core/jobs/").json()["results"] == []


def test_old_finished_jobs_and_their_files_are_purged(user):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    old, recent = start(user, n=1), start(user, n=1)
    jobs.execute(old.pk)
    Setting.objects.filter(key__startswith="job-test-").delete()
    jobs.execute(recent.pk)
    Job.objects.filter(pk=old.pk).update(finished_at=timezone.now() - timedelta(days=30))
    call_command("purge_jobs", days=7)
    assert list(Job.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not jobs.job_dir(old).exists()
    assert (jobs.job_dir(recent) / "结果.csv").exists()


def test_a_failed_job_runs_again_with_the_same_input_and_succeeded_jobs_do_not(client, user):
    job = start(user, n=4, fail_at=2)
    jobs.execute(job.pk)
    client.force_login(user)
    # The retry keeps the input file and parameters; here the failure was in the parameters, so
    # the second run fails the same way and changes nothing either.
    again_url = client.post(reverse("core:job_retry", args=[job.pk]))["Location"]
    again = Job.objects.exclude(pk=job.pk).get()
    assert again_url == again.get_absolute_url()
    assert again.params == {"n": 4, "fail_at": 2, "retry_of": str(job.pk)}
    assert (jobs.job_dir(again) / "input-名单.csv").read_text(encoding="utf-8") == "张三"
    jobs.execute(again.pk)
    again.refresh_from_db()
    assert again.status == "failed" and not Setting.objects.filter(key__startswith="job-test-").exists()

    ok = start(user, n=2)
    jobs.execute(ok.pk)
    response = client.post(reverse("core:job_retry", args=[ok.pk]), follow=True)
    assert "只有失败或已取消的任务可以重新运行" in response.content.decode()
    assert Job.objects.count() == 3
