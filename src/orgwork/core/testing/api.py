"""The permission-aware suite every registered model's API gets (the API twin of
``core.testing.views``). A model's test class subclasses ``ModelApiSuite`` and supplies data only:
an object inside township A, one inside township B, the JSON of a valid new object and a change.
"""

import json
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework import relations
from rest_framework.test import APIClient

from orgwork.core.models import ChangeLog
from orgwork.core.registry import config_for

__all__ = ["ModelApiSuite", "API_SUITES", "assert_api_query_budget"]

API_SUITES: list[type] = []
BUDGET_FILE = Path(__file__).resolve().parents[4] / "tests" / "api" / "query_counts.json"


def assert_api_query_budget(key: str, count: int):
    """Fail when an endpoint needs more queries than its committed budget (tests/api/query_counts.json);
    a new endpoint's first run writes its budget, to be reviewed and committed."""
    budgets = json.loads(BUDGET_FILE.read_text()) if BUDGET_FILE.exists() else {}
    if key not in budgets:
        budgets[key] = count
        BUDGET_FILE.write_text(json.dumps(budgets, indent=2, sort_keys=True) + "\n")
        return
    assert count <= budgets[key], (
        f"{key} ran {count} queries; the committed budget is {budgets[key]} (tests/api/query_counts.json)"
    )


