"""Restore the database from a backup folder, all or nothing (see core.backup)."""

from django.core.management.base import BaseCommand, CommandError

from orgwork.core.backup import BackupError, restore


class Command(BaseCommand):
    help = "Replace the database's content with a backup's; refuses a damaged or mismatched backup."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="a backup folder written by `manage.py backup`")
        parser.add_argument("--check", action="store_true", help="only check the backup, change nothing")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, folder, check: bool = False, yes: bool = False, **options):
        from orgwork.core import backup as b

        try:
            manifest = b.check(folder)
            if check:
                self.stdout.write(f"OK: {manifest['created_at']}, {sum(manifest['tables'].values())} rows")
                return
            if (
                not yes
                and input(f"Replace ALL data with the backup of {manifest['created_at']}? [yes/no] ") != "yes"
            ):
                raise CommandError("cancelled")
            manifest = restore(folder)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"restored {manifest['created_at']}: {sum(manifest['tables'].values())} rows")
