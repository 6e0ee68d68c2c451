"""The main menu follows the user's grants on the next request although menus are kept per set of
grants, and detail URLs built without reverse() are the ones reverse() gives."""

import pytest
from django.urls import reverse, set_script_prefix

from orgwork.accounts.models import RoleGrant, User
from orgwork.accounts.services import grant_role, revoke_role
from orgwork.core.navigation import menu_for
from orgwork.core.urlcache import pk_url
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def urls_of(user):
    return [item["url"] for item in menu_for(User.objects.get(pk=user.pk))]  # a new request's user


def test_the_menu_follows_grants_given_and_taken_back(tree):
    people, grants = reverse("people:person_list"), reverse("accounts:grant_list")
    admin = make_user(role="org_admin", org=tree["town_a"])
    staff = make_user(role="org_admin", org=tree["town_b"])
    assert people in urls_of(admin) and grants not in urls_of(admin)
    revoke_role(RoleGrant.objects.get(user=admin), actor=None)
    assert urls_of(admin) == []  # no grant, no person: nothing to open
    grant_role(admin, "security_admin", actor=None)
    assert grants in urls_of(admin) and people not in urls_of(admin)
    assert people in urls_of(staff)  # another user's menu is their own
    assert menu_for(User.objects.get(pk=staff.pk)) is not menu_for(User.objects.get(pk=staff.pk))


def test_a_linked_person_sees_the_self_service_entry(tree, people):
    user = make_user()
    assert reverse("selfservice:me") not in urls_of(user)
    user.person = people["a"]
    user.save()
    assert reverse("selfservice:me") in urls_of(user)


@pytest.mark.parametrize("pk", [0, 1, 7, 40, 918273645, 2**40])
def test_detail_urls_are_the_ones_reverse_gives(pk):
    for name in ("orgs:org_detail", "people:person_detail", "orgs:term_detail"):
        assert pk_url(name, pk) == reverse(name, args=[pk])


def test_detail_urls_follow_the_script_prefix():
    try:
        set_script_prefix("/orgwork/")
        assert pk_url("orgs:org_detail", 3) == reverse("orgs:org_detail", args=[3]) == "/orgwork/orgs/orgs/3/"
    finally:
        set_script_prefix("/")
    assert pk_url("orgs:org_detail", 3) == "/orgs/orgs/3/"


def nav_bar_of(html):
    start = html.index('<ul class="navbar-nav">')
    return html[start : html.index("</ul>", start)]


def test_each_user_and_page_gets_its_own_menu_bar(client, tree):
    from tests.factories import login_verified

    people, grants = reverse("people:person_list"), reverse("accounts:grant_list")
    admin = make_user(role="org_admin", org=tree["town_a"])
    security = make_user(role="security_admin")
    client.force_login(admin)
    on_list = nav_bar_of(client.get(people).content.decode())
    on_tree = nav_bar_of(client.get(reverse("orgs:org_tree")).content.decode())
    assert 'dropdown-item active" href="{}"'.format(people) in on_list
    assert 'dropdown-item" href="{}"'.format(people) in on_tree and grants not in on_tree
    login_verified(client, security)
    bar = nav_bar_of(client.get(grants).content.decode())
    assert grants in bar and people not in bar
    client.force_login(admin)
    english = nav_bar_of(client.get(people, HTTP_ACCEPT_LANGUAGE="en").content.decode())
    assert "People" in english and "People" not in on_list
