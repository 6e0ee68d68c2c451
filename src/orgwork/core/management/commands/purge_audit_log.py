"""Purge change-log rows older than the retention period (≥ 180 days), as a named auditor.

The purge is itself written to the log (core.audit.purge_change_log)."""

from django.core.management.base import BaseCommand, CommandError

from orgwork.accounts.models import User
from orgwork.accounts.scope import has_global_action
from orgwork.core.audit import purge_change_log


class Command(BaseCommand):
    help = "Purge audit-log rows older than the retention period; --auditor names the auditor doing it."

    def add_arguments(self, parser):
        parser.add_argument(
            "--auditor", required=True, help="username of an auditor (purge_audit permission)"
        )
        parser.add_argument(
            "--days", type=int, default=None, help="keep this many days (default: the setting)"
        )

    def handle(self, *args, auditor, days, **options):
        user = User.objects.filter(username=auditor, is_active=True).first()
        if user is None or not has_global_action(user, "purge_audit"):
            raise CommandError("{} is not an active auditor".format(auditor))
        try:
            count = purge_change_log(actor=user, older_than_days=days)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write("purged {} rows".format(count))
