"""The rules of talent work, through the real services and database: budgets, service-request
deadlines through the casework engine, card tiers and benefits, the plan against hand counts,
pairs without contact, places' capacity and the challenge board."""

import threading
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import translation

from orgwork.casework import services as casework
from orgwork.core.settings_store import set_setting
from orgwork.talent import rules, services
from orgwork.talent.models import Award, TalentProgram
from tests.factories import make_org, make_user
from tests.talent.factories import (
    make_award,
    make_card,
    make_challenge,
    make_contact,
    make_pair,
    make_program,
    make_round,
    make_station,
    make_stay,
    make_talent,
    make_tranche,
    make_use,
)

pytestmark = pytest.mark.django_db


# ------------------------------------------------------------------ credit code (GB 32100-2015)


@pytest.mark.parametrize("code", ["91350100M000100Y43", "91320500MA1MBX2X3Y"[:17] + "0"])
def test_credit_code_check_character(code):
    if code == "91350100M000100Y43":
        rules.validate_credit_code(code)  # the standard's published example
    else:
        good = code[:17] + rules.credit_code_check_char(code[:17])
        rules.validate_credit_code(good)
        bad = code[:17] + ("1" if good[17] != "1" else "2")
        with pytest.raises(ValidationError):
            rules.validate_credit_code(bad)


@pytest.mark.parametrize(
    "code", ["91350100M000100Y44", "91350100M000100Y4", "91350100M000100I43", "9135010OM000100Y43"]
)
def test_bad_credit_codes_are_refused(code):
    with pytest.raises(ValidationError):
        rules.validate_credit_code(code)


def test_talent_with_a_bad_credit_code_is_not_saved(tree):
    with pytest.raises(ValidationError) as err:
        make_talent(tree["village_a"], "钱英才", employer_code="91350100M000100Y44")
    assert "employer_code" in err.value.message_dict


# ------------------------------------------------------------------ budget


def _applications(tree, budget, n):
    program = make_program(tree["district"], "阳澄湖人才计划", budget=budget)
    rnd = make_round(program)
    return program, [make_award(rnd, make_talent(tree["village_a"], "人才{}".format(i))) for i in range(n)]


def test_awards_fill_the_budget_exactly_and_no_further(tree):
    program, apps = _applications(tree, "1000", 4)
    services.award_funding(apps[0], "600", actor=None)
    services.award_funding(apps[1], "400", actor=None)  # exactly the budget: allowed
    with pytest.raises(services.BudgetExceeded):
        services.award_funding(apps[2], "0.01", actor=None)
    assert program.committed() == Decimal("1000")
    apps[2].refresh_from_db()
    assert apps[2].status == "applied" and apps[2].amount is None


def test_budget_cannot_be_cut_below_what_is_committed(tree):
    program, apps = _applications(tree, "1000", 1)
    services.award_funding(apps[0], "800", actor=None)
    program.budget = Decimal("700")
    with pytest.raises(ValidationError):
        program.full_clean()


def test_tranches_never_exceed_the_award(tree):
    _program, apps = _applications(tree, "1000", 1)
    award = services.award_funding(apps[0], "300", actor=None)
    make_tranche(award, "落户", "200")
    with pytest.raises(ValidationError):
        make_tranche(award, "投产", "100.01")
    make_tranche(award, "投产", "100")


def test_an_application_not_awarded_takes_no_tranche(tree):
    _program, apps = _applications(tree, "1000", 1)
    with pytest.raises(ValidationError):
        make_tranche(apps[0], "落户", "10")


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL")
def test_concurrent_awards_never_over_commit_the_budget(tree):
    """Eight awards of 300 against a budget of 1,000 at the same moment, each in its own
    connection: exactly three pass, the committed sum stays within the budget."""
    program, apps = _applications(tree, "1000", 8)
    barrier = threading.Barrier(len(apps))
    results = []

    def award(app):
        try:
            barrier.wait()
            services.award_funding(Award.objects.get(pk=app.pk), "300", actor=None)
            results.append("ok")
        except services.BudgetExceeded:
            results.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=award, args=(a,)) for a in apps]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["ok"] * 3 + ["refused"] * 5
    program = TalentProgram.objects.get(pk=program.pk)
    assert program.committed() == Decimal("900") <= program.budget


# ------------------------------------------------------------------ service requests


def test_service_request_deadline_is_counted_in_working_days_by_the_casework_engine(tree):
    """A school-enrolment request assigned on Friday 27 September 2024 gets 15 working days:
    29 Sep (Sunday, 调休 working day), 30 Sep, then the National Day holiday 1–7 Oct, then
    8–11 Oct, 12 Oct (Saturday, 调休), 14–18 Oct and 21–23 Oct: due Wednesday 23 October."""
    talent = make_talent(tree["village_a"], "钱英才")
    bureau = make_org("吴江区教育局", tree["district"])
    office = make_user("rcb", "org_admin", tree["district"])
    case = services.file_service_request(
        talent,
        actor=office,
        category="schooling",
        title="子女入学",
        description="女儿就读小学一年级",
        lead=bureau,
        start=date(2024, 9, 27),
    )
    assert case.kind == "talent_service"
    assert case.lead_org == bureau
    assert case.due_on == date(2024, 10, 23)
    assert rules.SERVICE_DAYS["schooling"] == 15


