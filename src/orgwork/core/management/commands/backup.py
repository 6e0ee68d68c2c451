"""Back up the whole database to a folder with a manifest (see core.backup)."""

from django.core.management.base import BaseCommand, CommandError

from orgwork.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database (pg_dump custom format, or SQLite's online backup) with a manifest."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", default=None, help="folder to create the backup in (default var/backups)"
        )

    def handle(self, *args, output, **options):
        try:
            folder = backup(output)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(str(folder))
