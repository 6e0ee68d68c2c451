"""The talent settings page: a system administrator edits the levels, industries, channels, card
tiers and plan targets; bad input is refused whole with a clear reason, codes in use stay, and
every change is in the change log."""

import pytest

from orgwork.core.models import ChangeLog, Setting
from orgwork.talent import rules
from tests.factories import login_verified, make_user
from tests.talent.factories import make_card, make_talent

pytestmark = pytest.mark.django_db

URL = "/talent/settings/"


@pytest.fixture
def sysadmin(client):
    user = make_user("sysadm", "system_admin")
    login_verified(client, user)
    return user


def _form(client):
    form = client.get(URL).context["form"]
    return {name: ("" if form[name].value() is None else form[name].value()) for name in form.fields}


def test_only_the_system_administrator_opens_it(client, tree):
    client.force_login(make_user("admin", "org_admin", tree["district"]))
    assert client.get(URL).status_code == 403


def test_the_page_shows_the_defaults_and_saving_them_unchanged_writes_nothing(client, sysadmin):
    data = _form(client)
    assert data["levels"].splitlines()[0].startswith("A | ")
    assert "equipment | " in data["industries"] and "gold | " in data["card_tiers"]
    assert str(data["target_high_level"]) == "3000"
    response = client.post(URL, data)
    assert response.status_code == 302
    assert not Setting.objects.filter(key__startswith="talent.").exists()


def test_edited_lists_apply_at_once_and_are_audited(client, sysadmin, tree):
    data = _form(client)
    data["industries"] = data["industries"] + "\nsemiconductor | 集成电路"
    data["channels"] = "\n".join(
        "fair | 人才专场招聘会" if line.startswith("fair |") else line
        for line in data["channels"].splitlines()
    )
    data["card_tiers"] = (
        "gold | 金卡 | medical, checkup, loan\nsilver | 银卡 | medical\nblue | 蓝卡 | medical"
    )
    data["target_overseas"] = "250"
    response = client.post(URL, data)
    assert response.status_code == 302, response.content.decode()
    assert ("semiconductor", "集成电路") in rules.industries()
    assert rules.card_tier("gold").benefits == ("medical", "checkup", "loan")
    assert dict(rules.channels())["fair"] == "人才专场招聘会"
    assert {t["code"]: t["target"] for t in rules.plan()["targets"]}["overseas"] == 250
    keys = set(ChangeLog.objects.filter(user=sysadmin).values_list("object_repr", flat=True))
    assert keys == {"talent.industries", "talent.channels", "talent.card_tiers", "talent.plan"}
    # The new industry is offered to talents at once.
    t = make_talent(tree["village_a"], "新产业", industry="semiconductor")
    assert t.get_industry_display() == "集成电路"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("industries", "it | 信息技术\nit | 重复", "出现了两次"),
        ("industries", "集成电路", "代码 | 名称"),
        ("channels", "", "必填"),
        ("levels", "A | A类 | 也许 | 否 | gold", "是”或“否"),
        ("levels", "A | A类 | 是 | 是 | platinum", "platinum"),
        ("card_tiers", "gold | 金卡 | medical, rocket", "rocket"),
        ("plan_years", "0", ""),
    ],
)
def test_bad_input_is_refused_whole_with_a_clear_reason(client, sysadmin, field, value, message):
    data = _form(client)
    data["industries"] = data["industries"] + "\nsemiconductor | 集成电路"
    data[field] = value
    response = client.post(URL, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "未保存" in page or "请更正" in page
    assert not Setting.objects.filter(key__startswith="talent.").exists()
    assert value in page or not value  # the input is kept


def test_a_code_in_use_cannot_be_removed(client, sysadmin, tree):
    make_card(make_talent(tree["village_a"], "甲", level="C", industry="biomed"))
    data = _form(client)
    data["industries"] = "\n".join(
        line for line in data["industries"].splitlines() if not line.startswith("biomed")
    )
    data["card_tiers"] = "\n".join(
        line for line in data["card_tiers"].splitlines() if not line.startswith("silver")
    )
    data["levels"] = data["levels"].replace("| silver", "| blue")
    response = client.post(URL, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "“biomed”" in page and "“silver”" in page
    assert not Setting.objects.filter(key__startswith="talent.").exists()
