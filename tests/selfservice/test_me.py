"""The self-service portal (我的): linking an account to its person, and what the page shows."""

import pytest

from orgwork.accounts.models import User
from orgwork.core.models import ChangeLog
from tests.factories import login_verified, make_person, make_user

pytestmark = pytest.mark.django_db


def test_a_user_without_a_person_gets_a_clear_page_and_no_menu_entry(client):
    client.force_login(make_user("nobody"))
    page = client.get("/me/").content.decode()
    assert 'id="me-not-linked"' in page
    assert 'href="/me/"' not in client.get("/").content.decode()


def test_a_linked_user_without_records_sees_that_nothing_is_kept(client, tree):
    user = make_user("plain")
    user.person = make_person("周平常", tree["village_a"])
    user.save()
    client.force_login(user)
    page = client.get("/me/").content.decode()
    assert 'id="me-empty"' in page and "周平常" in page
    assert 'href="/me/"' in client.get("/").content.decode()


def test_the_user_admin_links_a_person_found_by_full_id_number_and_it_is_audited(client, tree):
    admin = make_user("sysadmin", "system_admin")
    login_verified(client, admin)
    person = make_person("吴英才", tree["village_a"])
    account = make_user("wuyc")
    # The user admin holds no data scope: the search finds only the full ID number or full name.
    found = client.get("/accounts/users/person-lookup/", {"q": person.id_number}).json()["results"]
    assert [r["id"] for r in found] == [person.pk]
    assert person.id_number not in found[0]["text"]  # masked
    assert client.get("/accounts/users/person-lookup/", {"q": "吴英"}).json()["results"] == []
    assert [
        r["id"] for r in client.get("/accounts/users/person-lookup/", {"q": "吴英才"}).json()["results"]
    ] == [person.pk]
    form = client.get("/accounts/users/{}/edit/".format(account.pk)).content.decode()
    assert 'data-lookup-url="/accounts/users/person-lookup/"' in form
    response = client.post(
        "/accounts/users/{}/edit/".format(account.pk),
        {"display_name": "吴", "phone": "", "person": person.pk},
    )
    assert response.status_code == 302
    account.refresh_from_db()
    assert account.person == person
    log = ChangeLog.objects.filter(object_id=str(account.pk)).order_by("-pk").first()
    assert any(field == "person_id" for field, *_rest in log.changed_fields)
    assert "吴英才" in client.get("/accounts/users/{}/".format(account.pk)).content.decode()


def test_one_person_links_to_one_account_only(client, tree):
    admin = make_user("sysadmin", "system_admin")
    login_verified(client, admin)
    person = make_person("吴英才", tree["village_a"])
    first = make_user("first")
    first.person = person
    first.save()
    second = make_user("second")
    response = client.post(
        "/accounts/users/{}/edit/".format(second.pk), {"display_name": "", "phone": "", "person": person.pk}
    )
    assert response.status_code == 400
    assert "已关联" in response.content.decode()
    assert User.objects.get(pk=second.pk).person is None


def test_a_data_user_cannot_use_the_user_admins_person_search(client, tree):
    client.force_login(make_user("staff", "org_admin", tree["district"]))
    assert client.get("/accounts/users/person-lookup/", {"q": "张三"}).status_code == 403
