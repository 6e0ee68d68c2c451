"""gunicorn settings for OrgWork (`gunicorn -c deploy/gunicorn.conf.py orgwork.wsgi`).

Workers x threads: on a 2-core machine 3 workers x 4 threads served the benchmarks in bench/RESULTS.md;
rule of thumb (2 x cores + 1) workers, 2-4 threads each (requests wait on PostgreSQL, not the CPU)."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
worker_class = "gthread"
timeout = 60  # a request longer than this is a bug: big imports and exports are background jobs
graceful_timeout = 30
max_requests = 2000  # recycle workers now and then (memory of long-lived processes)
max_requests_jitter = 200
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
# The proxy sets X-Forwarded-For/Proto; trust it only from the proxy's address.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def post_worker_init(worker):
    """Warm the per-process caches as each worker starts, so that no user waits for them: the text
    index behind the casework duplicate and routing suggestions (10-25 s at city scale)."""
    from django.apps import apps

    if apps.is_installed("orgwork.casework"):
        from orgwork.casework import textsim

        textsim.prewarm()
