"""Shared fixtures: a small tree with two townships, and users scoped to parts of it."""

import pytest

from tests.factories import make_org, make_person, make_user


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing():
    """Production hashes passwords with PBKDF2 at Django's work factor (about half a second a hash
    on these machines, by design); the suite creates and logs in thousands of users, so it hashes
    with MD5, as Django's documentation advises for tests. No test depends on the hasher."""
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def _fresh_policy_cache():
    """The security policy is cached per process for a few seconds; a test must not see the
    policy of the test before it (and query counts must not depend on the cache's age)."""
    from django.core.cache import cache

    from orgwork.accounts.policy import clear_policy_cache
    from orgwork.core.settings_store import clear_setting_cache
    from orgwork.orgs.natural_keys import OrgIndex

    clear_policy_cache()
    clear_setting_cache()  # keys a rolled-back test changed
    cache.clear()  # cached figures are keyed by change-log ids, which a rolled-back test may reuse
    OrgIndex.forget()  # the same for the imports' shared index of orgs
    yield
    clear_policy_cache()
    clear_setting_cache()


@pytest.fixture(autouse=True)
def _default_language():
    """LocaleMiddleware leaves the request's language active in the thread after the response;
    a test that browses in English must not make later tests (which assert the default Chinese
    messages) see English."""
    from django.utils import translation

    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _job_files(settings, tmp_path):
    """Job input/result files of a test go to its own temporary folder."""
    settings.JOB_FILES_DIR = tmp_path / "jobs"


@pytest.fixture
def tree(db):
    city = make_org("苏州市委", kind="committee", level="city", code="320500")
    district = make_org("吴江区委", city, kind="committee", level="district", code="320509")
    town_a = make_org("震泽镇党委", district, kind="committee", level="town", code="320509101")
    town_b = make_org("盛泽镇党委", district, kind="committee", level="town", code="320509102")
    village_a = make_org(
        "众安桥村党委", town_a, kind="committee", level="village", sector="village", code="320509101201"
    )
    village_b = make_org(
        "黄家溪村党总支",
        town_b,
        kind="general_branch",
        level="village",
        sector="village",
        code="320509102201",
    )
    return {
        "city": city,
        "district": district,
        "town_a": town_a,
        "town_b": town_b,
        "village_a": village_a,
        "village_b": village_b,
    }


@pytest.fixture
def people(tree):
    return {
        "a": make_person("张三", tree["village_a"]),
        "b": make_person("李四", tree["village_b"], sex="F"),
    }


@pytest.fixture
def admin_a(tree):
    """Org admin of township A (may see unmasked ID numbers)."""
    return make_user("admin_a", "org_admin", tree["town_a"])


@pytest.fixture
def staff_a(tree):
    return make_user("staff_a", "org_staff", tree["town_a"])


@pytest.fixture
def district_admin(tree):
    return make_user("district_admin", "org_admin", tree["district"])


@pytest.fixture
def client_for(client):
    def login(user):
        client.force_login(user)
        return client

    return login
