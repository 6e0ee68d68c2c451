"""Each escalation level fires once, at the right time, to the right people, never at night or on
a day off; the levels are events, so the rollup still equals the history."""

from datetime import date, datetime

import pytest
from django.utils import timezone

from orgwork.casework import services
from orgwork.casework.escalation import run_escalations
from orgwork.casework.models import Case, CaseParticipant
from orgwork.casework.state import ROLLUP_FIELDS, rebuild
from orgwork.notifications.models import Notice, OutboxMessage
from tests.casework.factories import make_case
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def at(y, m, d, h=10):
    return timezone.make_aware(datetime(y, m, d, h, 0))


@pytest.fixture
def setup(tree):
    district = make_user("district_admin", "org_admin", tree["district"])
    town = make_user("town_admin", "org_admin", tree["town_a"])
    handler = make_user("handler_v", "org_staff", tree["village_a"])
    case = make_case(tree["district"], "主干道路面破损")
    # Assigned Mon 2 Mar 2026, 10 working days: reminder Thu 12, deadline Mon 16, committee Thu 19.
    case = services.assign_case(
        case, actor=district, lead=tree["village_a"], lead_days=10, start=date(2026, 3, 2)
    )
    Notice.objects.all().delete()
    return {"case": case, "district": district, "town": town, "handler": handler}


def _notices(user):
    return list(Notice.objects.filter(recipient=user).values_list("title", flat=True))


def test_each_level_fires_once_at_its_time_to_its_people(setup):
    case, handler, town, district = setup["case"], setup["handler"], setup["town"], setup["district"]
    assert run_escalations(at(2026, 3, 11))["fired"] == 0
    # Level 1 on the reminder day, to the handler only.
    assert run_escalations(at(2026, 3, 12))["fired"] == 1
    assert len(_notices(handler)) == 1 and not _notices(town) and not _notices(district)
    assert run_escalations(at(2026, 3, 12, 15))["fired"] == 0  # once
    assert run_escalations(at(2026, 3, 16))["fired"] == 0  # the deadline day is still in time
    # Level 2 the day after the deadline: overdue flag, the handler and its superior (township).
    assert run_escalations(at(2026, 3, 17))["fired"] == 1
    c = Case.objects.get(pk=case.pk)
    assert c.overdue and c.escalation_level == 2
    assert len(_notices(town)) == 1 and not _notices(district)
    # Level 3, 3 working days overdue: the supervising committee (the registering district).
    assert run_escalations(at(2026, 3, 19))["fired"] == 1
    assert len(_notices(district)) == 1
    assert run_escalations(at(2026, 3, 20))["fired"] == 0
    assert OutboxMessage.objects.count() == Notice.objects.count()
    # The levels are in the history: a rebuild gives the same rollup.
    before = {f: getattr(Case.objects.get(pk=case.pk), f) for f in ROLLUP_FIELDS if f != "last_event_at"}
    levels = list(CaseParticipant.objects.filter(case=case).values_list("org_id", "fired_level"))
    rebuild(Case.objects.get(pk=case.pk))
    assert {
        f: getattr(Case.objects.get(pk=case.pk), f) for f in ROLLUP_FIELDS if f != "last_event_at"
    } == before
    assert list(CaseParticipant.objects.filter(case=case).values_list("org_id", "fired_level")) == levels


def test_not_at_night_nor_on_a_day_off(setup):
    assert run_escalations(at(2026, 3, 17, 22))["skipped"]  # night
    assert run_escalations(at(2026, 3, 17, 7))["skipped"]  # before 08:30
    assert run_escalations(at(2026, 3, 21))["skipped"]  # Saturday
    assert not Notice.objects.exists()
    # The next run in working hours catches up: levels 1 and 2 at once, each once.
    out = run_escalations(at(2026, 3, 17, 9))
    assert out["fired"] == 2
    assert Case.objects.get(pk=setup["case"].pk).events.filter(kind="escalate").count() == 2


def test_paused_and_closed_cases_do_not_escalate(setup, tree):
    case, handler = setup["case"], setup["handler"]
    services.request_close(case, actor=handler, reply="已办结")
    assert run_escalations(at(2026, 3, 19))["fired"] == 0


def test_management_command_runs(setup, capsys):
    from django.core.management import call_command

    call_command("run_escalations", "--force")
    assert "fired=" in capsys.readouterr().out
