"""What is special to the API beyond the generic suite: auth, masking, related objects in scope,
field errors, the change log endpoint."""

import pytest
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from orgwork.accounts.tokens import issue_token
from orgwork.core.models import ChangeLog
from orgwork.orgs.models import Org
from orgwork.people.models import Person
from tests.factories import make_org, make_person, make_user

pytestmark = pytest.mark.django_db


def api(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


PEOPLE = reverse("api:people-person-list")
ORGS = reverse("api:orgs-org-list")
SEATS = reverse("api:orgs-teamseat-list")
CHANGELOG = reverse("api:core-changelog-list")


def test_urls_follow_the_registry():
    assert ORGS == "/api/orgs/orgs/"
    assert reverse("api:orgs-term-list") == "/api/orgs/terms/"
    assert SEATS == "/api/orgs/seats/"
    assert PEOPLE == "/api/people/people/"
    assert CHANGELOG == "/api/core/changelog/"


def test_token_authentication(tree, admin_a):
    _token, key = issue_token(admin_a, name="script", session_verified=False)
    client = APIClient()
    assert client.get(ORGS).status_code == 401
    client.credentials(HTTP_AUTHORIZATION="Token " + key)
    response = client.get(ORGS)
    assert response.status_code == 200
    assert tree["town_a"].pk in {row["id"] for row in response.json()["results"]}
    client.credentials(HTTP_AUTHORIZATION="Token wrong")
    bad = client.get(ORGS)
    assert bad.status_code == 401
    assert "detail" in bad.json()


def test_id_number_is_masked_in_list_and_detail(tree, admin_a):
    """Even an org admin who may reveal the number gets it masked: the API has no reveal yet."""
    person = make_person("周一", tree["village_a"])
    client = api(admin_a)
    for response in (client.get(PEOPLE), client.get(reverse("api:people-person-detail", args=[person.pk]))):
        body = response.content.decode()
        assert response.status_code == 200
        assert person.id_number not in body
        assert person.masked_id_number in body
    assert not ChangeLog.objects.filter(action="view_sensitive").exists()


def test_masked_id_number_sent_back_leaves_the_number_unchanged(tree, admin_a):
    person = make_person("周二", tree["village_a"])
    url = reverse("api:people-person-detail", args=[person.pk])
    client = api(admin_a)
    data = client.get(url).json()
    response = client.put(url, data, format="json")
    assert response.status_code == 200, response.content
    stored = Person.objects.get(pk=person.pk)
    assert stored.id_number == person.id_number
    assert stored.version == person.version + 1


def test_create_refuses_related_objects_out_of_scope(tree, admin_a):
    outside_person = make_person("赵六", tree["village_b"])
    client = api(admin_a)
    response = client.post(
        PEOPLE,
        {"name": "某人", "registered_org": tree["village_b"].pk, "political_status": "13"},
        format="json",
    )
    assert response.status_code == 400
    assert "registered_org" in response.json()["errors"]
    response = client.post(
        SEATS,
        {"org": tree["village_a"].pk, "person": outside_person.pk, "started_on": "2024-01-01"},
        format="json",
    )
    assert response.status_code == 400
    assert "person" in response.json()["errors"]
    response = client.post(ORGS, {"parent": tree["town_b"].pk, "name": "x", "code": "X1"}, format="json")
    assert response.status_code == 400
    assert "parent" in response.json()["errors"]
    assert not Org.objects.filter(code="X1").exists()


def test_model_validation_errors_are_field_errors(tree, admin_a):
    response = api(admin_a).post(
        PEOPLE,
        {
            "name": "某人",
            "id_number": "11010519491231002X",
            "birth_date": "1950-01-01",
            "registered_org": tree["village_a"].pk,
        },
        format="json",
    )
    assert response.status_code == 400
    assert "birth_date" in response.json()["errors"]
    term = api(admin_a).post(
        reverse("api:orgs-term-list"),
        {"org": tree["village_a"].pk, "number": 1, "started_on": "2024-01-01", "ends_on": "2023-01-01"},
        format="json",
    )
    assert term.status_code == 400
    assert "ends_on" in term.json()["errors"]


def test_repeating_a_record_in_the_recycle_bin_is_a_clear_400(tree, admin_a):
    from orgwork.core.services import delete_object
    from tests.factories import make_term

    client = api(admin_a)
    delete_object(make_term(tree["village_a"], number=3), actor=admin_a)
    body = {"org": tree["village_a"].pk, "number": 3, "started_on": "2024-01-01"}
    with translation.override("zh-hans"):
        response = client.post(
            reverse("api:orgs-term-list"), body, format="json", HTTP_ACCEPT_LANGUAGE="zh-hans"
        )
    assert response.status_code == 400, response.content
    assert "回收站" in response.content.decode()
    body["number"] = 4
    assert client.post(reverse("api:orgs-term-list"), body, format="json").status_code == 201


def test_org_create_allocates_a_path_and_parent_cannot_change(tree, admin_a):
    client = api(admin_a)
    response = client.post(ORGS, {"parent": tree["town_a"].pk, "name": "新支部", "code": "N1"}, format="json")
    assert response.status_code == 201, response.content
    org = Org.objects.get(code="N1")
    assert org.path.startswith(tree["town_a"].path) and len(org.path) == len(tree["town_a"].path) + 4
    assert response.json()["path"] == org.path
    url = reverse("api:orgs-org-detail", args=[org.pk])
    moved = client.patch(url, {"parent": tree["village_a"].pk}, format="json")
    assert moved.status_code == 400
    assert "parent" in moved.json()["errors"]


def test_delete_refused_by_the_model_is_400(tree, admin_a):
    response = api(admin_a).delete(reverse("api:orgs-org-detail", args=[tree["town_a"].pk]))
    # town_a is the admin's own root: deletable in scope, but it still has a village under it.
    assert response.status_code == 400
    assert Org.objects.filter(pk=tree["town_a"].pk).exists()


def test_page_filtersets_filter_the_api(tree, admin_a):
    make_org("震泽镇学校党支部", tree["town_a"], sector="school")
    client = api(admin_a)
    names = {row["name"] for row in client.get(ORGS, {"sector": "school"}).json()["results"]}
    assert names == {"震泽镇学校党支部"}
    names = {row["name"] for row in client.get(ORGS, {"q": "众安桥"}).json()["results"]}
    assert names == {"众安桥村党委"}
    # A filter choice outside the scope is a 400, not a look into another township.
    assert client.get(ORGS, {"within": tree["town_b"].pk}).status_code == 400


def test_changelog_is_for_the_auditor_only(tree, admin_a):
    make_person("审计对象", tree["village_a"])
    assert api().get(CHANGELOG).status_code in (401, 403)
    refused = api(admin_a).get(CHANGELOG)
    assert refused.status_code == 403
    assert "detail" in refused.json()
    auditor = make_user("auditor9", "auditor")
    response = api(auditor).get(CHANGELOG, {"action": "create"})
    assert response.status_code == 200
    rows = response.json()["results"]
    assert rows and all(r["action"] == "create" for r in rows)
    assert api(auditor).post(CHANGELOG, {}, format="json").status_code == 405
    assert api(auditor).get(ORGS).json()["results"] == []
