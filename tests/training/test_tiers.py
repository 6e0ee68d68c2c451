"""The requirement table as data: the system administrator edits it, nobody else."""

from decimal import Decimal

import pytest
from django.urls import reverse

from orgwork.core.models import ChangeLog
from orgwork.training import rules
from tests.factories import login_verified, make_user

pytestmark = pytest.mark.django_db


def post_data(rows):
    data = {"form-TOTAL_FORMS": str(len(rows)), "form-INITIAL_FORMS": "0"}
    for i, (code, label, hours, years) in enumerate(rows):
        data.update(
            {
                f"form-{i}-code": code,
                f"form-{i}-label": label,
                f"form-{i}-hours": hours,
                f"form-{i}-years": years,
            }
        )
    return data


def test_system_admin_changes_the_requirements(client):
    login_verified(client, make_user("sys", "system_admin"))
    url = reverse("training:tiers")
    page = client.get(url)
    assert page.status_code == 200 and "550" in page.content.decode()
    response = client.post(
        url, post_data([("township", "乡科级", "100", "1"), ("county", "县处级", "550", "5")])
    )
    assert response.status_code == 302
    assert [(t.code, t.hours, t.years) for t in rules.tiers()] == [
        ("township", Decimal("100"), 1),
        ("county", Decimal("550"), 5),
    ]
    assert ChangeLog.objects.filter(object_repr=rules.TIERS_SETTING).exists()


def test_duplicate_codes_are_refused(client):
    login_verified(client, make_user("sys", "system_admin"))
    response = client.post(
        reverse("training:tiers"), post_data([("a", "甲", "10", "1"), ("a", "乙", "20", "1")])
    )
    assert response.status_code == 400
    assert rules.tiers() == rules.DEFAULT_TIERS


def test_organizers_cannot_change_them(client, admin_a):
    client.force_login(admin_a)
    assert client.get(reverse("training:tiers")).status_code == 404
    assert client.post(reverse("training:tiers"), post_data([("x", "x", "1", "1")])).status_code == 404
    assert rules.tiers() == rules.DEFAULT_TIERS
