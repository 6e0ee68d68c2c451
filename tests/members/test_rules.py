"""The rules of the member registry at their edges (RULES.md §3.1–3.3)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from orgwork.members import rules, services
from orgwork.members.models import Member, Recruitment
from orgwork.people.models import Person
from tests.factories import make_person
from tests.members.factories import make_due, make_member, make_recruitment

pytestmark = pytest.mark.django_db

VOTE = {"expected": 10, "present": 8, "in_favour": 7}

# step → (date, extra data) of a recruitment that follows every rule
PLAN = {
    1: (date(2023, 1, 10), {}),
    2: (date(2023, 1, 20), {"people": "支部书记"}),
    3: (date(2023, 3, 1), {}),
    4: (date(2023, 3, 5), {}),
    5: (date(2023, 3, 6), {"people": "王五、赵六"}),
    6: (date(2023, 9, 1), {}),
    7: (date(2024, 3, 1), {}),
    8: (date(2024, 3, 5), {}),
    9: (date(2024, 3, 6), {"people": "王五、钱七"}),
    10: (date(2024, 3, 10), {}),
    11: (date(2024, 4, 1), {"training_days": 3}),
    12: (date(2024, 4, 10), {}),
    13: (date(2024, 4, 15), {}),
    14: (date(2024, 4, 20), {}),
    15: (date(2024, 5, 10), VOTE),
    16: (date(2024, 5, 20), {}),
    17: (date(2024, 6, 10), {}),
    18: (date(2024, 6, 15), {}),
    19: (date(2024, 6, 16), {}),
    20: (date(2024, 7, 1), {}),
    21: (date(2024, 12, 1), {}),
    22: (date(2025, 4, 10), {}),
    23: (date(2025, 5, 10), VOTE),
    24: (date(2025, 6, 1), {}),
    25: (date(2025, 6, 10), {}),
}


def walk(rec, upto, override=None):
    override = override or {}
    for step in range(1, upto + 1):
        on, data = override.get(step, PLAN[step])
        services.record_step(rec, step, done_on=on, actor=None, **dict(data))
    rec.refresh_from_db()
    return rec


@pytest.fixture
def rec(tree):
    return make_recruitment(tree["village_a"], "申请人", birth=date(1995, 1, 1), applied=date(2023, 1, 10))


def test_applicant_of_17_years_364_days_is_refused_and_of_18_accepted(tree):
    young = make_recruitment(tree["village_a"], "少年", birth=date(2005, 6, 1), applied=date(2023, 6, 1))
    with pytest.raises(ValidationError) as exc:
        services.record_step(young, 1, done_on=date(2023, 5, 31), actor=None)
    assert "17" in " ".join(exc.value.messages)
    assert young.steps.count() == 0
    services.record_step(young, 1, done_on=date(2023, 6, 1), actor=None)
    young.refresh_from_db()
    assert young.last_step == 1


def test_recruitment_form_refuses_an_applicant_under_18(tree):
    person = make_person("未成年", tree["village_a"], birth=date(2005, 6, 1))
    r = Recruitment(person=person, org=tree["village_a"], applied_on=date(2023, 5, 31))
    with pytest.raises(ValidationError):
        r.full_clean()
    r.applied_on = date(2023, 6, 1)
    r.full_clean()


def test_activist_of_364_days_cannot_become_a_candidate_365_can(rec):
    walk(rec, 6)
    with pytest.raises(ValidationError) as exc:
        services.record_step(rec, 7, done_on=date(2023, 3, 1) + timedelta(days=364), actor=None)
    assert "364" in " ".join(exc.value.messages)
    services.record_step(rec, 7, done_on=date(2023, 3, 1) + timedelta(days=365), actor=None)


def test_steps_must_come_in_order(rec):
    with pytest.raises(ValidationError):
        services.record_step(rec, 3, done_on=date(2023, 3, 1), actor=None)


@pytest.mark.parametrize(("days", "hours", "ok"), [(2.5, 23, False), (3, 0, True), (0, 24, True)])
def test_training_of_3_days_or_24_hours(rec, days, hours, ok):
    walk(rec, 10)
    services.record_step(
        rec, 11, done_on=date(2024, 4, 1), actor=None, training_days=days, training_hours=hours
    )
    for s in (12, 13, 14):
        services.record_step(rec, s, done_on=PLAN[s][0], actor=None)
    if ok:
        services.record_step(rec, 15, done_on=date(2024, 5, 10), actor=None, **VOTE)
    else:
        with pytest.raises(ValidationError, match="24"):
            services.record_step(rec, 15, done_on=date(2024, 5, 10), actor=None, **VOTE)


@pytest.mark.parametrize(
    ("present", "favour", "ok"),
    [(5, 5, False), (6, 5, False), (6, 6, True), (10, 6, True)],
)
def test_branch_meeting_quorum_and_majority_of_those_expected(rec, present, favour, ok):
    walk(rec, 14)
    data = {"expected": 10, "present": present, "in_favour": favour}
    if ok:
        services.record_step(rec, 15, done_on=date(2024, 5, 10), actor=None, **data)
    else:
        with pytest.raises(ValidationError):
            services.record_step(rec, 15, done_on=date(2024, 5, 10), actor=None, **data)


def test_publicity_across_national_day_counts_working_days_only(rec):
    """公示 from Mon 2025-09-29 for 5 working days: 9-29, 9-30, then 10-1…10-8 are holidays,
    10-9, 10-10 and the make-up Saturday 10-11. The meeting may be on 10-12 at the earliest."""
    walk(
        rec,
        14,
        {k: (date(2025, 9, 1) + timedelta(days=k), {}) for k in range(1, 15)}
        | {
            1: (date(2023, 1, 10), {}),
            2: (date(2023, 1, 20), {}),
            3: (date(2023, 3, 1), {}),
            4: (date(2023, 3, 5), {}),
            5: (date(2023, 3, 6), {}),
            6: (date(2023, 9, 1), {}),
            7: (date(2024, 3, 1), {}),
            11: (date(2025, 9, 12), {"training_days": 3}),
        },
    )
    data = {**VOTE, "publicity_from": date(2025, 9, 29)}
    with pytest.raises(ValidationError, match="2025-10-11"):
        services.record_step(rec, 15, done_on=date(2025, 10, 11), actor=None, **data)
    out = services.record_step(rec, 15, done_on=date(2025, 10, 12), actor=None, **data)
    assert out.step.publicity_to == date(2025, 10, 11)


def test_approval_after_3_months_warns_after_6_is_refused(tree):
    a = walk(make_recruitment(tree["village_a"], "甲", applied=date(2023, 1, 10)), 16)
    out = services.record_step(a, 17, done_on=date(2024, 8, 11), actor=None)
    assert out.warnings
    b = walk(make_recruitment(tree["village_a"], "乙", applied=date(2023, 1, 10)), 16)
    with pytest.raises(ValidationError, match="6"):
        services.record_step(b, 17, done_on=date(2024, 11, 11), actor=None)
    c = walk(make_recruitment(tree["village_a"], "丙", applied=date(2023, 1, 10)), 16)
    assert services.record_step(c, 17, done_on=date(2024, 8, 10), actor=None).warnings == []


def test_admission_makes_a_probationary_member_and_confirmation_a_full_one(rec):
    walk(rec, 17)
    m = Member.objects.get(person=rec.person)
    assert (m.status, m.joined_on, m.org_id) == ("probationary", date(2024, 5, 10), rec.org_id)
    assert Person.objects.get(pk=rec.person_id).political_status == "02"
    assert m.party_years_on(date(2026, 1, 1)) is None
    walk_rest(rec, 18, 25)
    m.refresh_from_db()
    assert (m.status, m.confirmed_on) == ("full", date(2025, 5, 10))
    assert Person.objects.get(pk=rec.person_id).political_status == "01"
    assert m.party_years_on(date(2026, 5, 9)) == 0
    assert m.party_years_on(date(2026, 5, 10)) == 1


def walk_rest(rec, first, last):
    for step in range(first, last + 1):
        on, data = PLAN[step]
        services.record_step(rec, step, done_on=on, actor=None, **dict(data))
    rec.refresh_from_db()


def test_confirmation_meeting_not_before_probation_ends(rec):
    walk(rec, 22)
    with pytest.raises(ValidationError, match="2025-05-10"):
        services.record_step(rec, 23, done_on=date(2025, 5, 9), actor=None, **VOTE)


@pytest.mark.parametrize(("months", "ok"), [(5, False), (6, True), (12, True), (13, False)])
def test_probation_extension_of_6_to_12_months(rec, months, ok):
    walk(rec, 17)
    if not ok:
        with pytest.raises(ValidationError):
            services.extend_probation(rec, months, actor=None)
        return
    services.extend_probation(rec, months, actor=None)
    assert rec.probation_ends_on == rules.probation_end(date(2024, 5, 10), months)
    with pytest.raises(ValidationError):
        services.extend_probation(rec, months, actor=None)


def test_due_this_month_lists_the_next_step_and_why(rec):
    walk(rec, 3)
    items = services.due_this_month(Recruitment.objects.all(), today=date(2024, 3, 5))
    assert [(i.recruitment.pk, i.step) for i in items] == []  # step 4 has no deadline
    walk_rest(rec, 4, 6)
    items = services.due_this_month(Recruitment.objects.all(), today=date(2024, 3, 5))
    assert [(i.recruitment.pk, i.step, i.due_on) for i in items] == [(rec.pk, 7, date(2024, 3, 1))]
    assert items[0].overdue


# ---------------------------------------------------------------- dues


@pytest.mark.parametrize(
    ("category", "base", "due"),
    [
        ("in_service", "3000", "15.00"),
        ("in_service", "3000.01", "30.00"),
        ("in_service", "5000", "50.00"),
        ("in_service", "5000.01", "75.00"),
        ("in_service", "10000", "150.00"),
        ("in_service", "10000.01", "200.00"),
        ("retired", "5000", "25.00"),
        ("retired", "5000.01", "50.00"),
        ("farmer", "0", "0.20"),
        ("student", "8000", "0.20"),
        ("unemployed", "0", "0.20"),
        ("relief", "0", "0.20"),
    ],
)
def test_dues_bracket_boundaries(category, base, due):
    assert rules.monthly_due(category, Decimal(base)) == Decimal(due)


def test_farmer_fixed_amount_between_20_fen_and_1_yuan(tree):
    m = make_member(tree["village_a"], "农民党员", category="farmer", dues_fixed=Decimal("0.50"))
    assert m.monthly_due == Decimal("0.50")
    m.dues_fixed = Decimal("1.50")
    with pytest.raises(ValidationError):
        m.full_clean()


def _months(n, start=date(2025, 5, 1)):
    from orgwork.orgs.rules import add_months

    return [add_months(start, i) for i in range(n)]


def test_six_months_unpaid_raise_the_lapse_alert_five_do_not(tree):
    six = make_member(tree["village_a"], "欠六月")
    five = make_member(tree["village_a"], "欠五月")
    for i, month in enumerate(_months(6)):
        make_due(six, month)
        d = make_due(five, month)
        if i == 5:
            services.record_payment(d, d.amount, paid_on=month, actor=None)
    alerts = services.lapse_alerts(Member.objects.all(), today=date(2025, 11, 15))
    assert [(m.pk, since) for m, since in alerts] == [(six.pk, date(2025, 5, 1))]


def test_back_payment_at_most_6_months(tree):
    d = make_due(make_member(tree["village_a"], "补缴人"), date(2025, 1, 1))
    with pytest.raises(ValidationError):
        services.record_payment(d, d.amount, paid_on=date(2025, 8, 1), actor=None)
    services.record_payment(d, d.amount, paid_on=date(2025, 7, 31), actor=None)
    assert services.arrears(type(d).objects.filter(pk=d.pk)).count() == 0


def test_dues_rows_are_made_from_the_declared_base(tree):
    make_member(tree["village_a"], "甲", dues_base=Decimal("6000"))
    make_member(tree["village_a"], "乙", category="retired", dues_base=Decimal("4000"))
    n = services.generate_dues(Member.objects.all(), date(2025, 3, 1), actor=None)
    assert n == 2
    assert services.generate_dues(Member.objects.all(), date(2025, 3, 1), actor=None) == 0
    from orgwork.members.models import Due

    assert sorted(Due.objects.values_list("amount", flat=True)) == [Decimal("20.00"), Decimal("90.00")]