def test_service_request_is_closed_rated_and_listed_for_the_talent(tree):
    talent = make_talent(tree["village_a"], "钱英才")
    bureau = make_org("吴江区教育局", tree["district"])
    office = make_user("rcb", "org_admin", tree["district"])
    edu = make_user("edu", "org_staff", bureau)
    case = services.file_service_request(
        talent, actor=office, category="housing", title="人才公寓", description="申请人才公寓", lead=bureau
    )
    case = casework.request_close(case, actor=edu, reply="已安排人才公寓")
    case = casework.verify_case(case, actor=office)
    case = casework.record_feedback(case, actor=office, satisfaction=3)
    listed = list(services.service_requests_of(talent))
    assert [c.pk for c in listed] == [case.pk]
    assert listed[0].state == "feedback" and listed[0].satisfaction == 3


def test_a_township_user_cannot_file_for_another_townships_talent(tree):
    from django.core.exceptions import PermissionDenied

    talent = make_talent(tree["village_b"], "孙英才")
    with pytest.raises(PermissionDenied):
        services.file_service_request(
            talent,
            actor=make_user("za", "org_admin", tree["town_a"]),
            category="medical",
            title="就医",
            description="x",
        )


# ------------------------------------------------------------------ cards


def test_card_tier_and_benefits_follow_the_level(tree):
    gold = make_card(make_talent(tree["village_a"], "甲", level="A"))
    silver = make_card(make_talent(tree["village_a"], "丙", level="C"))
    blue = make_card(make_talent(tree["village_a"], "丁", level="D"))
    assert gold.tier == "gold" and {b for b, _l in gold.benefits} == set(rules.BENEFITS)
    assert silver.tier == "silver" and "travel_vip" not in {b for b, _l in silver.benefits}
    assert "schooling" in {b for b, _l in silver.benefits}
    assert {b for b, _l in blue.benefits} == {"medical", "housing", "transport", "culture"}
    assert gold.expires_on == date(2027, 1, 10)
    with pytest.raises(ValidationError):
        make_card(make_talent(tree["village_a"], "戊", level="E"))


def test_services_used_must_be_benefits_of_a_valid_card(tree):
    card = make_card(make_talent(tree["village_a"], "丁", level="D"))
    make_use(card, "medical")
    with pytest.raises(ValidationError):
        make_use(card, "schooling")  # not a blue-card benefit
    services.revoke_card(card, actor=None, reason="离开本区", on=date(2024, 3, 1))
    card.refresh_from_db()
    with pytest.raises(ValidationError):
        make_use(card, "medical", on=date(2024, 3, 2))
    with pytest.raises(ValidationError):
        services.renew_card(card, actor=None)


def test_one_active_card_per_talent_and_renewal_follows_a_promotion(tree):
    talent = make_talent(tree["village_a"], "丙", level="C")
    card = make_card(talent)
    with pytest.raises(ValidationError):
        make_card(talent)
    talent.level = "A"
    talent.save()
    card = services.renew_card(card, actor=None, on=date(2026, 6, 1))
    assert card.tier == "gold" and card.expires_on == date(2030, 1, 10)  # three years from the old expiry


def test_card_tiers_are_configurable(tree):
    set_setting(
        rules.CARD_TIERS_SETTING,
        [
            {"code": "gold", "label": "金卡", "benefits": ["medical"]},
            {"code": "silver", "label": "银卡", "benefits": []},
        ],
        actor=None,
    )
    card = make_card(make_talent(tree["village_a"], "甲", level="A"))
    assert [b for b, _l in card.benefits] == ["medical"]


# ------------------------------------------------------------------ plan


