"""The OpenAPI schema is committed (docs/openapi.yaml) and diffed: an API change shows in review.

After an intended change, regenerate it with
    .venv/bin/python manage.py spectacular --file docs/openapi.yaml
"""

import difflib
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "openapi.yaml"


def test_committed_schema_matches_the_code(tmp_path):
    out = tmp_path / "openapi.yaml"
    with translation.override(settings.LANGUAGE_CODE):
        call_command("spectacular", "--file", str(out), "--fail-on-warn")
    generated, committed = out.read_text(), COMMITTED.read_text()
    if generated != committed:
        diff = "".join(
            list(
                difflib.unified_diff(
                    committed.splitlines(True), generated.splitlines(True), "docs/openapi.yaml", "code"
                )
            )[:80]
        )
        raise AssertionError(
            "The API schema differs from docs/openapi.yaml. If the change is intended, run\n"
            "  .venv/bin/python manage.py spectacular --file docs/openapi.yaml\n"
            "and commit the file.\n" + diff
        )


def test_schema_is_served_to_signed_in_users(client, tree, admin_a):
    assert client.get(reverse("api:schema")).status_code in (401, 403)
    client.force_login(admin_a)
    response = client.get(reverse("api:schema"))
    assert response.status_code == 200
    assert b"openapi: 3" in response.content
