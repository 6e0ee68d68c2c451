"""The talent demo: service requests in every state and the talent's own login."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from orgwork.accounts.models import RoleGrant, User
from orgwork.casework.choices import OPEN_STATES
from orgwork.casework.models import Case
from orgwork.demo import generator

pytestmark = pytest.mark.django_db


def test_demo_requests_in_every_state_and_the_talent_login_sees_them(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only
    generator.seed("small", seed=1, modules=["talent"])
    call_command("demo_accounts", stdout=io.StringIO())
    call_command("demo_accounts", stdout=io.StringIO())  # idempotent
    user = User.objects.get(username="talent_demo")
    assert user.person is not None and not RoleGrant.objects.filter(user=user).exists()
    mine = Case.objects.filter(kind="talent_service", raised_by_person=user.person)
    states = set(mine.values_list("state", flat=True))
    assert {"registered", "assigned", "close_requested", "verified", "feedback"} <= states
    today = timezone.localdate()
    late = mine.filter(state__in=OPEN_STATES, due_on__lt=today)
    assert late.exists()
    others = Case.objects.filter(kind="talent_service").exclude(raised_by_person=user.person)
    assert others.exists()
    client.force_login(user)
    page = client.get("/me/").content.decode()
    assert page.count("data-case=") == mine.count()
    assert "超期" in page and 'name="rating"' in page
    for pk in others.values_list("pk", flat=True):
        assert 'data-case="{}"'.format(pk) not in page
