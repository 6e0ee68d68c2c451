"""Take again the stored counts of every class (trainee-times) and session (attendance-times) from
the enrollment and attendance rows. The services and the rows' hooks keep them in step; this
repairs them after rows were written around them (a raw SQL load, a restore from an old backup)."""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Recount the trainees of every class and the attendance of every session."

    def handle(self, *args, **opts):
        from orgwork.training.services import refresh_counts

        refresh_counts()
        self.stdout.write("done")