def test_plan_progress_against_hand_counts(tree):
    a, b = tree["village_a"], tree["village_b"]
    make_talent(a, "高1", level="B", arrived_on=date(2018, 3, 1))
    make_talent(a, "高2", level="C", arrived_on=date(2018, 9, 1))
    make_talent(a, "高3", level="D", arrived_on=date(2019, 1, 5))
    make_talent(a, "普通", level="E", arrived_on=date(2019, 2, 1))  # not high-level
    make_talent(a, "早到", level="B", arrived_on=date(2017, 12, 31))  # before the plan
    make_talent(a, "晚到", level="B", arrived_on=date(2021, 1, 1))  # after the plan
    make_talent(a, "海外", level="E", category="overseas", arrived_on=date(2020, 6, 1))
    nat = make_talent(a, "国家级", level="A", arrived_on=date(2019, 7, 1))
    sc = make_talent(a, "双创", level="E", arrived_on=date(2016, 1, 1))
    make_talent(b, "盛泽高1", level="A", arrived_on=date(2018, 5, 1))
    program = make_program(tree["district"], "江苏省双创计划", kind="shuangchuang", budget="1000")
    make_award(make_round(program, "2019"), sc, amount="100", on=date(2019, 10, 1))
    make_award(make_round(program, "2020"), sc, amount="100", on=date(2020, 10, 1))  # the same talent again
    make_award(make_round(program, "2020b"), nat, amount="50", on=date(2020, 11, 1))

    def done(prefixes):
        return {
            r["code"]: [y["count"] for y in r["by_year"]] for r in services.plan_progress(prefixes)["rows"]
        }

    town_a = done([tree["town_a"].path])
    assert town_a == {
        "high_level": [2, 2, 0],  # 高1 高2 | 高3 国家级
        "overseas": [0, 0, 1],
        "national": [0, 1, 0],
        "shuangchuang": [0, 1, 1],  # 双创 first awarded 2019, 国家级 2020
    }
    district = done([tree["district"].path])
    assert district["high_level"] == [3, 2, 0] and district["national"] == [1, 1, 0]
    rows = {r["code"]: r for r in services.plan_progress([tree["district"].path])["rows"]}
    assert rows["high_level"]["target"] == 3000 and rows["high_level"]["done"] == 5
    assert rows["shuangchuang"]["target"] == 36 and rows["national"]["target"] == 40


# ------------------------------------------------------------------ liaison, places, board


def test_pairs_without_contact_this_quarter(tree):
    quiet = make_pair(make_talent(tree["village_a"], "甲"))
    busy = make_pair(make_talent(tree["village_a"], "乙"))
    ended = make_pair(make_talent(tree["village_a"], "丙"), ended_on=date(2024, 3, 31))
    other = make_pair(make_talent(tree["village_b"], "丁"))
    make_contact(quiet, on=date(2024, 3, 30))  # last quarter
    make_contact(busy, on=date(2024, 5, 2))
    on = date(2024, 6, 15)
    assert list(services.pairs_without_contact([tree["town_a"].path], on)) == [quiet]
    assert set(services.pairs_without_contact([tree["district"].path], on)) == {quiet, other}
    assert ended not in services.pairs_without_contact([tree["district"].path], on)


def test_a_full_place_takes_nobody_more(tree):
    station = make_station(tree["town_a"], capacity=2)
    make_stay(station, make_talent(tree["village_a"], "甲"))
    make_stay(station, make_talent(tree["village_a"], "乙"), moved_out=date(2024, 4, 1))
    make_stay(station, make_talent(tree["village_a"], "丙"), moved_in=date(2024, 4, 1))
    assert station.occupancy(date(2024, 5, 1)) == 2
    with pytest.raises(ValidationError):
        make_stay(station, make_talent(tree["village_a"], "丁"), moved_in=date(2024, 5, 1))


def test_challenge_board_line(tree):
    make_challenge(tree["town_a"], "化合物半导体材料", bounty="3000000", published_on=date(2023, 3, 1))
    make_challenge(tree["town_a"], "超导量子信息材料", bounty="2985000", published_on=date(2024, 3, 1))
    make_challenge(tree["town_a"], "撤回的", bounty="1000", published_on=date(2024, 3, 1), status="withdrawn")
    make_challenge(
        tree["town_a"], "期外", bounty="1000", published_on=date(2020, 3, 1), deadline=date(2020, 9, 1)
    )
    make_challenge(tree["town_b"], "他镇", bounty="1000", published_on=date(2024, 3, 1))
    board = services.challenge_board([tree["town_a"].path], date(2021, 1, 1), date(2024, 12, 31))
    assert board["count"] == 2 and board["bounty_yi"] == Decimal("598.50")
    with translation.override("zh-hans"):
        board = services.challenge_board([tree["town_a"].path], date(2021, 1, 1), date(2024, 12, 31))
    assert board["line"] == "2个项目，张榜金额598.5亿元"


def test_scope_a_township_user_never_sees_another_townships_talents(client, tree):
    mine = make_talent(tree["village_a"], "钱英才")
    theirs = make_talent(tree["village_b"], "孙英才")
    user = make_user("za", "org_admin", tree["town_a"])
    client.force_login(user)
    for url in (
        "/talent/talents/",
        "/talent/map/",
        "/talent/plan/",
        "/talent/pairs/no-contact/",
        "/api/talent/talents/",
    ):
        text = client.get(url).content.decode()
        assert "孙英才" not in text, url
    assert "钱英才" in client.get("/talent/talents/").content.decode()
    assert client.get(theirs.get_absolute_url()).status_code == 404
    assert client.get(mine.get_absolute_url()).status_code == 200
    # the map counts only the user's township, even when asked for the other one
    response = client.get("/talent/map/?within={}".format(tree["town_b"].pk))
    assert 'id="map-total">1<' in response.content.decode()
    assert client.get("/talent/talents/{}/requests/add/".format(theirs.pk)).status_code == 404
