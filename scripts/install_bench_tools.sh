#!/usr/bin/env bash
# Installs what the HTTP load test needs (Debian's wrk), when missing and when we may.
if command -v wrk >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null 2>&1
  apt-get install -y -qq wrk >/dev/null 2>&1 || echo "apt-get could not install wrk; the load test is skipped" >&2
else
  echo "wrk is missing: install the Debian package wrk for the load test" >&2
fi
