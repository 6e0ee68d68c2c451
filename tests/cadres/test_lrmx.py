"""``.lrmx`` export and import: a file exported and re-imported gives the same record; a malformed
file is refused with a clear message and changes nothing."""

import base64
from datetime import date
from xml.etree import ElementTree as ET

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from orgwork.cadres.lrmx import LrmxError, export_lrmx, import_lrmx
from orgwork.cadres.models import Appraisal, Cadre, CadrePhoto, Education, FamilyMember, RewardSanction
from orgwork.core.models import ChangeLog
from orgwork.core.services import create_object
from orgwork.people.models import Person
from tests.cadres.factories import make_appraisal, make_cadre, make_post

pytestmark = pytest.mark.django_db
ON = date(2026, 3, 1)
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def full_cadre(tree):
    c = make_cadre(
        "刘组织",
        tree["village_a"],
        rank="0142",
        title="震泽镇党委组织委员",
        birth_place="江苏吴江",
        other_party="",
    )
    make_post(
        c,
        org=tree["town_a"],
        title="科员",
        rank="0150",
        started_on=date(2010, 7, 1),
        ended_on=date(2016, 6, 30),
        grassroots=True,
    )
    make_post(c, org=tree["town_a"], title="党委组织委员", rank="0142", started_on=date(2016, 7, 1))
    make_appraisal(c, 2024, "1")
    make_appraisal(c, 2025, "2")
    create_object(
        RewardSanction(
            cadre=c, code="01115", name="嘉奖", approved_on=date(2023, 1, 10), approver="吴江区人民政府"
        ),
        actor=None,
    )
    create_object(
        FamilyMember(
            cadre=c,
            relation="12",
            name="王丽",
            birth_date=date(1989, 2, 1),
            political_status="01",
            work="吴江区实验小学教师",
        ),
        actor=None,
    )
    create_object(
        FamilyMember(
            cadre=c,
            relation="51",
            name="刘建国",
            birth_date=date(1960, 5, 1),
            political_status="13",
            work="退休",
            position=1,
        ),
        actor=None,
    )
    CadrePhoto.objects.create(cadre=c, data=PNG, content_type="image/png")
    return c


def record_of(cadre):
    cadre = Cadre.objects.get(pk=cadre.pk)
    p = cadre.person
    return {
        "person": (p.name, p.id_number, p.sex, p.birth_date, p.ethnicity, p.native_place),
        "cadre": (
            cadre.title,
            cadre.work_started_on,
            cadre.party_joined_on,
            cadre.birth_place,
            cadre.health,
            cadre.expertise,
        ),
        "education": sorted(
            Education.objects.filter(cadre=cadre).values_list("kind", "education", "degree", "school")
        ),
        "appraisals": sorted(Appraisal.objects.filter(cadre=cadre).values_list("year", "grade")),
        "family": list(
            FamilyMember.objects.filter(cadre=cadre)
            .order_by("position")
            .values_list("relation", "name", "birth_date", "political_status", "work")
        ),
        "photo": bytes(CadrePhoto.objects.get(cadre=cadre).data),
    }


def test_export_is_utf8_xml_with_person_root_and_base64_photo(tree):
    data = export_lrmx(full_cadre(tree), on=ON)
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.fromstring(data)
    assert root.tag == "Person"
    assert root.findtext("XingMing") == "刘组织"
    assert root.findtext("ChuShengNianYue") == "198805"
    assert root.findtext("NianDuKaoHeJieGuo") == "2024年度考核优秀；2025年度考核称职"
    assert root.findtext("JiangChengQingKuang") == "2023.01,吴江区人民政府,嘉奖"
    assert base64.b64decode(root.findtext("ZhaoPian")) == PNG
    assert [i.findtext("ChengWei") for i in root.find("JiaTingChengYuan")] == ["妻子", "父亲"]
    lines = root.findtext("JianLi").splitlines()
    assert lines[0].startswith("2010.07--2016.06  ")
    assert lines[-1].startswith("2016.07--" + " " * 7)


def test_reimporting_an_export_changes_nothing(tree):
    c = full_cadre(tree)
    before = record_of(c)
    data = export_lrmx(c, on=ON)
    changes = ChangeLog.objects.count()
    import_lrmx(data, org=tree["village_a"], actor=None)
    assert record_of(c) == before
    assert ChangeLog.objects.count() == changes, "a re-import of the same file must log no change"
    assert export_lrmx(c, on=ON) == data


