"""Pages of the user's background jobs: list, detail with live progress (htmx polling), cancel, download."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from orgwork.core import jobs
from orgwork.core.audit import record_event
from orgwork.core.models import ChangeLogAction, Job, JobStatus

__all__ = [
    "JobListView",
    "JobDetailView",
    "JobProgressView",
    "JobCancelView",
    "JobRetryView",
    "JobDownloadView",
    "JobBadgeView",
]


def own_job(request, pk) -> Job:
    """A job of the signed-in user; anyone else's is a 404 like a missing one."""
    try:
        return Job.objects.get(pk=pk, user=request.user)
    except Job.DoesNotExist:
        raise Http404 from None


def job_context(job: Job) -> dict:
    jobs.reap_stale([job])
    state = jobs.live_state(job) if job.status == JobStatus.RUNNING else {}
    done = state.get("done", job.done)
    total = state.get("total", job.total)
    if job.status == JobStatus.SUCCEEDED:
        percent = 100
    elif total:
        percent = min(100, int(done * 100 / total))
    else:
        percent = 0
    result_html = ""
    kind = jobs.kinds.get(job.kind)
    if kind is None and job.result is not None:
        jobs._load_kinds()
        kind = jobs.kinds.get(job.kind)
    if job.result is not None and kind and kind.result_template:
        result_html = render_to_string(kind.result_template, {"job": job, "result": job.result})
    return {
        "job": job,
        "done": done,
        "total": total,
        "percent": percent,
        "message": state.get("message") or job.message,
        "result_html": result_html,
    }


class JobListView(LoginRequiredMixin, View):
    def get(self, request):
        rows = list(Job.objects.filter(user=request.user)[:100])
        jobs.reap_stale(rows)
        Job.objects.filter(user=request.user, seen_at__isnull=True, finished_at__isnull=False).update(
            seen_at=timezone.now()
        )
        return render(request, "core/jobs/list.html", {"jobs": rows})


class JobDetailView(LoginRequiredMixin, View):
    def get(self, request, pk):
        job = own_job(request, pk)
        if job.finished_at and not job.seen_at:
            Job.objects.filter(pk=job.pk).update(seen_at=timezone.now())
        return render(request, "core/jobs/detail.html", job_context(job))


class JobProgressView(LoginRequiredMixin, View):
    """The progress block, polled by htmx while the job runs; stops polling once it ends."""

    def get(self, request, pk):
        job = own_job(request, pk)
        return render(request, "core/jobs/_progress.html", job_context(job))


class JobCancelView(LoginRequiredMixin, View):
    def post(self, request, pk):
        job = own_job(request, pk)
        if job.is_active:
            jobs.cancel(job)
        if getattr(request, "htmx", False):
            job.refresh_from_db()
            return render(request, "core/jobs/_progress.html", job_context(job))
        return HttpResponseRedirect(job.get_absolute_url())


class JobRetryView(LoginRequiredMixin, View):
    """Run a failed or cancelled job again with the same input; the new job's page opens."""

    def post(self, request, pk):
        from django.contrib import messages

        job = own_job(request, pk)
        try:
            new = jobs.retry(job, actor=request.user)
        except ValueError as exc:
            messages.error(request, str(exc))
            return HttpResponseRedirect(job.get_absolute_url())
        return HttpResponseRedirect(new.get_absolute_url())


class JobDownloadView(LoginRequiredMixin, View):
    def get(self, request, pk):
        job = own_job(request, pk)
        if job.status != JobStatus.SUCCEEDED or not job.result_file:
            raise Http404
        path = jobs.job_dir(job) / job.result_file
        if not path.is_file():
            raise Http404
        record_event(
            ChangeLogAction.EXPORT,
            actor=request.user,
            note=_("Downloaded the result of a job: %s") % job.label,
            data={"job": str(job.pk), "file": job.result_file},
        )
        return FileResponse(open(path, "rb"), as_attachment=True, filename=job.result_file)


class JobBadgeView(LoginRequiredMixin, View):
    """The navbar's job indicator (loaded by htmx after the page, so pages pay no query for it)."""

    def get(self, request):
        qs = Job.objects.filter(user=request.user)
        running = qs.filter(status__in=[JobStatus.QUEUED, JobStatus.RUNNING]).count()
        unseen = qs.filter(finished_at__isnull=False, seen_at__isnull=True).count()
        return render(request, "core/jobs/_badge.html", {"running": running, "unseen": unseen})
