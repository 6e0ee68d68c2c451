"""Run the casework escalation levels now (the systemd timer calls this every 30 minutes in
working hours; see deploy/systemd/orgwork-escalations.timer). Outside the sending hours or on a
day off it does nothing, so the timer may fire at any time."""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Fire the reminders and escalation levels of open cases (never at night or on a day off)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="Queue the run for the task worker instead."
        )
        parser.add_argument("--force", action="store_true", help="Run even outside the sending hours.")

    def handle(self, *args, enqueue=False, force=False, **opts):
        if enqueue:
            from orgwork.casework.tasks import run_escalations_task

            result = run_escalations_task.enqueue()
            self.stdout.write(f"queued {result.id}")
            return
        from orgwork.casework.escalation import run_escalations

        out = run_escalations(force=force)
        self.stdout.write(", ".join(f"{k}={v}" for k, v in out.items()))
