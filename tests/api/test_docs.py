"""Swagger UI and ReDoc pages: signed-in users only, local files only, scripts still 'self' only.
(The browser test tests/e2e/test_api_docs.py checks that they render with no CSP violation.)"""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_docs_need_a_signed_in_user(client):
    for name in ("api_docs", "api_redoc", "api_redoc_bundle"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert reverse("accounts:login") in response.url


def test_docs_use_local_files_and_no_inline_script(client, admin_a):
    client.force_login(admin_a)
    for name in ("api_docs", "api_redoc"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        body = response.content.decode()
        assert "http://" not in body and "https://" not in body
        assert "<script>" not in body
        csp = response["Content-Security-Policy"]
        script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
        assert script_src.split() == ["script-src", "'self'"]
    init = client.get(reverse("api_docs") + "?script=")
    assert init.status_code == 200
    assert init["Content-Type"].startswith("application/javascript")
    assert "/api/schema/" in init.content.decode()
    bundle = client.get(reverse("api_redoc_bundle"))
    assert bundle.status_code == 200
    assert b"cdn.redoc.ly" not in bundle.content


def test_pages_keep_the_strict_style_policy(client, admin_a):
    client.force_login(admin_a)
    csp = client.get(reverse("accounts:api_tokens"))["Content-Security-Policy"]
    assert "unsafe-inline" not in csp
