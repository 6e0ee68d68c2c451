"""我的 · the member's own membership, dues, transfers and recruitment — without any grant, and
never another person's."""

from datetime import date

import pytest
from django.utils import timezone

from orgwork.members import services
from orgwork.members.services import month_start
from orgwork.orgs.rules import add_months
from tests.factories import login_as_person, make_user
from tests.members.factories import make_due, make_member, make_recruitment, make_transfer

pytestmark = pytest.mark.django_db


def _panel(client):
    page = client.get("/me/").content.decode()
    assert 'id="me-not-linked"' not in page
    return page


def test_the_member_sees_membership_and_this_years_dues_and_no_one_elses(client, tree):
    year = timezone.localdate().year
    me = make_member(tree["village_a"], "陈党员", joined=date(2010, 7, 1), confirmed=date(2011, 7, 1))
    other = make_member(tree["village_b"], "林党员", status="probationary", joined=date(2025, 3, 1))
    # 4000 yuan in service: 1 % = 40.00 a month. January paid, February short by 15, March unpaid,
    # and December of last year unpaid too (outstanding, though not this year's).
    make_due(me, date(year, 1, 1), paid=40, paid_on=date(year, 1, 10))
    make_due(me, date(year, 2, 1), paid=25, paid_on=date(year, 2, 10))
    make_due(me, date(year, 3, 1))
    make_due(me, date(year - 1, 12, 1))
    make_due(other, date(year, 1, 1), base=9000)  # 135.00, never on my page
    login_as_person(client, me.person)
    page = _panel(client)
    assert 'id="panel-member"' in page
    assert "正式党员" in page and "众安桥村党委" in page
    party_years = me.party_years_on(timezone.localdate())
    assert 'id="me-party-years">{}<'.format(party_years) in page
    assert page.count("data-month=") == 3  # this year's three months only
    assert "<th>合计</th>" in page and 'id="me-dues-due">120.00<' in page
    assert 'id="me-dues-paid">65.00<' in page
    assert "95.00" in page and "3 个月" in page  # 15 + 40 + 40 outstanding, over 3 months
    assert 'id="me-lapse"' not in page
    assert "林党员" not in page and "135.00" not in page and "黄家溪村党总支" not in page


def test_six_unpaid_months_in_a_row_show_the_lapse_warning(client, tree):
    me = make_member(tree["village_a"], "陈党员")
    first = add_months(month_start(timezone.localdate()), -6)
    for k in range(6):
        make_due(me, add_months(first, k))
    login_as_person(client, me.person)
    page = _panel(client)
    assert 'id="me-lapse"' in page and first.strftime("%Y-%m") in page
    assert "自行脱党" in page


def test_a_probationary_member_has_no_party_standing_yet(client, tree):
    me = make_member(tree["village_a"], "新党员", status="probationary", joined=date(2025, 7, 1))
    login_as_person(client, me.person)
    page = _panel(client)
    assert "预备党员" in page
    assert 'id="me-party-years">从转正之日起计算<' in page


def test_transfers_in_progress_are_listed_and_finished_ones_are_not(client, tree):
    admin = make_user("zzb", "org_admin", tree["district"])
    me = make_member(tree["village_a"], "陈党员")
    other = make_member(tree["village_a"], "林党员")
    going = make_transfer(me, tree["village_b"])
    going = services.advance_transfer(going, "approve", actor=admin)
    dropped = services.advance_transfer(make_transfer(me, tree["town_a"]), "withdraw", actor=admin)
    theirs = make_transfer(other, tree["village_b"])
    login_as_person(client, me.person)
    page = _panel(client)
    assert 'data-transfer="{}"'.format(going.pk) in page
    assert "黄家溪村党总支" in page and "转出党委已审核" in page
    assert 'data-transfer="{}"'.format(dropped.pk) not in page
    assert 'data-transfer="{}"'.format(theirs.pk) not in page


def test_an_applicant_sees_the_stage_and_the_next_step_with_its_date(client, tree):
    rec = make_recruitment(tree["village_a"], "申请人乙", applied=date(2024, 1, 10))
    services.record_step(rec, 1, done_on=date(2024, 1, 10), actor=None)
    make_recruitment(tree["village_a"], "申请人丙", applied=date(2024, 3, 1))
    login_as_person(client, rec.person)
    page = _panel(client)
    # Not a member yet: no membership or dues, only the way in.
    assert 'id="me-membership"' not in page and 'id="me-dues"' not in page
    assert 'id="me-stage">入党申请人<' in page
    assert "2 党组织派人谈话" in page and "2024-02-10" in page
    assert "申请人丙" not in page


def test_someone_with_no_member_record_gets_no_member_panel(client, tree):
    from tests.factories import make_person

    login_as_person(client, make_person("周平常", tree["village_a"]))
    page = _panel(client)
    assert 'id="panel-member"' not in page and 'id="me-empty"' in page
