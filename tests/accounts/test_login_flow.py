"""Logging in: audit of logins and failures, forced and periodic password change, lockout after
five failures, idle and absolute session limits."""

import time
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import timezone

from orgwork.accounts.policy import SecurityPolicy, set_policy
from orgwork.core.models import ChangeLog, ChangeLogAction
from tests.factories import make_user

LOGIN = "/accounts/login/"
PASSWORD = "Passw0rd!x"
pytestmark = pytest.mark.django_db


def post_login(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def test_login_is_in_the_change_log(client):
    user = make_user("zhang")
    response = post_login(client, "zhang", PASSWORD)
    assert response.status_code == 302
    entry = ChangeLog.objects.get(action=ChangeLogAction.LOGIN)
    assert entry.user_id == user.pk and entry.user_name == "zhang"


def test_failed_login_is_in_the_change_log(client):
    make_user("zhang")
    response = post_login(client, "zhang", "wrong-password")
    assert response.status_code == 200
    entry = ChangeLog.objects.get(action=ChangeLogAction.LOGIN_FAILED)
    assert entry.user_id is None and entry.user_name == "zhang" and entry.note == "bad credentials"


def test_logout_is_in_the_change_log(client):
    user = make_user("zhang")
    client.force_login(user)
    client.post(reverse("accounts:logout"))
    assert ChangeLog.objects.filter(action=ChangeLogAction.LOGOUT, user=user).exists()


def test_forced_change_at_first_login(client):
    user = make_user("newbie")
    user.must_change_password = True
    user.save()
    assert post_login(client, "newbie", PASSWORD).status_code == 302
    response = client.get("/")
    assert response.status_code == 302 and response.url == reverse("accounts:password_change")
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "Wujiang#2025a", "new_password2": "Wujiang#2025a"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert not user.must_change_password
    assert client.get("/").status_code == 200
    assert ChangeLog.objects.filter(
        action=ChangeLogAction.UPDATE, user=user, note="password changed"
    ).exists()
    assert "pbkdf2" not in str(ChangeLog.objects.filter(note="password changed").values("before", "after"))


def test_password_older_than_90_days_must_be_changed(client):
    user = make_user("old")
    client.force_login(user)
    user.password_changed_at = timezone.now() - timedelta(days=89)
    user.save()
    assert client.get("/").status_code == 200
    user.password_changed_at = timezone.now() - timedelta(days=90)
    user.save()
    response = client.get("/")
    assert response.status_code == 302 and response.url == reverse("accounts:password_change")


def test_password_max_age_is_configurable(client):
    user = make_user("old")
    client.force_login(user)
    user.password_changed_at = timezone.now() - timedelta(days=31)
    user.save()
    assert client.get("/").status_code == 200
    set_policy(SecurityPolicy(password_max_age_days=30), actor=None)
    assert client.get("/").status_code == 302
    set_policy(SecurityPolicy(password_max_age_days=0), actor=None)
    assert client.get("/").status_code == 200


def test_lockout_after_five_failures_even_with_the_right_password(client):
    user = make_user("target")
    statuses = [post_login(client, "target", "wrong-{}".format(i)).status_code for i in range(5)]
    assert statuses[:4] == [200] * 4
    assert statuses[4] == 429
    response = post_login(client, "target", PASSWORD)
    assert response.status_code == 429
    assert "accounts/locked_out.html" in [t.name for t in response.templates]
    assert not client.session.get("_auth_user_id")
    assert ChangeLog.objects.filter(
        action=ChangeLogAction.LOGIN_FAILED, note="locked out", user_name="target"
    ).exists()
    # Another account is not affected: lockout is per account, not per IP address.
    make_user("colleague")
    assert post_login(client, "colleague", PASSWORD).status_code == 302
    client.logout()
    # After the 30-minute cool-off the right password works again.
    AccessAttempt.objects.filter(username="target").update(
        attempt_time=timezone.now() - timedelta(minutes=31)
    )
    response = post_login(client, "target", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_four_failures_do_not_lock(client):
    make_user("target")
    for i in range(4):
        post_login(client, "target", "wrong-{}".format(i))
    assert post_login(client, "target", PASSWORD).status_code == 302


def test_lockout_limit_is_configurable(client):
    make_user("target")
    set_policy(SecurityPolicy(lockout_failures=3), actor=None)
    statuses = [post_login(client, "target", "wrong-{}".format(i)).status_code for i in range(3)]
    assert statuses == [200, 200, 429]


def _age_session(client, **seconds_ago):
    session = client.session
    now = time.time()
    for key, ago in seconds_ago.items():
        session[key] = now - ago
    session.save()


def test_idle_timeout_after_30_minutes(client):
    user = make_user("idle")
    client.force_login(user)
    assert client.get("/").status_code == 200
    _age_session(client, last_seen=29 * 60)
    assert client.get("/").status_code == 200
    _age_session(client, last_seen=31 * 60)
    response = client.get("/")
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    assert not client.session.get("_auth_user_id")
    assert ChangeLog.objects.filter(action=ChangeLogAction.LOGOUT, user=user, note="idle timeout").exists()


def test_idle_timeout_is_configurable(client):
    user = make_user("idle")
    client.force_login(user)
    assert client.get("/").status_code == 200
    set_policy(SecurityPolicy(session_idle_minutes=10), actor=None)
    _age_session(client, last_seen=11 * 60)
    assert client.get("/").status_code == 302


def test_longer_idle_setting_extends_the_session_store(client):
    user = make_user("idle")
    client.force_login(user)
    set_policy(SecurityPolicy(session_idle_minutes=60), actor=None)
    _age_session(client, last_seen=120)
    assert client.get("/").status_code == 200
    assert client.session.get_expiry_age() >= 3600


def test_absolute_limit_of_12_hours(client):
    user = make_user("long")
    client.force_login(user)
    assert client.get("/").status_code == 200
    _age_session(client, login_at=11.9 * 3600, last_seen=60)
    assert client.get("/").status_code == 200
    _age_session(client, login_at=12 * 3600 + 60, last_seen=60)
    response = client.get("/")
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    assert ChangeLog.objects.filter(
        action=ChangeLogAction.LOGOUT, user=user, note="absolute session limit"
    ).exists()


def test_activity_is_noted_once_a_minute_without_a_write_per_request(client):
    from django.contrib.sessions.models import Session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    user = make_user("busy")
    client.force_login(user)
    assert client.get("/").status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    table = Session._meta.db_table
    assert not [q for q in queries if q["sql"].startswith("UPDATE") and table in q["sql"]]
    # A minute later the activity is noted: the session is written and its clock moves.
    _age_session(client, last_seen=61)
    before = client.session["last_seen"]
    assert client.get("/").status_code == 200
    assert client.session["last_seen"] > before + 30


def test_login_sets_the_session_clocks(client):
    make_user("zhang")
    before = time.time()
    post_login(client, "zhang", PASSWORD)
    assert client.session["login_at"] >= before
    assert client.session["last_seen"] >= before


def test_deactivated_user_loses_the_open_session(client, system_admin):
    from orgwork.accounts.services import set_user_active

    user = make_user("leaver")
    client.force_login(user)
    assert client.get("/").status_code == 200
    set_user_active(user, False, actor=system_admin)
    assert client.get("/").status_code == 302
