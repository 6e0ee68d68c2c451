"""Response headers (CSP without inline script, clickjacking, sniffing) and production flags."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.factories import make_user

SRC = Path(__file__).resolve().parents[2] / "src"
TEMPLATES = SRC / "orgwork" / "accounts" / "templates"


@pytest.mark.django_db
def test_csp_header_forbids_inline_script(client):
    client.force_login(make_user("zhang"))
    response = client.get("/")
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp


@pytest.mark.django_db
def test_frame_and_sniffing_headers(client):
    response = client.get("/accounts/login/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_account_templates_have_no_inline_script_or_style():
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), path
        assert not re.search(r"\sstyle=", text), path
        assert not re.search(r"\son[a-z]+=", text), path


def _settings_in_subprocess(production: bool) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "ORGWORK_PRODUCTION"}
    env["PYTHONPATH"] = str(SRC)
    if production:
        env["ORGWORK_PRODUCTION"] = "1"
    code = (
        "import json; from orgwork import settings as s; print(json.dumps({k: getattr(s, k, None) for k in "
        "['SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', "
        "'SECURE_SSL_REDIRECT', 'SESSION_COOKIE_HTTPONLY', 'SESSION_COOKIE_AGE', 'SESSION_SAVE_EVERY_REQUEST']}))"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_production_settings_secure_cookies_and_hsts():
    prod = _settings_in_subprocess(True)
    assert prod["SESSION_COOKIE_SECURE"] is True
    assert prod["CSRF_COOKIE_SECURE"] is True
    assert prod["SECURE_HSTS_SECONDS"] >= 31536000
    assert prod["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert prod["SECURE_SSL_REDIRECT"] is True
    assert prod["SESSION_COOKIE_HTTPONLY"] is True
    # The idle limit is the policy middleware's: it notes activity (and saves the session) once a minute.
    assert prod["SESSION_COOKIE_AGE"] == 1800 and prod["SESSION_SAVE_EVERY_REQUEST"] is False


def test_development_settings_do_not_force_https():
    dev = _settings_in_subprocess(False)
    assert not dev["SECURE_HSTS_SECONDS"]
    assert not dev["SESSION_COOKIE_SECURE"]
