"""The demo's member and cadre logins: no role, linked to a member with dues and to a cadre, and
their panels under 我的 show their own records."""

import io

import pytest
from django.core.management import call_command

from orgwork.accounts.models import RoleGrant, User
from orgwork.cadres.models import Cadre
from orgwork.demo import generator
from orgwork.members.models import Due, Member

pytestmark = pytest.mark.django_db


def test_the_member_and_cadre_demo_logins_see_their_own_panels(client):
    generator.seed("small", seed=1, modules=["members", "cadres"])
    call_command("demo_accounts", stdout=io.StringIO())
    call_command("demo_accounts", stdout=io.StringIO())  # idempotent
    member_user = User.objects.get(username="member_demo")
    cadre_user = User.objects.get(username="cadre_demo")
    assert not RoleGrant.objects.filter(user__in=[member_user, cadre_user]).exists()
    member = Member.objects.get(person=member_user.person)
    assert Due.objects.filter(member=member).exists()
    client.force_login(member_user)
    page = client.get("/me/").content.decode()
    assert 'id="panel-member"' in page and member.org.name in page
    cadre = Cadre.objects.get(person=cadre_user.person)
    client.force_login(cadre_user)
    page = client.get("/me/").content.decode()
    assert 'id="panel-cadre"' in page and cadre.get_rank_display() in page
