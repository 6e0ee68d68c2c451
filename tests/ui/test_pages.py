"""Every page renders for a scoped user, in Chinese, without inline script or style (CSP)."""

import re
from datetime import date

import pytest
from django.urls import reverse

from tests.factories import make_person, make_seat, make_term

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(?!\s*</script>)", re.I)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
STYLE_ATTR = re.compile(r"\sstyle\s*=", re.I)


def assert_csp_clean(body):
    # json_script blocks are data (type="application/json"), not script.
    code = re.sub(r'<script id="[^"]+" type="application/json">.*?</script>', "", body, flags=re.S)
    assert not INLINE_SCRIPT.search(code), INLINE_SCRIPT.search(code).group(0)
    assert not INLINE_HANDLER.search(code)
    assert not STYLE_ATTR.search(code)
    assert "<style" not in code


@pytest.fixture
def data(tree, admin_a):
    village = tree["village_a"]
    person = make_person("王小明", village, birth=date(1990, 3, 1))
    seat = make_seat(village, person, role="secretary")
    term = make_term(village, number=9, started_on=date(2021, 3, 1))
    return {"village": village, "person": person, "seat": seat, "term": term}


@pytest.mark.django_db
def test_every_page_renders_in_chinese_without_inline_code(client, tree, admin_a, data):
    client.force_login(admin_a)
    v, p = data["village"], data["person"]
    pages = {
        reverse("home"): "我管辖的组织",
        reverse("orgs:org_tree"): "组织架构",
        reverse("orgs:org_children", args=[tree["town_a"].pk]): v.name,
        reverse("orgs:org_detail", args=[v.pk]): "班子结构",
        reverse("orgs:org_list"): "组织",
        reverse("orgs:org_add") + "?parent={}".format(v.pk): "上级组织",
        reverse("orgs:org_edit", args=[v.pk]): "组织编码",
        reverse("orgs:org_move", args=[v.pk]): "新的上级组织",
        reverse("orgs:terms_due"): "换届提醒",
        reverse("orgs:term_list"): "届满日期",
        reverse("orgs:teamseat_list"): "班子成员",
        reverse("orgs:teamseat_add") + "?org={}".format(v.pk): "人员",
        reverse("people:person_list"): "身份证号",
        reverse("people:person_detail", args=[p.pk]): "合并重复记录",
        reverse("people:person_edit", args=[p.pk]): "政治面貌",
        reverse("people:search") + "?q=wxm": p.name,
        reverse("core:recycle_bin"): "回收站",
        reverse("accounts:password_change"): "修改密码",
    }
    for url, text in pages.items():
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
        assert response.status_code == 200, url
        body = response.content.decode()
        assert text in body, (url, text)
        assert_csp_clean(body)


@pytest.mark.django_db
def test_big_foreign_keys_are_not_listed_in_forms(client, tree, admin_a, data):
    client.force_login(admin_a)
    body = client.get(reverse("orgs:teamseat_add") + "?org={}".format(data["village"].pk)).content.decode()
    # Only the chosen org is an <option>; other orgs in scope are not in the page.
    assert 'data-lookup-url="/core/lookup/orgs.org/?action=add"' in body
    assert tree["town_a"].name not in body
    assert data["village"].name in body


@pytest.mark.django_db
def test_lookup_is_scoped_and_capped(client, tree, admin_a):
    inside = make_person("张一", tree["village_a"])
    outside = make_person("张二", tree["village_b"])
    client.force_login(admin_a)
    rows = client.get(reverse("core:lookup", args=["people.person"]), {"q": "张"}).json()["results"]
    ids = {r["id"] for r in rows}
    assert inside.pk in ids and outside.pk not in ids
    orgs = client.get(reverse("core:lookup", args=["orgs.org"]), {"q": "镇"}).json()["results"]
    assert [o["text"] for o in orgs] == [tree["town_a"].name]
    assert client.get(reverse("core:lookup", args=["accounts.user"])).status_code == 404


@pytest.mark.django_db
def test_autocomplete_field_still_validates_against_scope(client, tree, admin_a):
    person = make_person("李雷", tree["village_a"])
    client.force_login(admin_a)
    data = {
        "org": tree["village_b"].pk,
        "team": "party",
        "role": "member",
        "person": person.pk,
        "started_on": "2024-01-01",
    }
    response = client.post(reverse("orgs:teamseat_add"), data)
    assert response.status_code == 400


@pytest.mark.django_db
def test_list_refreshes_only_the_table_under_htmx(client, tree, admin_a, data):
    client.force_login(admin_a)
    body = client.get(
        reverse("people:person_list"), HTTP_HX_REQUEST="true", HTTP_HX_TARGET="object-table"
    ).content.decode()
    assert "<html" not in body
    assert data["person"].name in body


@pytest.mark.django_db
def test_english_is_available(client, tree, admin_a):
    client.force_login(admin_a)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(reverse("orgs:org_tree")).content.decode()
    assert "Organization tree" in body
