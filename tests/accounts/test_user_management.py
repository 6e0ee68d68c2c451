"""User management by the system admin: list, create, edit, deactivate, reset password, unlock.
Every change is in the change log, and no password hash ever is."""

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from orgwork.accounts.models import User
from orgwork.core.models import ChangeLog, ChangeLogAction
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def no_hash_in_log():
    for before, after in ChangeLog.objects.values_list("before", "after"):
        for snap in (before or {}, after or {}):
            if "password" in snap or "pbkdf2" in str(snap):
                return False
    return True


def test_list_and_search(otp_client, system_admin):
    make_user("zhangsan")
    make_user("lisi")
    client = otp_client(system_admin)
    html = client.get(reverse("accounts:user_list")).content.decode()
    assert "zhangsan" in html and "lisi" in html
    html = client.get(reverse("accounts:user_list") + "?q=zhang").content.decode()
    assert "zhangsan" in html and "lisi" not in html


def test_create_user_with_forced_change(otp_client, system_admin):
    client = otp_client(system_admin)
    response = client.post(
        reverse("accounts:user_add"),
        {
            "username": "wangwu",
            "display_name": "王五",
            "phone": "",
            "password1": "Shengze#2025",
            "password2": "Shengze#2025",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="wangwu")
    assert user.must_change_password and user.check_password("Shengze#2025")
    entry = ChangeLog.objects.get(action=ChangeLogAction.CREATE, object_id=str(user.pk))
    assert entry.user_id == system_admin.pk
    assert no_hash_in_log()


def test_create_user_refuses_a_weak_password(otp_client, system_admin):
    client = otp_client(system_admin)
    response = client.post(
        reverse("accounts:user_add"),
        {
            "username": "wangwu",
            "display_name": "",
            "phone": "",
            "password1": "abcdefgh12",
            "password2": "abcdefgh12",
        },
    )
    assert response.status_code == 400
    assert not User.objects.filter(username="wangwu").exists()


def test_deactivate_and_reactivate(otp_client, system_admin):
    user = make_user("leaver")
    client = otp_client(system_admin)
    assert client.get(reverse("accounts:user_detail", args=[user.pk])).status_code == 200
    client.post(reverse("accounts:user_deactivate", args=[user.pk]))
    user.refresh_from_db()
    assert not user.is_active
    client.post(reverse("accounts:user_reactivate", args=[user.pk]))
    user.refresh_from_db()
    assert user.is_active
    notes = list(ChangeLog.objects.filter(object_id=str(user.pk)).values_list("note", flat=True))
    assert "deactivated" in notes and "reactivated" in notes


def test_system_admin_cannot_deactivate_self(otp_client, system_admin):
    client = otp_client(system_admin)
    client.post(reverse("accounts:user_deactivate", args=[system_admin.pk]))
    system_admin.refresh_from_db()
    assert system_admin.is_active


def test_reset_password_forces_a_change(otp_client, system_admin, client):
    user = make_user("forgetful")
    admin_client = otp_client(system_admin)
    response = admin_client.post(
        reverse("accounts:user_password_reset", args=[user.pk]),
        {"password1": "Tmp-pass-2025", "password2": "Tmp-pass-2025"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.must_change_password and user.check_password("Tmp-pass-2025")
    assert ChangeLog.objects.filter(note="password reset", object_id=str(user.pk), user=system_admin).exists()
    assert no_hash_in_log()


def test_edit_user(otp_client, system_admin):
    user = make_user("zhao")
    client = otp_client(system_admin)
    response = client.post(
        reverse("accounts:user_edit", args=[user.pk]), {"display_name": "赵六", "phone": "0512"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.display_name == "赵六"
    entry = ChangeLog.objects.get(action=ChangeLogAction.UPDATE, object_id=str(user.pk))
    assert entry.before["display_name"] == "" and entry.after["display_name"] == "赵六"


def test_unlock(otp_client, system_admin):
    user = make_user("locked")
    anonymous = Client()
    for i in range(5):
        anonymous.post("/accounts/login/", {"username": "locked", "password": "wrong{}".format(i)})
    assert (
        anonymous.post("/accounts/login/", {"username": "locked", "password": "Passw0rd!x"}).status_code
        == 429
    )
    client = otp_client(system_admin)
    response = client.get(reverse("accounts:user_detail", args=[user.pk]))
    assert response.context["locked"] is True
    client.post(reverse("accounts:user_unlock", args=[user.pk]))
    assert not AccessAttempt.objects.filter(username="locked").exists()
    assert ChangeLog.objects.filter(note="unlocked", object_id=str(user.pk)).exists()
    assert (
        anonymous.post("/accounts/login/", {"username": "locked", "password": "Passw0rd!x"}).status_code
        == 302
    )
