"""The talent pages a user opens: the map with its printable sheet, the plan, the challenge board,
the award and card buttons, the service-request form and the no-contact list."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from orgwork.talent.models import Award, TalentCard
from tests.factories import make_org, make_user
from tests.talent.factories import (
    make_award,
    make_card,
    make_challenge,
    make_pair,
    make_program,
    make_round,
    make_talent,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(client, tree):
    user = make_user("rcb", "org_admin", tree["district"])
    client.force_login(user)
    return user


def _map_data(tree):
    make_talent(tree["village_a"], "甲", level="A", industry="it")
    make_talent(tree["village_a"], "乙", level="B", industry="it")
    make_talent(tree["village_a"], "丙", level="E", industry="biomed")
    make_talent(tree["village_b"], "丁", level="B", industry="materials")
    make_talent(tree["town_b"], "戊", level="C", industry="")


def test_map_counts_and_drills_by_subtree(client, tree, office):
    _map_data(tree)
    page = client.get("/talent/map/?within={}".format(tree["district"].pk)).content.decode()
    assert 'id="map-total">5<' in page
    assert "?within={}".format(tree["town_a"].pk) in page and "?within={}".format(tree["town_b"].pk) in page
    town_b = client.get("/talent/map/?within={}".format(tree["town_b"].pk)).content.decode()
    assert 'id="map-total">2<' in town_b


def test_printable_map_has_industry_rows_level_columns_and_totals(client, tree, office):
    _map_data(tree)
    response = client.get("/talent/map/?within={}&_export=xlsx".format(tree["district"].pk))
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    assert rows[0][0] == "产业人才图谱"
    header = rows[2]
    assert header[0] == "产业链" and header[-1] == "合计"
    by_name = {r[0]: r for r in rows[3:]}
    it = by_name["新一代信息技术"]
    assert it[1] == 1 and it[2] == 1 and it[-1] == 2  # one class A, one class B
    assert by_name["未填写"][-1] == 1
    assert rows[-1][0] == "合计" and rows[-1][-1] == 5
    assert sum(r[-1] for r in rows[3:-1]) == 5


def test_plan_page_shows_targets_and_progress(client, tree, office):
    make_talent(tree["village_a"], "甲", level="B", arrived_on=date(2019, 3, 1))
    page = client.get("/talent/plan/").content.decode()
    assert 'id="plan-high_level">1 / 3000<' in page
    assert "220" in page and "36" in page


def test_board_line_for_the_period(client, tree, office):
    make_challenge(tree["town_a"], "化合物半导体材料", bounty="3000000", published_on=date(2024, 3, 1))
    make_challenge(tree["town_b"], "超导量子信息材料", bounty="2985000", published_on=date(2024, 5, 1))
    page = client.get("/talent/challenges/board/?start=2024-01-01&end=2024-12-31").content.decode()
    assert "2个项目，张榜金额598.5亿元" in page


def test_award_button_refuses_over_budget_and_decline_works(client, tree, office):
    rnd = make_round(make_program(tree["district"], "阳澄湖人才计划", budget="500"))
    a1 = make_award(rnd, make_talent(tree["village_a"], "甲"))
    a2 = make_award(rnd, make_talent(tree["village_a"], "乙"))
    a3 = make_award(rnd, make_talent(tree["village_a"], "丙"))
    client.post("/talent/awards/{}/award/".format(a1.pk), {"amount": "400"})
    response = client.post("/talent/awards/{}/award/".format(a2.pk), {"amount": "200"}, follow=True)
    assert "将超出该计划预算" in response.content.decode()
    client.post("/talent/awards/{}/decline/".format(a3.pk))
    statuses = dict(Award.objects.values_list("pk", "status"))
    assert statuses == {a1.pk: "awarded", a2.pk: "applied", a3.pk: "declined"}


def test_card_renew_and_revoke_buttons(client, tree, office):
    card = make_card(make_talent(tree["village_a"], "甲", level="C"), on=date(2024, 1, 10))
    client.post("/talent/cards/{}/renew/".format(card.pk))
    card.refresh_from_db()
    assert card.expires_on == date(2030, 1, 10)
    page = client.get(card.get_absolute_url()).content.decode()
    assert "银卡" in page and "子女入学" in page and "机场、高铁贵宾通道" not in page
    client.post("/talent/cards/{}/revoke/".format(card.pk), {"reason": ""})
    assert TalentCard.objects.get(pk=card.pk).status == "active"  # a reason is required
    client.post("/talent/cards/{}/revoke/".format(card.pk), {"reason": "调离本区"})
    assert TalentCard.objects.get(pk=card.pk).status == "revoked"


def test_service_request_form_files_and_assigns(client, tree, office):
    talent = make_talent(tree["village_a"], "甲")
    bureau = make_org("吴江区卫健委", tree["district"])
    response = client.post(
        "/talent/talents/{}/requests/add/".format(talent.pk),
        {"category": "medical", "title": "父母就医", "description": "预约专家门诊", "lead": bureau.pk},
    )
    assert response.status_code == 302
    page = client.get(talent.get_absolute_url()).content.decode()
    assert "父母就医" in page and "吴江区卫健委" in page and "已交办" in page


def test_no_contact_list(client, tree, office):
    pair = make_pair(make_talent(tree["village_a"], "甲"))
    page = client.get("/talent/pairs/no-contact/").content.decode()
    assert pair.get_absolute_url() in page


def test_every_talent_page_renders_in_chinese_without_inline_code(client, tree, office):
    from tests.ui.test_pages import assert_csp_clean

    talent = make_talent(tree["village_a"], "甲", level="A")
    card = make_card(talent)
    rnd = make_round(make_program(tree["district"], "阳澄湖人才计划"))
    award = make_award(rnd, talent)
    pair = make_pair(talent)
    challenge = make_challenge(tree["town_a"], "化合物半导体材料")
    pages = {
        "/talent/talents/": "人才库",
        "/talent/talents/add/": "工作单位统一社会信用代码",
        talent.get_absolute_url(): "服务事项",
        "/talent/talents/{}/requests/add/".format(talent.pk): "责任部门",
        "/talent/programs/": "人才计划",
        rnd.program.get_absolute_url(): "尚可使用",
        award.get_absolute_url(): "给予资助",
        card.get_absolute_url(): "就医绿色通道",
        pair.get_absolute_url(): "联系记录",
        challenge.get_absolute_url(): "揭榜团队",
        "/talent/challenges/board/": "张榜金额",
        "/talent/map/": "产业人才图谱",
        "/talent/plan/": "人才引进三年计划",
        "/talent/pairs/no-contact/": "本季度未联系",
        "/talent/stations/": "人才驿站",
    }
    for url, text in pages.items():
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
        assert response.status_code == 200, url
        body = response.content.decode()
        assert text in body, (url, text)
        assert_csp_clean(body)
