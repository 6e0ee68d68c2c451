"""CSRF refusal (pages and the session-authenticated API), no caching of personal pages, and the
Chinese error pages for refused, missing and out-of-scope requests."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from orgwork.accounts.tokens import issue_token
from orgwork.core.models import ChangeLog
from orgwork.orgs.models import Org

pytestmark = pytest.mark.django_db


def _csrf_client(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def _edit_form(client, org):
    """The edit page's form values as the browser would send them, with the page's token."""
    page = client.get(reverse("orgs:org_edit", args=[org.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    form = page.context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None:
            continue
        data[name] = value.pk if hasattr(value, "pk") else value
    return token, data


def test_an_edit_without_the_token_is_refused_in_chinese_and_changes_nothing(tree, admin_a):
    client = _csrf_client(admin_a)
    org = tree["village_a"]
    _token, data = _edit_form(client, org)
    logs = ChangeLog.objects.count()
    response = client.post(reverse("orgs:org_edit", args=[org.pk]), {**data, "name": "被篡改的名称"})
    assert response.status_code == 403
    assert "表单已过期" in response.content.decode()
    assert Org.objects.get(pk=org.pk).name == org.name
    assert ChangeLog.objects.count() == logs


def test_the_same_edit_with_the_page_token_is_saved(tree, admin_a):
    client = _csrf_client(admin_a)
    org = tree["village_a"]
    token, data = _edit_form(client, org)
    response = client.post(
        reverse("orgs:org_edit", args=[org.pk]),
        {**data, "name": "众安桥村党委(新)", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Org.objects.get(pk=org.pk).name == "众安桥村党委(新)"


def test_a_token_from_another_session_is_refused(tree, admin_a, staff_a):
    mine = _csrf_client(admin_a)
    org = tree["village_a"]
    _token, data = _edit_form(mine, org)
    # A token taken from another browser's page does not match this browser's cookie.
    other = _csrf_client(staff_a)
    other_page = other.get(reverse("orgs:org_detail", args=[org.pk])).content.decode()
    foreign_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', other_page).group(1)
    response = mine.post(
        reverse("orgs:org_edit", args=[org.pk]),
        {**data, "name": "伪造", "csrfmiddlewaretoken": foreign_token},
    )
    assert response.status_code == 403
    assert Org.objects.get(pk=org.pk).name == org.name


def test_session_api_writes_need_the_token_but_api_tokens_do_not(tree, admin_a):
    url = reverse("api:orgs-org-detail", args=[tree["village_a"].pk])
    session = APIClient(enforce_csrf_checks=True)
    session.force_login(admin_a)
    refused = session.patch(url, {"phone": "0512-66660000"}, format="json")
    assert refused.status_code == 403
    assert Org.objects.get(pk=tree["village_a"].pk).phone != "0512-66660000"
    _t, key = issue_token(admin_a, name="script", session_verified=False)
    scripted = APIClient(enforce_csrf_checks=True)
    scripted.credentials(HTTP_AUTHORIZATION="Token " + key)
    current = scripted.get(url).json()
    ok = scripted.patch(url, {"phone": "0512-66660000", "version": current["version"]}, format="json")
    assert ok.status_code == 200, ok.content
    assert Org.objects.get(pk=tree["village_a"].pk).phone == "0512-66660000"


@pytest.mark.parametrize(
    "url",
    [
        lambda t: reverse("home"),
        lambda t: reverse("people:person_list"),
        lambda t: reverse("orgs:org_detail", args=[t["village_a"].pk]),
        lambda t: reverse("people:person_list") + "?_export=csv",
        lambda t: reverse("api:orgs-org-list"),
    ],
    ids=["home", "list", "detail", "export", "api"],
)
def test_what_a_signed_in_user_sees_is_never_stored_by_browser_or_proxy(client, tree, admin_a, url):
    client.force_login(admin_a)
    response = client.get(url(tree))
    assert response.status_code == 200
    cache_control = response["Cache-Control"]
    assert "no-store" in cache_control and "private" in cache_control
    assert "Cookie" in response.get("Vary", "")


def test_missing_and_out_of_scope_pages_look_the_same_in_chinese(client, tree, staff_a):
    client.force_login(staff_a)  # township A
    outside = client.get(reverse("orgs:org_detail", args=[tree["village_b"].pk]))
    missing = client.get(reverse("orgs:org_detail", args=[999999]))
    assert outside.status_code == missing.status_code == 404
    for response in (outside, missing):
        body = response.content.decode()
        assert "页面不存在" in body and "返回首页" in body

    # Apart from the per-request CSRF token and the page's own address (the language switch
    # returns to it), the two answers are the same: nothing tells "exists elsewhere" from "missing".
    def strip(response, pk):
        return re.sub(r"[A-Za-z0-9]{64}", "", response.content.decode()).replace(f"/orgs/orgs/{pk}/", "")

    assert strip(outside, tree["village_b"].pk) == strip(missing, 999999)


def test_a_refused_action_gets_the_chinese_permission_page(client, tree):
    from tests.factories import make_user

    viewer = make_user("viewer_a", "viewer", tree["town_a"])
    client.force_login(viewer)
    response = client.get(reverse("accounts:user_list"))
    assert response.status_code == 403
    assert "没有权限" in response.content.decode()
