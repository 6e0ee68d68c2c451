"""django-tasks entry point of the periodic escalation run (``manage.py db_worker`` runs it)."""

from django_tasks import task


@task()
def run_escalations_task() -> dict:
    from orgwork.casework.escalation import run_escalations

    return run_escalations()
