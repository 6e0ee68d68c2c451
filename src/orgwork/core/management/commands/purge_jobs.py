"""Delete finished background jobs older than the retention period, with their files.

Job files hold uploaded spreadsheets and exported lists (personal data): keep them no longer than
needed. Run daily (cron or a systemd timer); the change log keeps the record of each export."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from orgwork.core import jobs
from orgwork.core.models import Job, JobStatus


class Command(BaseCommand):
    help = (
        "Delete finished jobs (and their input/result files) older than --days (default JOB_RETENTION_DAYS)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None)

    def handle(self, *args, days=None, **options):
        days = days if days is not None else settings.ORGWORK.get("JOB_RETENTION_DAYS", 7)
        cutoff = timezone.now() - timedelta(days=days)
        old = Job.objects.filter(finished_at__lt=cutoff).exclude(
            status__in=[JobStatus.QUEUED, JobStatus.RUNNING]
        )
        count = 0
        for job in old.iterator():
            jobs.delete_files(job)
            count += 1
        old.delete()
        self.stdout.write(f"{count} jobs deleted")
