"""三员分立 (MLPS 2.0 level 3, 8.1.5): the system, security and audit admins each do one job, hold
no other role and no data role, and see no personal data. Grants are audited."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from orgwork.accounts.models import RoleGrant
from orgwork.accounts.services import grant_role, revoke_role
from orgwork.core.models import ChangeLog, ChangeLogAction
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "held, new",
    [
        ("system_admin", "security_admin"),
        ("system_admin", "auditor"),
        ("security_admin", "system_admin"),
        ("security_admin", "auditor"),
        ("auditor", "system_admin"),
        ("auditor", "security_admin"),
    ],
)
def test_one_of_the_three_cannot_hold_another(held, new, security_admin):
    user = make_user("x", held)
    with pytest.raises(ValidationError) as exc:
        grant_role(user, new, actor=security_admin)
    assert "三员分立" in " ".join(exc.value.messages)
    assert list(user.grants.values_list("role", flat=True)) == [held]


@pytest.mark.parametrize("held", ["system_admin", "security_admin", "auditor"])
@pytest.mark.parametrize("data_role", ["org_admin", "org_staff", "viewer"])
def test_admin_roles_hold_no_data_role(held, data_role, tree, security_admin):
    user = make_user("x", held)
    with pytest.raises(ValidationError) as exc:
        grant_role(user, data_role, tree["town_a"], actor=security_admin)
    assert "三员分立" in " ".join(exc.value.messages)


@pytest.mark.parametrize("admin_role", ["system_admin", "security_admin", "auditor"])
def test_data_role_holder_cannot_become_an_admin(admin_role, tree, security_admin):
    user = make_user("x", "org_staff", tree["town_a"])
    with pytest.raises(ValidationError) as exc:
        grant_role(user, admin_role, actor=security_admin)
    assert "三员分立" in " ".join(exc.value.messages)


def test_scoped_role_needs_an_org(security_admin):
    user = make_user("x")
    with pytest.raises(ValidationError) as exc:
        grant_role(user, "org_admin", None, actor=security_admin)
    assert "org" in exc.value.message_dict
    assert not RoleGrant.objects.filter(user=user).exists()


def test_global_role_takes_no_org_nor_sensitive_access(tree, security_admin):
    user = make_user("x")
    with pytest.raises(ValidationError):
        grant_role(user, "auditor", tree["city"], actor=security_admin)
    with pytest.raises(ValidationError):
        grant_role(user, "auditor", actor=security_admin, can_view_sensitive=True)


def test_same_global_role_twice_is_refused(security_admin):
    user = make_user("x", "auditor")
    with pytest.raises(ValidationError):
        grant_role(user, "auditor", actor=security_admin)
    assert user.grants.count() == 1


def test_nobody_changes_their_own_grants(tree, security_admin):
    with pytest.raises(ValidationError):
        grant_role(security_admin, "viewer", tree["town_a"], actor=security_admin)
    with pytest.raises(ValidationError):
        revoke_role(security_admin.grants.get(), actor=security_admin)


def test_data_roles_combine_on_several_subtrees(tree, security_admin):
    user = make_user("x", "org_admin", tree["town_a"])
    grant_role(user, "viewer", tree["town_b"], actor=security_admin)
    grant_role(user, "org_staff", tree["district"], actor=security_admin)
    assert user.grants.count() == 3


def test_grant_and_revoke_are_audited(tree, security_admin):
    user = make_user("x")
    grant = grant_role(user, "org_staff", tree["town_a"], actor=security_admin)
    entry = ChangeLog.objects.get(action=ChangeLogAction.GRANT, object_id=str(grant.pk))
    assert entry.user_id == security_admin.pk
    assert entry.after["role"] == "org_staff" and entry.after["org_id"] == tree["town_a"].pk
    pk = grant.pk
    revoke_role(grant, actor=security_admin)
    entry = ChangeLog.objects.get(action=ChangeLogAction.REVOKE, object_id=str(pk))
    assert entry.before["role"] == "org_staff" and not entry.after
    assert not RoleGrant.objects.filter(pk=pk).exists()


# ---------------------------------------------------------------- who may open which page


def test_security_admin_grants_through_the_page(otp_client, security_admin, tree):
    user = make_user("x")
    client = otp_client(security_admin)
    url = reverse("accounts:user_grants", args=[user.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"role": "org_admin", "org": tree["town_a"].pk})
    assert response.status_code == 302
    grant = user.grants.get()
    assert grant.org == tree["town_a"]
    response = client.post(url, {"role": "org_admin", "org": ""})
    assert response.status_code == 400
    response = client.post(url, {"role": "auditor", "org": ""})
    assert response.status_code == 400
    assert "三员分立" in response.content.decode()
    response = client.post(reverse("accounts:grant_revoke", args=[grant.pk]))
    assert response.status_code == 302
    assert not user.grants.exists()
    assert client.get(reverse("accounts:grant_list") + "?q=x").status_code == 200


def test_security_admin_cannot_manage_users(otp_client, security_admin):
    client = otp_client(security_admin)
    assert client.get(reverse("accounts:user_list")).status_code == 403
    assert client.get(reverse("accounts:user_add")).status_code == 403
    assert client.post(reverse("accounts:user_deactivate", args=[security_admin.pk])).status_code == 403


def test_system_admin_cannot_grant_roles(otp_client, system_admin, tree):
    user = make_user("x")
    client = otp_client(system_admin)
    assert client.get(reverse("accounts:grant_list")).status_code == 403
    url = reverse("accounts:user_grants", args=[user.pk])
    assert client.post(url, {"role": "org_admin", "org": tree["city"].pk}).status_code == 403
    assert client.get(reverse("accounts:security_policy")).status_code == 403
    assert client.get(reverse("accounts:login_history")).status_code == 403
    assert not user.grants.exists()


def test_auditor_can_only_read_the_log(otp_client, auditor):
    client = otp_client(auditor)
    for name in [
        "accounts:user_list",
        "accounts:grant_list",
        "accounts:security_policy",
        "accounts:login_history",
    ]:
        assert client.get(reverse(name)).status_code == 403, name
    assert client.get(reverse("core:changelog_list")).status_code == 200


def test_data_roles_open_no_admin_page(client, admin_a):
    client.force_login(admin_a)
    for name in [
        "accounts:user_list",
        "accounts:grant_list",
        "accounts:security_policy",
        "accounts:login_history",
    ]:
        assert client.get(reverse(name)).status_code == 403, name


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(reverse("accounts:user_list"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", ["system_admin", "security_admin", "auditor"])
def test_the_three_admins_see_no_personal_data(otp_client, people, admin_a, role):
    admin = make_user("admin", role)
    client = otp_client(admin)
    response = client.get("/people/people/")
    assert response.status_code == 200
    html = response.content.decode()
    assert people["a"].name not in html and people["b"].name not in html
    assert client.get("/people/people/{}/".format(people["a"].pk)).status_code == 404
    assert client.get("/people/people/{}/".format(people["b"].pk)).status_code == 404


def test_person_list_control_data_role_sees_its_subtree(client, people, admin_a):
    # The control for the test above: the same page does show people to a data role in scope.
    client.force_login(admin_a)
    html = client.get("/people/people/").content.decode()
    assert people["a"].name in html and people["b"].name not in html
    assert client.get("/people/people/{}/".format(people["a"].pk)).status_code == 200
