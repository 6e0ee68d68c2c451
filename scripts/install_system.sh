#!/usr/bin/env bash
# Installs the Debian packages the browser tests need (chromium, CJK fonts), when missing and when we may.
if command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi "cjk"; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null 2>&1
  apt-get install -y -qq chromium fonts-noto-cjk >/dev/null 2>&1 || echo "apt-get could not install chromium" >&2
else
  echo "chromium or CJK fonts missing: install the Debian packages chromium and fonts-noto-cjk" >&2
fi