def test_import_into_an_empty_record_set_gives_the_same_record(tree):
    c = full_cadre(tree)
    before = record_of(c)
    data = export_lrmx(c, on=ON)
    # Remove the record (and its person) altogether, then import the file.
    person = c.person
    for model in (Education, Appraisal, FamilyMember, RewardSanction):
        model.all_objects.filter(cadre=c).delete()
    CadrePhoto.objects.filter(cadre=c).delete()
    c.posts.all().delete()
    Cadre.all_objects.filter(pk=c.pk).delete()
    Person.all_objects.filter(pk=person.pk).delete()
    new = import_lrmx(data, org=tree["village_a"], actor=None)
    assert new.pk != c.pk
    after = record_of(new)
    assert after == before
    # The résumé and rewards come back as written (the posts are not rebuilt from the text).
    assert export_lrmx(new, on=ON) == data


@pytest.mark.parametrize(
    "data,message",
    [
        (b"", "文件为空"),
        (b"<Person><XingMing>x</XingMing>", "XML"),
        (b"<Cadre><XingMing>x</XingMing></Cadre>", "<Person>"),
        (b"<Person><XingMing>x</XingMing></Person>", "ShenFenZheng"),
        (
            "<Person><XingMing>张三</XingMing><ShenFenZheng>110105194912310021</ShenFenZheng></Person>".encode(),
            "身份证号",
        ),
    ],
)
def test_malformed_files_are_refused_with_a_message(tree, data, message):
    with pytest.raises(LrmxError) as exc:
        import_lrmx(data, org=tree["village_a"], actor=None)
    assert message in str(exc.value)


def test_a_bad_value_late_in_the_file_changes_nothing(tree):
    c = full_cadre(tree)
    before = record_of(c)
    text = (
        export_lrmx(c, on=ON)
        .decode()
        .replace("<MinZu>汉族</MinZu>", "<MinZu>汉族</MinZu>")
        .replace("妻子", "外星人")
    )
    text = text.replace("<JiGuan></JiGuan>", "<JiGuan>改了</JiGuan>")
    logs = ChangeLog.objects.count()
    with pytest.raises(LrmxError) as exc:
        import_lrmx(text.encode(), org=tree["village_a"], actor=None)
    assert "外星人" in str(exc.value)
    assert record_of(c) == before
    assert ChangeLog.objects.count() == logs


def test_import_page_shows_the_error_and_changes_nothing(client, tree, admin_a):
    client.force_login(admin_a)
    count = Cadre.objects.count()
    upload = SimpleUploadedFile("x.lrmx", b"<Person><XingMing>x", content_type="application/xml")
    response = client.post(reverse("cadres:lrmx_import"), {"file": upload, "org": tree["village_a"].pk})
    assert response.status_code == 400
    assert "XML" in response.content.decode()
    assert Cadre.objects.count() == count


def test_import_page_creates_the_cadre(client, tree, admin_a):
    c = full_cadre(tree)
    data = (
        export_lrmx(c, on=ON)
        .replace("刘组织".encode(), "刘新人".encode())
        .replace(c.person.id_number.encode(), b"11010519491231002X")
    )
    client.force_login(admin_a)
    upload = SimpleUploadedFile("x.lrmx", data, content_type="application/xml")
    response = client.post(reverse("cadres:lrmx_import"), {"file": upload, "org": tree["village_a"].pk})
    assert response.status_code == 302, response.content.decode()[:2000]
    new = Cadre.objects.get(person__id_number="11010519491231002X")
    assert new.person.name == "刘新人" and new.org == tree["village_a"]
    assert FamilyMember.objects.filter(cadre=new).count() == 2


def test_import_refuses_an_org_out_of_scope(client, tree, admin_a):
    client.force_login(admin_a)
    upload = SimpleUploadedFile("x.lrmx", b"<Person/>", content_type="application/xml")
    response = client.post(reverse("cadres:lrmx_import"), {"file": upload, "org": tree["village_b"].pk})
    assert response.status_code == 400
    assert Cadre.objects.count() == 0
