"""The security admin's pages: security policy (run time, audited, cheap to read) and login history."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from orgwork.accounts.policy import SETTING_KEY, get_policy
from orgwork.core.models import ChangeLog, ChangeLogAction, Setting
from orgwork.core.settings_store import set_setting
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def policy_form(**overrides):
    data = {
        "password_min_length": 10,
        "password_min_classes": 3,
        "password_max_age_days": 90,
        "session_idle_minutes": 30,
        "session_absolute_hours": 12,
        "lockout_failures": 5,
        "lockout_minutes": 30,
        "totp_required_roles": ["system_admin", "security_admin", "auditor"],
    }
    data.update(overrides)
    return data


def test_defaults_are_mlps_level_3():
    policy = get_policy()
    assert (policy.password_min_length, policy.password_min_classes, policy.password_max_age_days) == (
        10,
        3,
        90,
    )
    assert (policy.session_idle_minutes, policy.session_absolute_hours) == (30, 12)
    assert (policy.lockout_failures, policy.lockout_minutes) == (5, 30)
    assert set(policy.totp_required_roles) == {"system_admin", "security_admin", "auditor"}


def test_security_admin_edits_the_policy(otp_client, security_admin):
    client = otp_client(security_admin)
    assert client.get(reverse("accounts:security_policy")).status_code == 200
    response = client.post(
        reverse("accounts:security_policy"), policy_form(session_idle_minutes=15, password_max_age_days=60)
    )
    assert response.status_code == 302
    policy = get_policy()
    assert policy.session_idle_minutes == 15 and policy.password_max_age_days == 60
    assert Setting.objects.get(key=SETTING_KEY).value["session_idle_minutes"] == 15
    entry = ChangeLog.objects.filter(object_repr=SETTING_KEY).latest("id")
    assert entry.user_id == security_admin.pk and entry.after["value"]["session_idle_minutes"] == 15


def test_policy_bounds_are_enforced(otp_client, security_admin):
    client = otp_client(security_admin)
    for bad in [
        {"password_min_length": 6},
        {"session_idle_minutes": 0},
        {"session_absolute_hours": 48},
        {"lockout_failures": 0},
    ]:
        response = client.post(reverse("accounts:security_policy"), policy_form(**bad))
        assert response.status_code == 400, bad
    assert not Setting.objects.filter(key=SETTING_KEY).exists()


def test_a_damaged_setting_cannot_switch_the_policy_off():
    set_setting(
        SETTING_KEY,
        {"session_idle_minutes": "never", "lockout_failures": None, "totp_required_roles": ["nobody"]},
        actor=None,
    )
    policy = get_policy()
    assert policy.session_idle_minutes == 30 and policy.lockout_failures == 5
    assert policy.totp_required_roles == ()


def test_policy_is_read_at_most_once_per_few_seconds(django_assert_num_queries):
    get_policy()
    with django_assert_num_queries(0):
        for _i in range(10):
            get_policy()


def test_policy_adds_no_query_to_a_page(client, django_assert_max_num_queries):
    user = make_user("zhang")
    client.force_login(user)
    client.get("/")
    # Session, user, grants, session save: the policy comes from the process cache.
    with django_assert_max_num_queries(6):
        client.get("/")


def test_login_history_filters_by_user_and_date(otp_client, security_admin, client):
    make_user("zhang")
    make_user("li")
    Client().post("/accounts/login/", {"username": "zhang", "password": "Passw0rd!x"})
    Client().post("/accounts/login/", {"username": "li", "password": "bad-one"})
    admin_client = otp_client(security_admin)
    url = reverse("accounts:login_history")
    html = admin_client.get(url).content.decode()
    assert html.count("ow-login-row") >= 3  # zhang, li's failure, the admin's own logins
    html = admin_client.get(url, {"user": "li"}).content.decode()
    assert html.count("ow-login-row") == 1
    html = admin_client.get(url, {"user": "zhang", "action": ChangeLogAction.LOGIN_FAILED}).content.decode()
    assert html.count("ow-login-row") == 0
    today = timezone.localdate()
    html = admin_client.get(
        url, {"date_from": today.isoformat(), "date_to": today.isoformat()}
    ).content.decode()
    assert html.count("ow-login-row") >= 3
    tomorrow = today + timedelta(days=1)
    html = admin_client.get(url, {"date_from": tomorrow.isoformat()}).content.decode()
    assert html.count("ow-login-row") == 0


def test_login_history_lists_locked_accounts(otp_client, security_admin):
    make_user("target")
    anonymous = Client()
    for i in range(5):
        anonymous.post("/accounts/login/", {"username": "target", "password": "wrong{}".format(i)})
    html = otp_client(security_admin).get(reverse("accounts:login_history")).content.decode()
    locked_section = html.split("ow-login-row")[0]
    assert "target" in locked_section
