"""Paging and filter parsing shared by every list endpoint."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from orgwork.orgs.models import Org
from tests.factories import make_org

pytestmark = pytest.mark.django_db

ORGS = reverse("api:orgs-org-list")
SEATS = reverse("api:orgs-teamseat-list")


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_limit_offset_default_and_maximum(tree, admin_a):
    for i in range(3):
        make_org("支部{}".format(i), tree["town_a"])
    client = api(admin_a)
    body = client.get(ORGS).json()
    assert body["count"] == Org.objects.restrict(admin_a).count() == 5
    assert len(body["results"]) == 5 and body["next"] is None
    page = client.get(ORGS, {"limit": 2, "offset": 2}).json()
    assert [r["id"] for r in page["results"]] == [r["id"] for r in body["results"][2:4]]
    assert "offset=4" in page["next"] and page["previous"]
    assert client.get(ORGS, {"limit": 500}).status_code == 200
    for params in ({"limit": 501}, {"limit": 0}, {"limit": "x"}, {"offset": -1}):
        response = client.get(ORGS, params)
        assert response.status_code == 400, params
        assert set(response.json()["errors"]) == set(params)


def test_the_count_is_reused_while_the_data_is_unchanged(tree, admin_a):
    client = api(admin_a)
    total = client.get(ORGS, {"limit": 1}).json()["count"]
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(ORGS, {"limit": 1, "offset": 1}).json()["count"] == total
    assert not any("COUNT(" in q["sql"].upper() for q in ctx.captured_queries)
    make_org("新支部", tree["town_a"])
    assert client.get(ORGS, {"limit": 1, "offset": 1}).json()["count"] == total + 1


def test_filters_are_parsed_strictly(tree, admin_a):
    client = api(admin_a)
    assert client.get(SEATS, {"current": "true"}).status_code == 200
    for params in ({"current": "maybe"}, {"current": ""}, {"team": ["party", "party"]}):
        response = client.get(SEATS, params)
        assert response.status_code == 400, params
        assert list(response.json()["errors"]) == list(params)
    # Free text may be empty; multiple choices may repeat.
    assert client.get(ORGS, {"q": ""}).status_code == 200
    assert client.get(ORGS, {"kind": ["branch", "committee"]}).status_code == 200


def test_unknown_api_urls_are_json_404(tree, admin_a):
    client = api(admin_a)
    for url in ("/api/nothing/", "/api/orgs/orgs/abc/", "/api/orgs/orgs/1.5/"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.json()["code"] == "not_found"
    assert client.put("/api/orgs/orgs/abc/", {}, format="json").status_code == 404
