"""The permission-aware suite every registered model's pages get (NetBox utilities/testing style).

A model's test class subclasses ``ModelViewSuite`` and supplies only data: how to make one
object inside township A and one inside township B, and the POST data of a valid new object.
The suite then checks every door the same way: anonymous → login, no grant → nothing, in scope →
works and is audited, out of scope → 404.
"""

import json
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from orgwork.core.models import ChangeLog
from orgwork.core.registry import config_for

__all__ = ["ModelViewSuite", "SUITES", "assert_query_budget"]

SUITES: list[type] = []
BUDGET_FILE = Path(__file__).resolve().parents[4] / "tests" / "query_counts.json"


def assert_query_budget(key: str, count: int):
    """Fail when a view needs more queries than its committed budget (N+1 regressions)."""
    budgets = json.loads(BUDGET_FILE.read_text()) if BUDGET_FILE.exists() else {}
    if key not in budgets:
        budgets[key] = count
        BUDGET_FILE.write_text(json.dumps(budgets, indent=2, sort_keys=True) + "\n")
        return
    assert count <= budgets[key], (
        f"{key} ran {count} queries; the committed budget is {budgets[key]} (tests/query_counts.json)"
    )


@pytest.mark.django_db
class ModelViewSuite:
    model: type = None
    # Field whose value a user sees in the list, for "is it listed?" checks.
    marker_attr = "name"
    # (field, value) set by the bulk-edit test, for models registered with a bulk-edit form.
    bulk_change: tuple = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.model is not None:
            SUITES.append(cls)

    # --- data the subclass supplies ---------------------------------------------------------
    def make_in_scope(self, tree):
        raise NotImplementedError

    def make_out_of_scope(self, tree):
        raise NotImplementedError

    def create_data(self, tree) -> dict:
        raise NotImplementedError

    def edit_changes(self, obj) -> dict:
        """Field changes for the edit test (POSTed on top of the current values)."""
        raise NotImplementedError

    # --- helpers -------------------------------------------------------------------------------
    def url(self, view, obj=None):
        cfg = config_for(self.model)
        return reverse(cfg.url_name(view), args=[obj.pk] if obj is not None else [])

    def marker(self, obj):
        return str(getattr(obj, self.marker_attr))

    def form_values(self, obj):
        cfg = config_for(self.model)
        form = cfg.form(instance=obj, user=None)
        data = {}
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            if value is None:
                value = ""
            if hasattr(value, "isoformat"):
                value = value.isoformat()
            if hasattr(value, "pk"):
                value = value.pk
            data[name] = value
        data["version"] = obj.version
        return data

    def audit_rows(self, obj, action):
        ct = ContentType.objects.get_for_model(self.model)
        return ChangeLog.objects.filter(content_type=ct, object_id=str(obj.pk), action=action)

    # --- anonymous -----------------------------------------------------------------------------
    def test_anonymous_is_sent_to_login(self, client, tree):
        obj = self.make_in_scope(tree)
        for url in (
            self.url("list"),
            self.url("detail", obj),
            self.url("add"),
            self.url("edit", obj),
            self.url("delete", obj),
        ):
            response = client.get(url)
            assert response.status_code == 302, url
            assert "/accounts/login/" in response["Location"]

    # --- no grant ------------------------------------------------------------------------------
    def test_user_without_grant_sees_nothing(self, client, tree):
        from tests.factories import make_user

        obj = self.make_in_scope(tree)
        client.force_login(make_user("nobody"))
        response = client.get(self.url("list"))
        assert response.status_code == 200
        assert self.marker(obj) not in response.content.decode()
        for view in ("detail", "edit", "delete"):
            assert client.get(self.url(view, obj)).status_code == 404, view
        assert client.get(self.url("add")).status_code == 404

    def test_viewer_may_read_but_not_write(self, client, tree):
        from tests.factories import make_user

        obj = self.make_in_scope(tree)
        client.force_login(make_user("viewer_a", "viewer", tree["town_a"]))
        assert client.get(self.url("detail", obj)).status_code == 200
        assert client.get(self.url("edit", obj)).status_code == 404
        assert client.post(self.url("delete", obj)).status_code == 404
        assert type(obj).objects.filter(pk=obj.pk).exists()

    # --- in scope ------------------------------------------------------------------------------
    def test_list_shows_in_scope_only(self, client, tree, admin_a):
        inside, outside = self.make_in_scope(tree), self.make_out_of_scope(tree)
        client.force_login(admin_a)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(self.url("list"))
        assert response.status_code == 200
        body = response.content.decode()
        assert self.marker(inside) in body
        assert self.marker(outside) not in body
        assert_query_budget(f"{self.model._meta.label_lower}.list", len(ctx.captured_queries))

    def test_detail_in_scope(self, client, tree, admin_a):
        obj = self.make_in_scope(tree)
        client.force_login(admin_a)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(self.url("detail", obj))
        assert response.status_code == 200
        assert self.marker(obj) in response.content.decode()
        assert_query_budget(f"{self.model._meta.label_lower}.detail", len(ctx.captured_queries))

    def test_create_is_saved_and_audited(self, client, tree, admin_a):
        client.force_login(admin_a)
        data = self.create_data(tree)
        before = set(self.model.all_objects.values_list("pk", flat=True))
        response = client.post(self.url("add"), data)
        assert response.status_code == 302, response.content.decode()[:3000]
        created = self.model.all_objects.exclude(pk__in=before).get()
        assert self.audit_rows(created, "create").count() == 1

    def test_edit_is_saved_and_audited_with_before_and_after(self, client, tree, admin_a):
        obj = self.make_in_scope(tree)
        client.force_login(admin_a)
        data = {**self.form_values(obj), **self.edit_changes(obj)}
        response = client.post(self.url("edit", obj), data)
        assert response.status_code == 302, response.content.decode()[:3000]
        obj.refresh_from_db()
        row = self.audit_rows(obj, "update").get()
        changed = {k for k, _b, _a in row.changed_fields}
        assert changed, "an update row must record what changed"
        assert obj.version == 2

    def test_stale_edit_is_refused_and_nothing_is_overwritten(self, client, tree, admin_a):
        obj = self.make_in_scope(tree)
        client.force_login(admin_a)
        stale = {**self.form_values(obj), **self.edit_changes(obj)}
        # Somebody else saves first.
        first = {**self.form_values(obj)}
        assert client.post(self.url("edit", obj), first).status_code == 302
        obj.refresh_from_db()
        version_after_first = obj.version
        snapshot_after_first = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}
        response = client.post(self.url("edit", obj), stale)
        assert response.status_code == 409
        assert "已被他人修改" in response.content.decode()
        obj.refresh_from_db()
        assert obj.version == version_after_first
        assert {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields} == snapshot_after_first

    def test_delete_goes_to_recycle_bin_and_can_be_restored(self, client, tree, admin_a):
        obj = self.make_in_scope(tree)
        client.force_login(admin_a)
        assert client.post(self.url("delete", obj)).status_code == 302
        assert not self.model.objects.filter(pk=obj.pk).exists()
        assert self.model.all_objects.get(pk=obj.pk).deleted_at is not None
        assert self.audit_rows(obj, "delete").count() == 1
        bin_page = client.get(reverse("core:recycle_bin"))
        assert self.marker(obj) in bin_page.content.decode()
        ct = ContentType.objects.get_for_model(self.model).pk
        assert client.post(reverse("core:restore", args=[ct, obj.pk])).status_code == 302
        assert self.model.objects.filter(pk=obj.pk).exists()
        assert self.audit_rows(obj, "restore").count() == 1

    def test_bulk_edit_changes_all_selected_and_refuses_out_of_scope(self, client, tree, admin_a):
        cfg = config_for(self.model)
        if cfg.bulk_edit_form is None:
            pytest.skip("no bulk edit for this model")
        field, value = self.bulk_change
        a, b = self.make_in_scope(tree), self.make_in_scope(tree)
        outside = self.make_out_of_scope(tree)
        client.force_login(admin_a)
        url = self.url("bulk_edit")
        refused = client.post(url, {"pk": [a.pk, outside.pk], field: value, "_apply": "1"})
        assert refused.status_code == 404
        a.refresh_from_db()
        assert getattr(a, field) != value
        done = client.post(url, {"pk": [a.pk, b.pk], field: value, "_apply": "1"})
        assert done.status_code == 302
        for obj in (a, b):
            obj.refresh_from_db()
            assert getattr(obj, field) == value
            assert self.audit_rows(obj, "update").count() == 1

    # --- out of scope --------------------------------------------------------------------------
    def test_out_of_scope_is_404_at_every_door(self, client, tree, admin_a):
        obj = self.make_out_of_scope(tree)
        client.force_login(admin_a)
        for view in ("detail", "edit", "delete"):
            assert client.get(self.url(view, obj)).status_code == 404, view
        assert client.post(self.url("edit", obj), self.form_values(obj)).status_code == 404
        assert client.post(self.url("delete", obj)).status_code == 404
        ct = ContentType.objects.get_for_model(self.model).pk
        assert client.post(reverse("core:restore", args=[ct, obj.pk])).status_code == 404
        assert self.model.objects.filter(pk=obj.pk).exists()

    def test_missing_and_forbidden_look_the_same(self, client, tree, admin_a):
        obj = self.make_out_of_scope(tree)
        client.force_login(admin_a)
        missing = client.get(self.url("detail", obj).replace(f"/{obj.pk}/", "/987654321/"))
        forbidden = client.get(self.url("detail", obj))
        assert missing.status_code == forbidden.status_code == 404
