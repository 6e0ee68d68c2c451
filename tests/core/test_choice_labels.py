"""A record's ``get_FOO_display()`` (labels looked up in a dict kept per field) gives what Django's
own gives, in the active language, for every choice and for a value outside the choices."""

import pytest
from django.db import models
from django.utils import translation

from orgwork.orgs.choices import OrgKind
from orgwork.orgs.models import Org, TeamSeat
from orgwork.people.models import Person


def django_display(obj, name):
    return models.Model._get_FIELD_display(obj, obj._meta.get_field(name))


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_labels_are_djangos_in_the_active_language(lang):
    seat_field = TeamSeat._meta.get_field("role")
    with translation.override(lang):
        for code, _label in seat_field.flatchoices:
            seat = TeamSeat(role=code)
            assert seat.get_role_display() == django_display(seat, "role")
        org = Org(kind=OrgKind.BRANCH)
        assert org.get_kind_display() == django_display(org, "kind") == str(OrgKind.BRANCH.label)
        person = Person(sex="F")
        assert person.get_sex_display() == django_display(person, "sex")


def test_a_value_outside_the_choices_is_shown_as_it_is():
    seat = TeamSeat(role="no-such-role")
    assert seat.get_role_display() == "no-such-role" == django_display(seat, "role")
    assert TeamSeat(role=None).get_role_display() is None
