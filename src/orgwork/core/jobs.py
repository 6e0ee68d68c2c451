"""Background jobs: large imports and exports run outside the request, with progress and cancel.

A job is a row of ``core.Job`` (what the user sees) and a django-tasks task (what the worker runs,
``manage.py db_worker``, database backend, no Redis). A kind of job is a function registered with
``@job_kind(name)``; it receives a ``JobContext`` and the job's parameters and returns a JSON result.

Progress, heartbeat and the cancel flag are small files in the job's directory, not database rows:
an import holds one write transaction for its whole run (all or nothing), and on SQLite no other
connection could write a progress row meanwhile. A job whose process dies (killed, crashed) stops
its heartbeat; its transaction never committed, so the database is as before, and the job is marked
failed when a page next looks at it.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from orgwork.core.models import Job, JobStatus

__all__ = [
    "job_kind",
    "start_job",
    "execute",
    "cancel",
    "retry",
    "JobContext",
    "JobCancelled",
    "live_state",
    "reap_stale",
    "job_dir",
    "kinds",
]

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 2.0
STALE_SECONDS = 30.0
PROGRESS_EVERY_SECONDS = 0.5


class JobCancelled(Exception):
    """Raised inside a job when its user pressed cancel; rolls back the job's transaction."""


@dataclass
class JobKind:
    name: str
    func: object
    result_template: str | None = None


kinds: dict[str, JobKind] = {}


def job_kind(name: str, *, result_template: str | None = None):
    """Register ``func(ctx, **params) -> dict`` as the job kind ``name``."""

    def wrap(func):
        kinds[name] = JobKind(name=name, func=func, result_template=result_template)
        return func

    return wrap


def _load_kinds():
    """Job kinds are registered by the modules that define them (importers, exports, views).
    A worker process loads no URLconf by itself, so load it and the usual modules once."""
    from django.urls import get_resolver
    from django.utils.module_loading import autodiscover_modules

    get_resolver().url_patterns  # noqa: B018 - importing the views registers the models and their kinds
    autodiscover_modules("importers", "exports", "reports", "jobs")


def job_dir(job) -> Path:
    return Path(settings.JOB_FILES_DIR) / str(job.pk if isinstance(job, Job) else job)


_SAFE_NAME = re.compile(r"[^\w.\-\u4e00-\u9fff()（）]+")


def safe_filename(name: str) -> str:
    name = os.path.basename(name or "").strip() or "file"
    return _SAFE_NAME.sub("_", name)[:150]


def start_job(user, kind: str, *, params: dict | None = None, label: str = "", input_file=None) -> Job:
    """Create the job, keep its input file, and queue it to run once the current transaction commits."""
    if kind not in kinds:
        _load_kinds()
    if kind not in kinds:
        raise KeyError(f"unknown job kind {kind!r}")
    job = Job.objects.create(
        user=user,
        kind=kind,
        label=str(label or kind)[:200],
        params=params or {},
        language=translation.get_language() or settings.LANGUAGE_CODE,
        input_name=safe_filename(getattr(input_file, "name", "")) if input_file is not None else "",
    )
    d = job_dir(job)
    d.mkdir(parents=True, exist_ok=True)
    if input_file is not None:
        with open(d / ("input-" + job.input_name), "wb") as out:
            if hasattr(input_file, "chunks"):
                for chunk in input_file.chunks():
                    out.write(chunk)
            else:
                out.write(input_file.read())

    def enqueue():
        from orgwork.core.tasks import run_job

        result = run_job.enqueue(str(job.pk))
        Job.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])

    transaction.on_commit(enqueue)
    return job


class JobContext:
    """What a running job sees: its user, its input file, and where to report progress and results."""

    def __init__(self, job: Job):
        self.job = job
        self.user = job.user
        self.dir = job_dir(job)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.input_path = (self.dir / ("input-" + job.input_name)) if job.input_name else None
        self.result_file = ""
        self._done = 0
        self._total = None
        self._message = ""
        self._last_write = 0.0
        self._lock = threading.Lock()

    # -- progress
    def progress(self, done: int, total: int | None = None, message: str = "") -> None:
        """Record progress (written at most twice a second) and stop if the user cancelled."""
        self._done = int(done)
        if total is not None:
            self._total = int(total)
        if message:
            self._message = str(message)[:300]
        now = time.monotonic()
        if now - self._last_write >= PROGRESS_EVERY_SECONDS:
            self._last_write = now
            self.write_state()
            self.check_cancel()

    def check_cancel(self) -> None:
        if (self.dir / "cancel").exists():
            raise JobCancelled(_("Cancelled by the user."))

    def write_state(self) -> None:
        state = {"done": self._done, "total": self._total, "message": self._message, "beat": time.time()}
        with self._lock:
            tmp = self.dir / "state.json.tmp"
            tmp.write_text(json.dumps(state, ensure_ascii=False))
            os.replace(tmp, self.dir / "state.json")

    def result_path(self, filename: str) -> Path:
        """Where to write the file the user downloads from the job page."""
        self.result_file = safe_filename(filename)
        return self.dir / self.result_file


