"""Password policy (MLPS 2.0 level 3 defaults): length, character classes, common passwords."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from orgwork.accounts.models import User
from orgwork.accounts.policy import SecurityPolicy, get_policy, set_policy


def codes(password, user=None):
    try:
        validate_password(password, user)
    except ValidationError as exc:
        return {e.code for e in exc.error_list}
    return set()


@pytest.mark.django_db
def test_nine_characters_refused():
    assert "password_too_short" in codes("Ab3$efgh9")


@pytest.mark.django_db
def test_ten_characters_of_two_classes_refused():
    assert codes("abcdefgh12") == {"password_too_simple"}


@pytest.mark.django_db
def test_common_password_refused():
    # In Django's list of 20,000 common passwords, and long enough with three classes.
    assert "password_too_common" in codes("Password123")


@pytest.mark.django_db
def test_good_password_accepted():
    assert codes("Zhen-ze2024x", User(username="zhang")) == set()


@pytest.mark.django_db
def test_ten_characters_of_three_classes_accepted():
    assert codes("qwkfhG7xpz") == set()


@pytest.mark.django_db
def test_numeric_and_similar_to_username_refused():
    assert "password_entirely_numeric" in codes("4820193756")
    assert "password_too_similar" in codes("Wangxiaoming1", User(username="wangxiaoming1"))


@pytest.mark.django_db
def test_length_and_classes_follow_the_run_time_policy():
    set_policy(SecurityPolicy(password_min_length=14, password_min_classes=4), actor=None)
    assert "password_too_short" in codes("Zhen-ze2024x")
    assert "password_too_simple" in codes("Zhenze2024xyzab")
    assert codes("Zhen-ze2024xyzA") == set()
    assert get_policy().password_min_length == 14
