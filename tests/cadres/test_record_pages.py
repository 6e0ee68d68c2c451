"""A cadre's own records — posts (A02), education (A08), appraisals (A15), rewards and sanctions
(A14), family (A36) — are added, edited and deleted from the cadre's page: each form opens for that
cadre and returns to its section, every change is audited, a deletion goes to the recycle bin."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from orgwork.cadres.models import Appraisal, Cadre, CadrePost, Education, FamilyMember, RewardSanction
from orgwork.core.models import ChangeLog
from tests.cadres.factories import make_cadre
from tests.factories import make_user

pytestmark = pytest.mark.django_db

NEW = {
    CadrePost: {"org": None, "title": "镇党委副书记", "rank": "0141", "started_on": "2023-02-01"},
    Education: {
        "kind": "2",
        "education": "11",
        "school": "中共江苏省委党校在职研究生",
        "graduated_on": "2022-07-01",
    },
    Appraisal: {"year": "2024", "grade": "1"},
    RewardSanction: {
        "code": "01114",
        "name": "记三等功",
        "approved_on": "2024-03-01",
        "approver": "吴江区委",
    },
    FamilyMember: {
        "relation": "12",
        "name": "钱配偶",
        "political_status": "01",
        "work": "吴江区实验小学",
        "position": "1",
    },
}
EDIT = {
    CadrePost: {"ended_on": "2024-12-31"},
    Education: {"degree": "3"},
    Appraisal: {"grade": "2"},
    RewardSanction: {"approver": "苏州市委"},
    FamilyMember: {"work": "苏州市实验小学"},
}
SECTION = {
    CadrePost: "posts",
    Education: "education",
    Appraisal: "appraisals",
    RewardSanction: "rewards",
    FamilyMember: "family",
}
SHOWN = {
    CadrePost: "title",
    Education: "school",
    Appraisal: "year",
    RewardSanction: "name",
    FamilyMember: "name",
}


def _logged(model, pk, action):
    ct = ContentType.objects.get_for_model(model)
    return ChangeLog.objects.filter(content_type=ct, object_id=str(pk), action=action).count()


@pytest.mark.parametrize("model", list(NEW))
def test_each_record_is_added_edited_and_deleted_from_the_cadre_page(client, tree, admin_a, model):
    cadre = make_cadre("冯记录", tree["village_a"], education="")
    page_url = cadre.get_absolute_url()
    client.force_login(admin_a)
    name = model._meta.model_name
    add_url = "{}?cadre={}".format(reverse(f"cadres:{name}_add"), cadre.pk)
    assert add_url in client.get(page_url).content.decode()

    # Add: the form opens for this cadre, the save returns to the cadre's section.
    form = client.get(add_url)
    assert form.context["form"].initial["cadre"] == str(cadre.pk)
    data = {
        "cadre": cadre.pk,
        **{k: (v if v is not None else tree["village_a"].pk) for k, v in NEW[model].items()},
    }
    response = client.post(add_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response.url == "{}#{}".format(page_url, SECTION[model])
    record = model.objects.get(cadre=cadre)
    assert _logged(model, record.pk, "create") == 1
    html = client.get(page_url).content.decode()
    assert str(getattr(record, SHOWN[model])) in html
    edit_url = reverse(f"cadres:{name}_edit", args=[record.pk])
    delete_url = reverse(f"cadres:{name}_delete", args=[record.pk])
    assert edit_url in html and delete_url in html

    # Edit from the page: audited, back on the page.
    values = {**data, **EDIT[model], "version": record.version}
    response = client.post(edit_url, values)
    assert response.status_code == 302 and response.url.startswith(page_url)
    assert _logged(model, record.pk, "update") == 1

    # Delete from the page: to the recycle bin, back on the page, no longer listed.
    response = client.post(delete_url)
    assert response.status_code == 302 and response.url.startswith(page_url)
    assert model.all_objects.get(pk=record.pk).deleted_at is not None
    assert _logged(model, record.pk, "delete") == 1
    assert delete_url not in client.get(page_url).content.decode()


def test_education_added_from_the_page_is_the_one_the_rules_read(client, tree, admin_a):
    cadre = make_cadre("褚学历", tree["village_a"], education="")
    client.force_login(admin_a)
    client.post(
        reverse("cadres:education_add"),
        {
            "cadre": cadre.pk,
            "kind": "1",
            "education": "31",
            "school": "苏州职业大学",
            "graduated_on": "2008-07-01",
        },
    )
    assert Cadre.objects.get(pk=cadre.pk).service_record["edu"] == "31"


def test_a_viewer_sees_the_records_but_no_links_to_change_them(client, tree):
    cadre = make_cadre("卫只读", tree["village_a"])
    client.force_login(make_user("viewer_c", "viewer", tree["town_a"]))
    html = client.get(cadre.get_absolute_url()).content.decode()
    assert "苏州大学法学专业" in html  # the education make_cadre records
    assert reverse("cadres:education_add") not in html
    edu = Education.objects.get(cadre=cadre)
    assert reverse("cadres:education_edit", args=[edu.pk]) not in html
    assert client.post(reverse("cadres:education_delete", args=[edu.pk])).status_code == 404


def test_records_of_a_cadre_out_of_scope_cannot_be_added(client, tree, admin_a):
    other = make_cadre("蒋域外", tree["village_b"])
    client.force_login(admin_a)
    response = client.post(reverse("cadres:appraisal_add"), {"cadre": other.pk, "year": "2024", "grade": "1"})
    assert response.status_code == 400
    assert not Appraisal.objects.filter(cadre=other).exists()
    assert client.get(other.get_absolute_url()).status_code == 404


def test_every_record_with_a_cadre_shows_the_cadres_person(tree):
    """Global search and the lists show the person behind a cadre's record, and the demo analyzes
    the same tables: a new model keyed to a cadre but left out of CADRE_RECORD_MODELS fails here
    (the photo is a file of the cadre's page, not a record listed on its own)."""
    from django.apps import apps

    from orgwork.cadres.models import CADRE_RECORD_MODELS, CadrePhoto
    from tests.cadres.factories import make_post

    keyed = {
        model
        for model in apps.get_app_config("cadres").get_models()
        if any(f.name == "cadre" and f.related_model is Cadre for f in model._meta.fields)
    }
    assert set(CADRE_RECORD_MODELS) == keyed - {CadrePhoto}
    cadre = make_cadre("沈记录", tree["village_a"])
    assert make_post(cadre).person == cadre.person
