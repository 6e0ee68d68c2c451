"""TOTP second factor (django-otp): required for the three admin roles, optional for others."""

import re

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from orgwork.accounts import services
from orgwork.accounts.policy import SecurityPolicy, set_policy
from orgwork.core.models import ChangeLog, ChangeLogAction
from tests.accounts.conftest import token_for
from tests.factories import make_user

pytestmark = pytest.mark.django_db
OTP = reverse("accounts:otp")
ENROL = reverse("accounts:otp_enrol")


@pytest.mark.parametrize("role", ["system_admin", "security_admin", "auditor"])
def test_admin_role_without_verified_otp_is_sent_to_otp(client, role):
    user = make_user("admin", role)
    client.force_login(user)
    for url in ["/", reverse("accounts:user_list"), reverse("accounts:grant_list"), "/people/people/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(OTP), url


def test_admin_without_device_is_sent_to_enrolment_first(client, system_admin):
    client.force_login(system_admin)
    response = client.get(OTP)
    assert response.status_code == 302 and response.url.startswith(ENROL)


def test_api_refuses_an_unverified_admin_session(client, system_admin):
    client.force_login(system_admin)
    response = client.get("/api/anything/")
    assert response.status_code == 403


def test_verify_with_a_real_token_logs_in_verified(client, system_admin):
    client.force_login(system_admin)
    device = TOTPDevice.objects.create(user=system_admin, name="phone", confirmed=True)
    assert client.get(OTP).status_code == 200
    response = client.post(OTP, {"token": token_for(device), "next": reverse("accounts:user_list")})
    assert response.status_code == 302 and response.url == reverse("accounts:user_list")
    assert client.session["otp_device_id"] == device.persistent_id
    assert client.get(reverse("accounts:user_list")).status_code == 200
    assert ChangeLog.objects.filter(
        action=ChangeLogAction.LOGIN, user=system_admin, note__startswith="second factor"
    ).exists()


def test_wrong_token_is_refused_and_logged(client, system_admin):
    client.force_login(system_admin)
    device = TOTPDevice.objects.create(user=system_admin, name="phone", confirmed=True)
    wrong = "{:06d}".format((int(token_for(device)) + 1) % 1000000)
    response = client.post(OTP, {"token": wrong})
    assert response.status_code == 400
    assert "otp_device_id" not in client.session
    assert ChangeLog.objects.filter(
        action=ChangeLogAction.LOGIN_FAILED, note="second factor rejected"
    ).exists()
    assert client.get(reverse("accounts:user_list")).status_code == 302


def test_five_wrong_tokens_end_the_session(client, system_admin, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    client.force_login(system_admin)
    TOTPDevice.objects.create(user=system_admin, name="phone", confirmed=True)
    for _i in range(5):
        response = client.post(OTP, {"token": "000000x"})
    assert response.status_code == 302
    assert not client.session.get("_auth_user_id")


def test_open_redirect_is_refused(client, system_admin):
    client.force_login(system_admin)
    device = TOTPDevice.objects.create(user=system_admin, name="phone", confirmed=True)
    response = client.post(OTP, {"token": token_for(device), "next": "https://evil.example/"})
    assert response.url == "/"


def test_enrolment_shows_qr_and_secret_and_confirms_with_a_token(client, system_admin):
    client.force_login(system_admin)
    response = client.get(ENROL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)  # no inline script (CSP)
    assert not re.search(r"\sstyle=", html)
    device = TOTPDevice.objects.get(user=system_admin, confirmed=False)
    assert services.secret_base32(device) in html
    assert "otpauth://" not in html  # the URL is only in the QR code, not a link to anywhere
    # A reload shows the same secret instead of piling up devices.
    client.get(ENROL)
    assert TOTPDevice.objects.filter(user=system_admin).count() == 1
    response = client.post(ENROL, {"token": token_for(device)})
    assert response.status_code == 200
    assert "accounts/otp_backup_codes.html" in [t.name for t in response.templates]
    device.refresh_from_db()
    assert device.confirmed
    assert client.session["otp_device_id"] == device.persistent_id
    assert StaticToken.objects.filter(device__user=system_admin).count() == services.BACKUP_CODE_COUNT
    assert client.get(reverse("accounts:user_list")).status_code == 200
    entry = ChangeLog.objects.get(note="TOTP device enrolled")
    assert device.key not in str(entry.after) + entry.note


def test_enrolment_with_wrong_token_is_refused(client, system_admin):
    client.force_login(system_admin)
    client.get(ENROL)
    response = client.post(ENROL, {"token": "123"})
    assert response.status_code == 400
    assert not TOTPDevice.objects.filter(user=system_admin, confirmed=True).exists()


def test_existing_device_must_be_verified_before_a_new_enrolment(client, system_admin):
    client.force_login(system_admin)
    TOTPDevice.objects.create(user=system_admin, name="phone", confirmed=True)
    response = client.get(ENROL)
    assert response.status_code == 302 and response.url.startswith(OTP)


def test_backup_code_works_once(client, system_admin):
    codes = services.generate_backup_codes(system_admin, actor=system_admin)
    TOTPDevice.objects.create(user=system_admin, name="phone", confirmed=True)
    client.force_login(system_admin)
    assert client.post(OTP, {"token": codes[0]}).status_code == 302
    assert client.get(reverse("accounts:user_list")).status_code == 200
    client.logout()
    client.force_login(system_admin)
    assert client.post(OTP, {"token": codes[0]}).status_code == 400


def test_otp_is_optional_for_data_roles(client, tree):
    user = make_user("staff", "org_staff", tree["town_a"])
    client.force_login(user)
    assert client.get("/").status_code == 200
    assert client.get(OTP).status_code == 302  # nothing to verify: back to where they were
    # They may enrol; from then on their sessions need the code too.
    response = client.get(ENROL)
    assert response.status_code == 200
    device = TOTPDevice.objects.get(user=user)
    client.post(ENROL, {"token": token_for(device)})
    client.logout()
    client.post("/accounts/login/", {"username": "staff", "password": "Passw0rd!x"})
    response = client.get("/")
    assert response.status_code == 302 and response.url.startswith(OTP)


def test_required_roles_are_configurable(client, auditor):
    client.force_login(auditor)
    assert client.get("/").status_code == 302
    set_policy(SecurityPolicy(totp_required_roles=("system_admin", "security_admin")), actor=None)
    assert client.get("/").status_code == 200


def test_security_admin_resets_a_lost_second_factor(otp_client, security_admin, system_admin):
    TOTPDevice.objects.create(user=system_admin, name="phone", confirmed=True)
    client = otp_client(security_admin)
    response = client.post(reverse("accounts:user_otp_reset", args=[system_admin.pk]))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=system_admin).exists()
    assert ChangeLog.objects.filter(note="second factor reset", object_id=str(system_admin.pk)).exists()


def test_system_admin_cannot_reset_second_factors(otp_client, system_admin, security_admin):
    client = otp_client(system_admin)
    response = client.post(reverse("accounts:user_otp_reset", args=[security_admin.pk]))
    assert response.status_code == 403
