"""Every door of Person, through the generic suite, plus what is special to people."""

from django.urls import reverse

from orgwork.core.models import ChangeLog
from orgwork.core.testing.views import ModelViewSuite
from orgwork.people.models import Person
from tests.cases import PersonCases
from tests.factories import make_person, make_user


class TestPersonViews(PersonCases, ModelViewSuite):
    bulk_change = ("education", "11")

    def create_data(self, tree):
        return {
            "name": "沙和尚",
            "id_number": "11010519491231002X",
            "registered_org": tree["village_a"].pk,
            "political_status": "13",
            "ethnicity": "01",
        }


def test_list_masks_id_numbers(client, tree, admin_a):
    person = make_person("周一", tree["village_a"])
    client.force_login(admin_a)
    body = client.get(reverse("people:person_list")).content.decode()
    assert person.masked_id_number in body
    assert person.id_number not in body


def test_reveal_is_audited_and_needs_the_sensitive_permission(client, tree, admin_a, staff_a):
    person = make_person("吴二", tree["village_a"])
    client.force_login(staff_a)
    assert client.post(reverse("people:person_reveal_id", args=[person.pk])).status_code == 404
    client.force_login(admin_a)
    response = client.post(reverse("people:person_reveal_id", args=[person.pk]))
    assert person.id_number in response.content.decode()
    row = ChangeLog.objects.get(action="view_sensitive", object_id=str(person.pk))
    assert row.user_name == "admin_a"


def test_detail_never_shows_the_full_number_by_default(client, tree, admin_a):
    person = make_person("郑三", tree["village_a"])
    client.force_login(admin_a)
    body = client.get(reverse("people:person_detail", args=[person.pk])).content.decode()
    assert person.id_number not in body
    assert person.masked_id_number in body


def test_search_by_initials_and_pinyin_within_scope(client, tree, admin_a):
    inside = make_person("张三丰", tree["village_a"])
    outside = make_person("张三强", tree["village_b"])
    client.force_login(admin_a)
    for q in ("zsf", "zhangsanf", "张三"):
        body = client.get(reverse("people:search"), {"q": q}).content.decode()
        assert inside.name in body, q
        assert outside.name not in body, q


def test_person_with_a_seat_elsewhere_is_visible_there(client, tree):
    from tests.factories import make_seat

    person = make_person("冯四", tree["village_a"])
    admin_b = make_user("admin_b", "org_admin", tree["town_b"])
    client.force_login(admin_b)
    assert client.get(reverse("people:person_detail", args=[person.pk])).status_code == 404
    make_seat(tree["village_b"], person, role="member")
    assert client.get(reverse("people:person_detail", args=[person.pk])).status_code == 200


def test_id_number_mismatch_with_birth_date_is_a_form_error(client, tree, admin_a):
    client.force_login(admin_a)
    response = client.post(
        reverse("people:person_add"),
        {
            "name": "陈五",
            "id_number": "11010519491231002X",
            "birth_date": "1950-01-01",
            "registered_org": tree["village_a"].pk,
            "political_status": "13",
            "ethnicity": "01",
        },
    )
    assert response.status_code == 400
    assert "出生日期与身份证号不符" in response.content.decode()
    assert not Person.objects.filter(name="陈五").exists()


def test_duplicate_id_number_is_refused_with_a_clear_message(client, tree, admin_a):
    existing = make_person("重复者", tree["village_b"])
    client.force_login(admin_a)
    response = client.post(
        reverse("people:person_add"),
        {
            "name": "重复者",
            "id_number": existing.id_number,
            "registered_org": tree["village_a"].pk,
            "political_status": "13",
            "ethnicity": "01",
        },
    )
    assert response.status_code == 400
    assert "该身份证号已登记" in response.content.decode()
    assert Person.objects.filter(id_number=existing.id_number).count() == 1


def test_possible_duplicates_page_lists_same_name_and_birth_date_in_scope(client, tree, admin_a):
    from datetime import date

    a = make_person("同名人", tree["village_a"], birth=date(1970, 1, 1), id_number="")
    b = make_person("同名人", tree["village_a"], birth=date(1970, 1, 1), id_number="")
    client.force_login(admin_a)
    response = client.get(reverse("people:person_duplicates"))
    assert response.status_code == 200
    rows = response.context["groups"][0]["rows"]
    assert {r.pk for r in rows} == {a.pk, b.pk}
