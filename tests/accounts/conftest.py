"""Fixtures of the account tests: a fresh policy cache per test, admin users, a client that has
passed the second factor with a real TOTP code."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from orgwork.accounts.policy import clear_policy_cache
from tests.factories import make_user


def token_for(device) -> str:
    """The code an authenticator app would show now for ``device``."""
    return "{:0{}d}".format(
        totp(device.bin_key, device.step, device.t0, device.digits, device.drift), device.digits
    )


@pytest.fixture(autouse=True)
def fresh_policy():
    # The policy is cached per process; a rolled-back test must not leave its value behind.
    clear_policy_cache()
    yield
    clear_policy_cache()


@pytest.fixture
def system_admin(db):
    return make_user("sysadmin", "system_admin")


@pytest.fixture
def security_admin(db):
    return make_user("secadmin", "security_admin")


@pytest.fixture
def auditor(db):
    return make_user("auditor", "auditor")


@pytest.fixture
def otp_client(client):
    """Log ``user`` in and pass the TOTP check with a code computed from a confirmed device."""

    def login(user):
        client.force_login(user)
        device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
        response = client.post(reverse("accounts:otp"), {"token": token_for(device)})
        assert response.status_code == 302, response.content[:500]
        return client

    return login
