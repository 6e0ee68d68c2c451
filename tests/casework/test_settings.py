"""The casework settings page: a system administrator sets the escalation levels, the sending hours
and the working days of each category; new assignments follow them, deadlines already set do not
move, and every change is in the change log."""

from datetime import date

import pytest
from django.urls import reverse

from orgwork.casework import services
from orgwork.casework.rules import escalation_settings
from orgwork.core.models import ChangeLog, Setting
from tests.casework.factories import make_case
from tests.factories import login_verified, make_user

pytestmark = pytest.mark.django_db

URL = "casework:settings"


def _form(page):
    """The form's current values as the page shows them (what a browser would send back)."""
    ctx = page.context
    data = {k: v for k, v in ctx["escalation"].initial.items() if k in ctx["escalation"].fields}
    data["send_from"] = str(data["send_from"])[:5]
    data["send_until"] = str(data["send_until"])[:5]
    data.update(ctx["days"].initial)
    return data


@pytest.fixture
def sysadmin(client):
    user = make_user("sysadm", "system_admin")
    login_verified(client, user)
    return user


def test_new_assignments_follow_the_settings_and_old_deadlines_stay(client, tree, admin_a, sysadmin):
    before = make_case(tree["village_a"], "村道破损")
    services.assign_case(before, actor=admin_a, lead=tree["village_a"], start=date(2026, 3, 2))
    old_due = before.participants.get(role="lead").due_on
    page = client.get(reverse(URL))
    assert page.status_code == 200 and "提醒" in page.content.decode()
    data = _form(page)
    assert data["suggestion__livelihood"] == 10  # the built-in value is shown
    data.update(remind_percent=60, committee_after_days=5, suggestion__livelihood=4, suggestion__default=12)
    r = client.post(reverse(URL), data)
    assert r.status_code == 302
    assert escalation_settings()["remind_percent"] == 60
    assert escalation_settings()["committee_after_days"] == 5
    case = make_case(tree["village_a"], "低保申请材料退回", category="livelihood")
    services.assign_case(case, actor=admin_a, lead=tree["village_a"], start=date(2026, 3, 2))
    lead = case.participants.get(role="lead")
    # Assigned on Monday 2026-03-02: 4 working days from the next day end on Friday 03-06; the
    # reminder comes at 60% of them, before the deadline.
    assert lead.due_on == date(2026, 3, 6)
    assert date(2026, 3, 3) <= lead.remind_on < lead.due_on
    assert before.participants.get(role="lead").due_on == old_due
    for key in ("casework.escalation", "casework.kind.suggestion"):
        row = Setting.objects.get(key=key)
        assert ChangeLog.objects.filter(content_type__model="setting", object_id=str(row.pk)).exists()
    # Saving the page again unchanged writes nothing.
    logged = ChangeLog.objects.count()
    assert client.post(reverse(URL), _form(client.get(reverse(URL)))).status_code == 302
    assert ChangeLog.objects.count() == logged


def test_a_category_equal_to_the_new_default_takes_the_default(client, tree, admin_a, sysadmin):
    data = _form(client.get(reverse(URL)))
    data.update(suggestion__default=12, suggestion__livelihood=12)
    assert client.post(reverse(URL), data).status_code == 302
    case = make_case(tree["village_a"], "低保申请材料退回", category="livelihood")
    services.assign_case(case, actor=admin_a, lead=tree["village_a"], start=date(2026, 3, 2))
    assert case.participants.get(role="lead").due_on == date(2026, 3, 18)  # 12 working days


def test_bad_hours_save_nothing_and_say_why(client, sysadmin):
    data = _form(client.get(reverse(URL)))
    data.update(send_from="18:00", send_until="08:30", remind_percent=70)
    r = client.post(reverse(URL), data)
    assert r.status_code == 400
    assert "结束" in r.content.decode()
    assert not Setting.objects.filter(key="casework.escalation").exists()
    assert escalation_settings()["remind_percent"] == 80


def test_only_a_system_administrator_opens_the_page(client, tree, admin_a):
    login_verified(client, admin_a)
    assert client.get(reverse(URL)).status_code == 403
