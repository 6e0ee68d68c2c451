"""Run-time settings are read once and then served from the cache until they change."""

import pytest
from django.db import transaction

from orgwork.core.models import Setting
from orgwork.core.settings_store import clear_setting_cache, get_setting, set_setting

pytestmark = pytest.mark.django_db


def test_a_setting_is_read_once_and_served_from_the_cache(django_assert_num_queries):
    with django_assert_num_queries(1):
        assert get_setting("demo.limit", 5) == 5
        assert get_setting("demo.limit", 5) == 5  # absent: remembered too
    Setting.objects.create(key="demo.cached", value=3)
    with django_assert_num_queries(1):
        assert [get_setting("demo.cached") for _ in range(3)] == [3, 3, 3]


@pytest.mark.django_db(transaction=True)
def test_a_committed_change_is_seen_at_once_and_a_rolled_back_one_never():
    set_setting("demo.limit", 7, actor=None)  # committed (no transaction around it)
    assert get_setting("demo.limit", 5) == 7
    with transaction.atomic():
        set_setting("demo.limit", 8, actor=None)
        assert get_setting("demo.limit") == 8  # the transaction sees its own change
        transaction.set_rollback(True)
    assert get_setting("demo.limit") == 7
    with transaction.atomic():
        set_setting("demo.limit", 9, actor=None)
    assert get_setting("demo.limit") == 9
    clear_setting_cache()
