"""gunicorn settings for OrgWork (`gunicorn -c deploy/gunicorn.conf.py orgwork.wsgi`).

Workers: one single-threaded ``sync`` worker process per core (``GUNICORN_WORKERS``,
``GUNICORN_THREADS`` and ``GUNICORN_WORKER_CLASS`` override). A request of OrgWork is mostly Python
(template rendering, query building): 9-17 ms of CPU against 1-5 ms in PostgreSQL at city scale
(bench/profile_mix.py). Threads of one process share one interpreter lock and only queue for it at
a cost, and more processes than cores only add switching and a copy of every per-process cache
(templates, cached figures, the imports' org index). While a worker waits on PostgreSQL the core
runs PostgreSQL.

Why ``sync`` and not ``gthread`` with one thread: a sync worker accepts a connection only when it
is idle and closes it after the response, so waiting requests queue in the kernel's one accept
queue, first come first served, and every worker stays busy. A gthread worker keeps a client's
keep-alive connection for itself: the connections are spread over the workers unevenly, as they
happened to be accepted, and the clients of the busier worker wait longer while the other is
already idle. Measured with wrk on 2 cores (bench/load.py's mix, 50 connections, 2 workers):
gthread 132 req/s, p50 532 ms, p95 757 ms (the median above the mean of 379 ms: two unequal
queues); sync 128-136 req/s, p50 363-385 ms, p95 430-459 ms in the runs right after (over
the day, on the full city data, 110-136 req/s and p95 430-540 ms: the reference machine, a
virtual one, varies by about 10% from one run to the next). Keep-alive belongs to the proxy in
front (nginx, which also buffers slow clients' uploads and downloads, as sync workers need); a
slow request holds its worker, so raise the workers, not the threads, where slow requests are
common.

The application is loaded once in the master before the workers fork (``preload_app``): a worker
that starts (and one that replaces a recycled or killed worker) shares the loaded code instead of
importing it again, and the objects loaded by then are frozen out of the garbage collector's
scans (``gc.freeze``), which otherwise walk every module's objects in each full collection."""

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count()))
threads = int(os.environ.get("GUNICORN_THREADS", 1))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
keepalive = 5  # gthread only (GUNICORN_THREADS > 1): seconds an idle keep-alive connection stays open
timeout = 60  # a sync worker silent this long is restarted: big imports and exports are background jobs
graceful_timeout = 30
preload_app = True
# Recycle workers now and then (memory of long-lived processes). A new worker starts with empty
# per-process caches (cached counts and figures, the imports' org index): not every 2,000 requests
# (a minute at full load), but rarely.
max_requests = 20000
max_requests_jitter = 2000
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
# The proxy sets X-Forwarded-For/Proto; trust it only from the proxy's address.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def when_ready(server):
    """The application is loaded (preload_app): freeze what is loaded out of the collector's scans."""
    gc.collect()
    gc.freeze()


def pre_fork(server, worker):
    """A database connection opened while loading must not be shared by the forked workers."""
    from django.db import connections

    connections.close_all()


def post_worker_init(worker):
    """Warm the per-process caches as each worker starts, so that no user waits for them: the text
    index behind the casework duplicate and routing suggestions (10-25 s at city scale)."""
    from django.apps import apps

    if apps.is_installed("orgwork.casework"):
        from orgwork.casework import textsim

        textsim.prewarm()