@pytest.mark.django_db
class ModelApiSuite:
    model: type = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.model is not None:
            API_SUITES.append(cls)

    # --- data the subclass supplies ---------------------------------------------------------
    def make_in_scope(self, tree):
        raise NotImplementedError

    def make_out_of_scope(self, tree):
        raise NotImplementedError

    def create_data(self, tree) -> dict:
        raise NotImplementedError

    def edit_changes(self, obj) -> dict:
        raise NotImplementedError

    # Fields that place a new object in the tree (related orgs); found from the serializer unless set.
    scope_fields: tuple = ()

    # --- helpers -------------------------------------------------------------------------------
    def placing_fields(self):
        """The writable fields of the serializer that point at an org: what places the object."""
        if self.scope_fields:
            return list(self.scope_fields)
        from orgwork.orgs.models import Org

        serializer = config_for(self.model).serializer()
        names = []
        for name, field in serializer.fields.items():
            if field.read_only or not isinstance(field, relations.PrimaryKeyRelatedField):
                continue
            qs = getattr(field, "queryset", None)
            if qs is not None and qs.model is Org:
                names.append(name)
        assert names, "{}: no field places it in the tree; set scope_fields".format(self.model.__name__)
        return names

    def url(self, obj=None):
        cfg = config_for(self.model)
        base = "api:{}-{}".format(cfg.app_label, cfg.model_name)
        if obj is None:
            return reverse(base + "-list")
        return reverse(base + "-detail", args=[obj.pk])

    def client_as(self, user=None):
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    def listed_ids(self, response):
        assert response.status_code == 200, response.content[:2000]
        return {row["id"] for row in response.json()["results"]}

    def audit_rows(self, obj, action):
        ct = ContentType.objects.get_for_model(self.model)
        return ChangeLog.objects.filter(content_type=ct, object_id=str(obj.pk), action=action)

    def state(self, obj):
        obj = self.model.all_objects.get(pk=obj.pk)
        return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}

    # --- anonymous -----------------------------------------------------------------------------
    def test_anonymous_is_refused_with_json(self, tree):
        obj = self.make_in_scope(tree)
        client = self.client_as(None)
        for method, url in (
            ("get", self.url()),
            ("get", self.url(obj)),
            ("post", self.url()),
            ("patch", self.url(obj)),
            ("delete", self.url(obj)),
        ):
            response = getattr(client, method)(url, {}, format="json")
            assert response.status_code in (401, 403), (method, url)
            assert "detail" in response.json()
        assert self.model.objects.filter(pk=obj.pk).exists()

    # --- no grant ------------------------------------------------------------------------------
    def test_user_without_grant_sees_nothing(self, tree):
        from tests.factories import make_user

        obj = self.make_in_scope(tree)
        client = self.client_as(make_user("nobody"))
        assert self.listed_ids(client.get(self.url())) == set()
        assert client.get(self.url(obj)).status_code == 404
        assert client.patch(self.url(obj), self.edit_changes(obj), format="json").status_code == 404
        assert client.delete(self.url(obj)).status_code == 404
        assert client.post(self.url(), self.create_data(tree), format="json").status_code in (400, 404)

    def test_viewer_may_read_but_not_write(self, tree):
        from tests.factories import make_user

        obj = self.make_in_scope(tree)
        client = self.client_as(make_user("viewer_a", "viewer", tree["town_a"]))
        assert client.get(self.url(obj)).status_code == 200
        assert client.patch(self.url(obj), self.edit_changes(obj), format="json").status_code == 404
        assert client.delete(self.url(obj)).status_code == 404
        assert self.model.objects.filter(pk=obj.pk).exists()

    # --- in scope ------------------------------------------------------------------------------
    def test_list_shows_in_scope_only(self, tree, admin_a):
        inside, outside = self.make_in_scope(tree), self.make_out_of_scope(tree)
        ids = self.listed_ids(self.client_as(admin_a).get(self.url()))
        assert inside.pk in ids
        assert outside.pk not in ids

    def test_detail_in_scope(self, tree, admin_a):
        obj = self.make_in_scope(tree)
        response = self.client_as(admin_a).get(self.url(obj))
        assert response.status_code == 200
        body = response.json()
        assert body["id"] == obj.pk
        assert body["version"] == obj.version

    def test_create_is_saved_and_audited(self, tree, admin_a):
        data = self.create_data(tree)
        before = set(self.model.all_objects.values_list("pk", flat=True))
        response = self.client_as(admin_a).post(self.url(), data, format="json")
        assert response.status_code == 201, response.content[:2000]
        created = self.model.all_objects.exclude(pk__in=before).get()
        assert response.json()["id"] == created.pk
        assert self.audit_rows(created, "create").count() == 1
        assert self.audit_rows(created, "create").get().user_name == admin_a.username

    def test_patch_with_version_is_saved_audited_and_bumps_version(self, tree, admin_a):
        obj = self.make_in_scope(tree)
        data = {**self.edit_changes(obj), "version": obj.version}
        response = self.client_as(admin_a).patch(self.url(obj), data, format="json")
        assert response.status_code == 200, response.content[:2000]
        assert response.json()["version"] == obj.version + 1
        obj.refresh_from_db()
        for name, value in self.edit_changes(obj).items():
            assert str(getattr(obj, name)) == str(value)
        row = self.audit_rows(obj, "update").get()
        assert row.changed_fields

    def test_stale_version_is_409_and_nothing_is_overwritten(self, tree, admin_a):
        obj = self.make_in_scope(tree)
        client = self.client_as(admin_a)
        stale_version = obj.version
        # Somebody else saves first.
        assert client.patch(self.url(obj), {"version": stale_version}, format="json").status_code == 200
        state = self.state(obj)
        response = client.patch(
            self.url(obj), {**self.edit_changes(obj), "version": stale_version}, format="json"
        )
        assert response.status_code == 409
        assert response.json()["detail"]
        assert self.state(obj) == state

    def test_delete_goes_to_recycle_bin_and_is_audited(self, tree, admin_a):
        obj = self.make_in_scope(tree)
        response = self.client_as(admin_a).delete(self.url(obj))
        assert response.status_code == 204, response.content[:2000]
        assert not self.model.objects.filter(pk=obj.pk).exists()
        assert self.model.all_objects.get(pk=obj.pk).deleted_at is not None
        assert self.audit_rows(obj, "delete").count() == 1

    # --- out of scope --------------------------------------------------------------------------
    def test_out_of_scope_is_404_at_every_door(self, tree, admin_a):
        obj = self.make_out_of_scope(tree)
        client = self.client_as(admin_a)
        state = self.state(obj)
        assert client.get(self.url(obj)).status_code == 404
        patch = client.patch(self.url(obj), {**self.edit_changes(obj), "version": obj.version}, format="json")
        assert patch.status_code == 404
        assert client.delete(self.url(obj)).status_code == 404
        assert self.state(obj) == state
        assert obj.pk not in self.listed_ids(client.get(self.url()))

    def test_missing_and_forbidden_look_the_same(self, tree, admin_a):
        obj = self.make_out_of_scope(tree)
        client = self.client_as(admin_a)
        missing = client.get(self.url(obj).replace("/{}/".format(obj.pk), "/987654321/"))
        forbidden = client.get(self.url(obj))
        assert missing.status_code == forbidden.status_code == 404
        assert missing.json() == forbidden.json()

    # --- scope of writes ---------------------------------------------------------------------
    def test_create_under_an_org_out_of_scope_is_refused(self, tree, admin_a):
        client = self.client_as(admin_a)
        before = self.model.all_objects.count()
        for name in self.placing_fields():
            data = {**self.create_data(tree), name: tree["village_b"].pk}
            response = client.post(self.url(), data, format="json")
            assert response.status_code == 400, (name, response.content[:2000])
            assert name in response.json()["errors"], response.json()
        assert self.model.all_objects.count() == before

    def test_moving_an_object_out_of_scope_is_refused(self, tree, admin_a):
        obj = self.make_in_scope(tree)
        client = self.client_as(admin_a)
        state = self.state(obj)
        for name in self.placing_fields():
            for method in ("patch", "put"):
                data = {} if method == "patch" else client.get(self.url(obj)).json()
                data.update({name: tree["village_b"].pk, "version": obj.version})
                response = getattr(client, method)(self.url(obj), data, format="json")
                assert response.status_code == 400, (name, method, response.content[:2000])
                assert name in response.json()["errors"], response.json()
        assert self.state(obj) == state
        # Still listed for the user, not in the other township's.
        assert obj.pk in self.listed_ids(client.get(self.url()))

    # --- query budgets -------------------------------------------------------------------------
    def count_queries(self, user, url):
        """Queries of one GET as a request would run them (the user loaded afresh, grants uncached)."""
        client = self.client_as(type(user).objects.get(pk=user.pk))
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, response.content[:2000]
        return len(ctx.captured_queries), response

    def test_list_queries_do_not_grow_with_rows(self, tree, admin_a):
        """No N+1: a page of 6 rows needs as many queries as a page of 1."""
        from django.core.cache import cache

        self.make_in_scope(tree)
        # Both requests with a cold cache (settings, the cached count), so they compare like for like.
        cache.clear()
        one, response = self.count_queries(admin_a, self.url())
        rows_before = len(response.json()["results"])
        for _ in range(5):
            self.make_in_scope(tree)
        cache.clear()
        six, response = self.count_queries(admin_a, self.url())
        assert len(response.json()["results"]) == rows_before + 5
        assert six == one, "the list ran {} queries for {} rows and {} for {}".format(
            one, rows_before, six, rows_before + 5
        )
        assert_api_query_budget("{}.list".format(self.model._meta.label_lower), six)

    def test_detail_query_budget(self, tree, admin_a):
        obj = self.make_in_scope(tree)
        count, _response = self.count_queries(admin_a, self.url(obj))
        assert_api_query_budget("{}.detail".format(self.model._meta.label_lower), count)