class _Heartbeat(threading.Thread):
    def __init__(self, ctx: JobContext):
        super().__init__(daemon=True)
        self.ctx = ctx
        self.stopped = threading.Event()

    def run(self):
        while not self.stopped.wait(HEARTBEAT_SECONDS):
            try:
                self.ctx.write_state()
            except OSError:  # pragma: no cover - disk trouble must not kill the job
                logger.exception("job heartbeat")


def execute(job_id) -> Job | None:
    """Run a queued job in this process (the worker's task calls this; tests may too)."""
    claimed = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=timezone.now()
    )
    job = Job.objects.select_related("user").filter(pk=job_id).first()
    if not claimed or job is None:
        return job
    if job.kind not in kinds:
        _load_kinds()
    ctx = JobContext(job)
    ctx.write_state()
    beat = _Heartbeat(ctx)
    beat.start()
    status, result, error = JobStatus.SUCCEEDED, None, ""
    try:
        kind = kinds.get(job.kind)
        if kind is None:
            raise KeyError(f"unknown job kind {job.kind!r}")
        with translation.override(job.language or settings.LANGUAGE_CODE):
            ctx.check_cancel()
            result = kind.func(ctx, **(job.params or {}))
    except JobCancelled:
        status = JobStatus.CANCELLED
    except Exception as exc:  # the job fails; the worker goes on
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        status, error = JobStatus.FAILED, f"{type(exc).__name__}: {exc}"
    finally:
        beat.stopped.set()
        beat.join(timeout=5)
    Job.objects.filter(pk=job.pk).update(
        status=status,
        result=result,
        error=error[:5000],
        done=ctx._done if status != JobStatus.SUCCEEDED or not ctx._total else ctx._total,
        total=ctx._total,
        message=ctx._message,
        result_file=ctx.result_file if status == JobStatus.SUCCEEDED else "",
        finished_at=timezone.now(),
    )
    job.refresh_from_db()
    return job


def cancel(job: Job) -> None:
    """Ask a job to stop. A queued job is cancelled at once; a running one at its next progress call."""
    if Job.objects.filter(pk=job.pk, status=JobStatus.QUEUED).update(
        status=JobStatus.CANCELLED, finished_at=timezone.now()
    ):
        return
    d = job_dir(job)
    d.mkdir(parents=True, exist_ok=True)
    (d / "cancel").touch()


def retry(job: Job, *, actor) -> Job:
    """Run a failed or cancelled job again: a new job of the same kind, parameters and input file
    (the failed one left the database as it was, so the retry starts from the same state and ends
    where an uninterrupted run would have). Only its own user may retry a job."""
    if job.status not in (JobStatus.FAILED, JobStatus.CANCELLED):
        raise ValueError(_("Only a failed or cancelled job can be run again."))
    if job.user_id != actor.pk:
        raise PermissionError("not the job's user")
    source = job_dir(job) / ("input-" + job.input_name) if job.input_name else None
    if source is not None and not source.is_file():
        raise ValueError(_("The job's input file is no longer kept; upload it again."))
    params = {**job.params, "retry_of": str(job.pk)}
    if source is None:
        return start_job(actor, job.kind, params=params, label=job.label)
    with source.open("rb") as fh:
        from django.core.files import File

        return start_job(
            actor, job.kind, params=params, label=job.label, input_file=File(fh, name=job.input_name)
        )


def live_state(job: Job) -> dict:
    """Progress of a running job from its state file: done, total, message, seconds since the last beat."""
    try:
        state = json.loads((job_dir(job) / "state.json").read_text())
    except (OSError, ValueError):
        return {}
    state["age"] = max(0.0, time.time() - float(state.get("beat", 0)))
    return state


def reap_stale(jobs) -> None:
    """Mark running jobs whose process has died (no heartbeat) as failed."""
    for job in jobs:
        if job.status != JobStatus.RUNNING:
            continue
        state = live_state(job)
        started = job.started_at.timestamp() if job.started_at else 0
        age = state.get("age", time.time() - started)
        if age > STALE_SECONDS:
            msg = _("The job stopped unexpectedly (its process ended). Nothing was changed in the database.")
            if Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(
                status=JobStatus.FAILED, error=msg, finished_at=timezone.now()
            ):
                job.status, job.error = JobStatus.FAILED, msg


def delete_files(job: Job) -> None:
    shutil.rmtree(job_dir(job), ignore_errors=True)
