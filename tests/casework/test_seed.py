"""The demo seeder writes histories whose rollup equals what the application derives."""

import pytest

from orgwork.casework.models import Case, CaseParticipant
from orgwork.casework.state import ROLLUP_FIELDS, rebuild


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    from orgwork.demo import generator

    with django_db_blocker.unblock():
        generator.seed("small", seed=1)
    yield
    with django_db_blocker.unblock():
        from django.core.management import call_command

        call_command("flush", "--no-input")


@pytest.mark.django_db
def test_seeded_rollup_equals_the_rebuild(seeded):
    assert Case.objects.count() >= 900
    for case in Case.objects.order_by("?")[:60]:
        stored = {f: getattr(case, f) for f in ROLLUP_FIELDS}
        parts = sorted(
            CaseParticipant.objects.filter(case=case).values_list(
                "org_id", "role", "due_on", "fired_level", "active"
            )
        )
        rebuild(case)
        fresh = Case.objects.get(pk=case.pk)
        assert {f: getattr(fresh, f) for f in ROLLUP_FIELDS} == stored, case.pk
        assert (
            sorted(
                CaseParticipant.objects.filter(case=case).values_list(
                    "org_id", "role", "due_on", "fired_level", "active"
                )
            )
            == parts
        )
    assert (
        Case.objects.filter(state="archived").exists() and Case.objects.filter(state="in_progress").exists()
    )


@pytest.mark.django_db
def test_seeded_open_cases_are_recent(seeded):
    """The demo's inboxes and "my cases" show current work: no case waits unassigned for more than a
    month, and nothing still being handled was due months ago."""
    from datetime import timedelta

    from django.utils import timezone

    from orgwork.casework.choices import HANDLING_STATES, CaseState

    today = timezone.localdate()
    handling = Case.objects.filter(state__in=HANDLING_STATES)
    assert handling.exists()
    assert not handling.filter(due_on__lt=today - timedelta(days=120)).exists()
    registered = Case.objects.filter(state=CaseState.REGISTERED)
    assert not registered.filter(raised_on__lt=today - timedelta(days=31)).exists()
    # Older cases are closed and verified, and some are overdue now: the escalation has work.
    assert Case.objects.filter(state=CaseState.ARCHIVED, raised_on__lt=today - timedelta(days=365)).exists()
