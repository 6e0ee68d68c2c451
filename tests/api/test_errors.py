"""Every API error has the same body, ``{"code", "detail", "errors"}``, with a Chinese ``detail``,
and the schema documents it."""

import re

import pytest
from django.test import override_settings
from django.urls import reverse
from rest_framework.test import APIClient

from orgwork.accounts.tokens import issue_token
from tests.factories import make_person, make_user

pytestmark = pytest.mark.django_db

PEOPLE = reverse("api:people-person-list")
ORGS = reverse("api:orgs-org-list")
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def api(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def assert_error(response, status, code, errors=None):
    assert response.status_code == status, response.content[:1000]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"code", "detail", "errors"}
    assert body["code"] == code
    assert CHINESE.search(body["detail"]), body["detail"]
    if errors is not None:
        assert set(body["errors"]) == set(errors), body["errors"]
        for messages in body["errors"].values():
            assert messages and all(CHINESE.search(m) for m in messages), messages
    else:
        assert body["errors"] == {}
    return body


def test_400_invalid_body_lists_field_errors(tree, admin_a):
    response = api(admin_a).post(
        PEOPLE, {"name": "", "registered_org": tree["village_b"].pk, "birth_date": "昨天"}, format="json"
    )
    assert_error(response, 400, "invalid", {"name", "registered_org", "birth_date"})


def test_400_model_validation_and_non_field_errors(tree, admin_a):
    term = api(admin_a).post(
        reverse("api:orgs-term-list"),
        {"org": tree["village_a"].pk, "number": 1, "started_on": "2024-01-01", "ends_on": "2023-01-01"},
        format="json",
    )
    assert_error(term, 400, "invalid", {"ends_on"})
    not_json = api(admin_a).post(PEOPLE, "{", content_type="application/json")
    assert_error(not_json, 400, "parse_error")


def test_400_refused_delete(tree, admin_a):
    response = api(admin_a).delete(reverse("api:orgs-org-detail", args=[tree["town_a"].pk]))
    assert_error(response, 400, "delete_refused")


def test_400_bad_filter(tree, admin_a):
    response = api(admin_a).get(ORGS, {"within": tree["town_b"].pk})
    body = assert_error(response, 400, "invalid", {"within"})
    assert body["errors"]["within"]


def test_401_without_credentials_and_with_a_bad_token(tree):
    assert_error(api().get(ORGS), 401, "not_authenticated")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token")
    assert_error(client.get(ORGS), 401, "token_malformed")
    client.credentials(HTTP_AUTHORIZATION="Bearer ow_nothing")
    assert_error(client.get(ORGS), 401, "token_invalid")


def test_403_without_the_global_action(tree, admin_a):
    assert_error(api(admin_a).get(reverse("api:core-changelog-list")), 403, "permission_denied")


def test_403_unverified_admin_session(client):
    client.force_login(make_user("sys", "system_admin"))
    assert_error(client.get(ORGS), 403, "otp_required")


def test_404_missing_and_out_of_scope(tree, admin_a):
    outside = make_person("外人", tree["village_b"])
    missing = api(admin_a).get(reverse("api:people-person-detail", args=[987654]))
    forbidden = api(admin_a).get(reverse("api:people-person-detail", args=[outside.pk]))
    assert assert_error(missing, 404, "not_found") == assert_error(forbidden, 404, "not_found")


def test_405_method_not_allowed(tree):
    auditor = make_user("aud", "auditor")
    assert_error(api(auditor).post(reverse("api:core-changelog-list"), {}), 405, "method_not_allowed")


def test_409_stale_version(tree, admin_a):
    person = make_person("甲", tree["village_a"])
    url = reverse("api:people-person-detail", args=[person.pk])
    client = api(admin_a)
    assert client.patch(url, {"native_place": "苏州", "version": 1}, format="json").status_code == 200
    assert_error(
        client.patch(url, {"native_place": "无锡", "version": 1}, format="json"), 409, "stale_version"
    )


def test_429_throttled_with_retry_after(tree, admin_a):
    _token, key = issue_token(admin_a, name="t", session_verified=False)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token " + key)
    rates = {"user": "3/min", "anon": "3/min"}
    with override_settings(REST_FRAMEWORK={**_rest_settings(), "DEFAULT_THROTTLE_RATES": rates}):
        statuses = [client.get(ORGS).status_code for _ in range(3)]
        assert statuses == [200, 200, 200]
        response = client.get(ORGS)
        assert_error(response, 429, "throttled")
        assert int(response["Retry-After"]) > 0


def _rest_settings():
    from django.conf import settings

    return dict(settings.REST_FRAMEWORK)


def test_schema_documents_the_error_body(tree, admin_a):
    schema = api(admin_a).get(reverse("api:schema"), {"format": "json"}).json()
    error = schema["components"]["schemas"]["Error"]
    assert set(error["required"]) == {"code", "detail", "errors"}
    ref = {"$ref": "#/components/schemas/Error"}
    detail = schema["paths"]["/api/people/people/{id}/"]
    assert detail["patch"]["responses"]["409"]["content"]["application/json"]["schema"] == ref
    for code in ("400", "401", "403", "404", "429"):
        assert detail["patch"]["responses"][code]["content"]["application/json"]["schema"] == ref
    listing = schema["paths"]["/api/people/people/"]["get"]["responses"]
    assert {"200", "400", "401", "403", "429"} <= set(listing)
