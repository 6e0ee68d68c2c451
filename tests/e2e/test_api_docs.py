"""Swagger UI and ReDoc in a real browser: they render from local files only (the page fixture
fails the test on any request leaving the live server), with no Content-Security-Policy
violation, and only for signed-in users; the token page links to them."""

from pathlib import Path

import pytest

from tests.factories import make_org, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[2] / "test-results"


def watch_csp(page):
    violations = []
    page.on(
        "console",
        lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    page.on("pageerror", lambda exc: violations.append("page error: {}".format(exc)))
    return violations


def test_api_docs_render_locally_without_csp_violations(page, live_server):
    city = make_org("苏州市委", kind="committee", level="city", code="320500")
    make_user("zhenze", "org_admin", city, password="Zhenze@2026x")
    violations = watch_csp(page)

    # Not signed in: the login page, not the docs.
    page.goto("/api/docs/")
    assert "/accounts/login" in page.url

    page.fill("input[name=username]", "zhenze")
    page.fill("input[name=password]", "Zhenze@2026x")
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "/api/docs/" in page.url

    # Swagger UI: the schema is loaded and the operations are listed.
    page.locator(".swagger-ui .info .title").wait_for()
    assert "OrgWork API" in page.locator(".swagger-ui .info .title").inner_text()
    page.locator(".opblock-tag").first.wait_for()
    assert page.locator(".opblock").count() > 10
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "api_swagger.png"), full_page=False)

    # ReDoc: the same schema, rendered.
    page.goto("/api/redoc/")
    page.locator("h1", has_text="OrgWork API").wait_for()
    page.get_by_text("/api/people/people/").first.wait_for(state="attached")
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(SHOTS / "api_redoc.png"), full_page=False)

    # The token page (account menu) links to both.
    page.goto("/accounts/api-tokens/")
    assert page.locator("a[href='/api/docs/']").count() >= 1
    assert page.locator("a[href='/api/redoc/']").count() == 1

    assert not violations, violations
