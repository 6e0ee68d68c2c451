"""django-tasks entry points (run by ``manage.py db_worker``)."""

from django_tasks import task


@task()
def run_job(job_id: str) -> str:
    from orgwork.core import jobs

    job = jobs.execute(job_id)
    return job.status if job else "missing"
