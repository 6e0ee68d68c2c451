#!/usr/bin/env bash
# Checks that PostgreSQL answers before the PostgreSQL half of the suite runs.
# Under CI=true an unreachable server is a failure; elsewhere we try to start the local cluster first.
url="$1"
ping() { .venv/bin/python - "$url" <<'PY'
import sys, psycopg
u = sys.argv[1].rsplit("/", 1)[0] + "/postgres"
try:
    psycopg.connect(u, connect_timeout=3).close()
except Exception as exc:  # noqa: BLE001
    print(exc)
    sys.exit(1)
PY
}
ping >/dev/null 2>&1 && exit 0
if command -v pg_ctlcluster >/dev/null 2>&1; then
  ver=$(ls /etc/postgresql 2>/dev/null | head -1)
  [ -n "$ver" ] && pg_ctlcluster --skip-systemctl-redirect "$ver" main start >/dev/null 2>&1
  sleep 2
fi
ping && exit 0
echo "PostgreSQL is not reachable at $url" >&2
exit 1
