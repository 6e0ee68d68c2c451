"""Exports of the lists: what the page shows (filters, columns, sort), masked unless allowed,
never out of scope, audited; long ones run as a background job and give the same file."""

import csv
import io
from datetime import date

import pytest
from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook

from orgwork.core.models import ChangeLog, Job, UserPreference
from tests.factories import make_org, make_person, make_term, make_user

pytestmark = pytest.mark.django_db


def body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def xlsx_rows(response):
    assert response.status_code == 200, response.status_code
    ws = load_workbook(io.BytesIO(body(response))).active
    return [list(r) for r in ws.iter_rows(values_only=True)]


@pytest.fixture
def crowd(tree):
    """Four people in township A (two women), one in township B."""
    va = tree["village_a"]
    return {
        "wang": make_person("王芳", va, sex="F", birth=date(1990, 3, 1), education="31"),
        "zhao": make_person("赵敏", va, sex="F", birth=date(1980, 7, 15), education="21"),
        "li": make_person("李雷", va, sex="M", birth=date(1975, 1, 2), education="11"),
        "chen": make_person("陈红", tree["town_a"], sex="F", birth=date(1995, 12, 31), education="21"),
        "out": make_person("韩梅", tree["village_b"], sex="F", birth=date(1992, 5, 5)),
    }


def test_export_has_the_filtered_rows_in_the_sort_order_with_the_visible_columns(
    client, tree, crowd, admin_a
):
    client.force_login(admin_a)
    url = reverse("people:person_list")
    # The user chose three columns on the page (remembered), then filters women and sorts by birth date.
    client.get(url, {"columns": ["name", "birth_date", "education"]})
    rows = xlsx_rows(client.get(url, {"sex": "F", "sort": "-birth_date", "_export": "xlsx"}))
    assert rows[0] == ["名称", "出生日期", "学历"]
    assert [r[0] for r in rows[1:]] == ["陈红", "王芳", "赵敏"]  # 韩梅 is out of scope, 李雷 a man
    # Dates are real dates, choices their Chinese labels.
    assert rows[1][1].date() == date(1995, 12, 31)
    assert rows[2][2] == "大学专科"


def test_export_uses_the_columns_in_the_query_string_and_the_within_narrowing(client, tree, crowd, admin_a):
    client.force_login(admin_a)
    url = reverse("people:person_list")
    rows = xlsx_rows(
        client.get(
            url,
            {"within": tree["village_a"].pk, "columns": ["sex", "name"], "sort": "name", "_export": "xlsx"},
        )
    )
    # The table's own column order, not the order of the parameters.
    assert rows[0] == ["名称", "性别"]
    assert sorted(r[0] for r in rows[1:]) == ["李雷", "王芳", "赵敏"]
    assert [r[0] for r in rows[1:]] == ["李雷", "王芳", "赵敏"]  # by pinyin: li, wang, zhao
    assert dict(rows[1:])["李雷"] == "男"


def test_id_numbers_unmasked_only_with_the_sensitive_permission(client, tree, crowd, admin_a, staff_a):
    url = reverse("people:person_list")
    person = crowd["wang"]
    params = {"q": "王芳", "columns": ["name", "id_number"], "_export": "xlsx"}
    client.force_login(staff_a)  # org staff: no sensitive view
    rows = xlsx_rows(client.get(url, params))
    assert rows[1] == ["王芳", person.masked_id_number]
    client.force_login(admin_a)  # org admin: may see the numbers
    rows = xlsx_rows(client.get(url, params))
    assert rows[1] == ["王芳", person.id_number]
    # A staff member granted the sensitive view on village A sees the numbers there only.
    mixed = make_user("mixed", "org_staff", tree["district"])
    from orgwork.accounts.services import grant_role

    grant_role(mixed, "viewer", tree["village_a"], actor=None, can_view_sensitive=True)
    client.force_login(mixed)
    rows = xlsx_rows(client.get(url, {"columns": ["name", "id_number"], "sort": "name", "_export": "xlsx"}))
    numbers = {r[0]: r[1] for r in rows[1:]}
    assert numbers["王芳"] == person.id_number
    assert numbers["韩梅"] == crowd["out"].masked_id_number  # township B: in scope, masked
    assert numbers["陈红"] == crowd["chen"].masked_id_number  # township A, outside village A


def test_rows_out_of_scope_are_never_exported(client, tree, crowd, staff_a):
    client.force_login(staff_a)
    url = reverse("people:person_list")
    # Asking for township B's subtree gives nothing, not township B's people.
    for params in ({"q": "韩梅"}, {"within": tree["town_b"].pk}, {}):
        rows = xlsx_rows(client.get(url, {**params, "_export": "xlsx"}))
        assert "韩梅" not in [r[0] for r in rows[1:]], params
    nobody = make_user("nobody")
    client.force_login(nobody)
    assert client.get(url, {"_export": "xlsx"}).status_code == 403


def test_every_export_is_audited_with_its_filter_and_row_count(client, tree, crowd, admin_a):
    client.force_login(admin_a)
    client.get(reverse("people:person_list"), {"sex": "F", "page": "1", "_export": "csv"})
    entry = ChangeLog.objects.get(action="export", user_name="admin_a")
    assert entry.after["source"] == "people.person"
    assert entry.after["format"] == "csv"
    assert entry.after["rows"] == 3
    assert entry.after["filter"] == {"sex": "F"}  # paging is not a filter
    assert entry.after["query"] == "sex=F"


def test_csv_has_a_bom_and_chinese_headers(client, tree, crowd, admin_a):
    client.force_login(admin_a)
    response = client.get(
        reverse("people:person_list"), {"columns": ["name", "birth_date"], "sort": "name", "_export": "csv"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    raw = body(response)
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["名称", "出生日期"]
    assert rows[1] == ["陈红", "1995-12-31"]


def test_other_lists_export_related_objects_and_choices_as_text(client, tree, admin_a):
    org = make_org("震泽镇第一党支部", tree["town_a"], kind="branch", level="unit")
    make_term(org, number=3, started_on=date(2022, 1, 1))
    client.force_login(admin_a)
    rows = xlsx_rows(client.get(reverse("orgs:org_list"), {"q": "第一党支部", "_export": "xlsx"}))
    assert rows[0][:2] == ["名称", "组织编码"]
    row = rows[1]
    assert row[0] == "震泽镇第一党支部" and "震泽镇党委" in row  # the parent, as its name
    rows = xlsx_rows(client.get(reverse("orgs:term_list"), {"within": org.pk, "_export": "xlsx"}))
    assert rows[1][0] == "震泽镇第一党支部"
    assert rows[1][1] == 3
    assert rows[1][2].date() == date(2022, 1, 1)
    assert isinstance(rows[1][-1], str) and "<" not in rows[1][-1]  # the status badge as text


def test_the_list_page_offers_the_export_menu_with_its_query(client, tree, crowd, admin_a):
    client.force_login(admin_a)
    page = client.get(reverse("people:person_list"), {"sex": "F", "page": "1"}).content.decode()
    assert "导出" in page
    assert "?sex=F&amp;_export=xlsx" in page
    assert "?sex=F&amp;_export=csv" in page


@override_settings(ORGWORK_EXPORT_JOB_ROWS=2)
def test_above_the_threshold_the_export_is_a_job_with_the_same_file(client, tree, crowd, admin_a):
    from orgwork.core import jobs

    client.force_login(admin_a)
    url = reverse("people:person_list")
    UserPreference.objects.filter(user=admin_a).delete()
    client.get(url, {"columns": ["name", "sex", "birth_date", "id_number"]})
    params = {"sex": "F", "sort": "-birth_date"}
    response = client.get(url, {**params, "_export": "xlsx"})
    assert response.status_code == 302
    job = Job.objects.get(user=admin_a)
    assert job.kind == "core.export"
    assert response["Location"] == job.get_absolute_url()
    # The user changes the columns before the job runs: the job keeps the columns of the export.
    client.get(url, {"columns": ["name"]})
    jobs.execute(job.pk)
    job.refresh_from_db()
    assert job.status == "succeeded", job.error
    assert job.result["rows"] == 3
    page = client.get(job.get_absolute_url()).content.decode()
    assert "已导出 3 行（XLSX）" in page
    download = client.get(reverse("core:job_download", args=[job.pk]))
    assert download.status_code == 200
    assert body(download) == (jobs.job_dir(job) / job.result_file).read_bytes()
    ws = load_workbook(jobs.job_dir(job) / job.result_file).active
    job_rows = [list(r) for r in ws.iter_rows(values_only=True)]
    with override_settings(ORGWORK_EXPORT_JOB_ROWS=100):
        client.get(url, {"columns": ["name", "sex", "birth_date", "id_number"]})
        direct = xlsx_rows(client.get(url, {**params, "_export": "xlsx"}))
    assert job_rows == direct
    assert [r[0] for r in job_rows[1:]] == ["陈红", "王芳", "赵敏"]
    assert job_rows[1][3] == crowd["chen"].id_number  # the org admin's own right, in the job too
    entries = ChangeLog.objects.filter(action="export", user_name="admin_a").order_by("id")
    assert entries[0].after["rows"] == 3 and entries[0].after["job"] == str(job.pk)


@override_settings(ORGWORK_EXPORT_JOB_ROWS=1)
def test_csv_and_the_change_log_go_through_the_job_too(client, tree, crowd, admin_a):
    from django_otp.plugins.otp_static.models import StaticDevice

    from orgwork.core import jobs

    client.force_login(admin_a)
    response = client.get(reverse("people:person_list"), {"q": "王芳", "_export": "csv"})
    assert response.status_code == 200  # one row: below the threshold, answered at once
    response = client.get(reverse("people:person_list"), {"sex": "F", "_export": "csv"})
    job = Job.objects.get(user=admin_a)
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    job = jobs.execute(job.pk)
    assert job.status == "succeeded" and job.result_file.endswith(".csv")
    raw = (jobs.job_dir(job) / job.result_file).read_bytes()
    assert raw.startswith("\ufeff".encode())
    assert raw.decode("utf-8-sig").count("\n") == 4  # header and three women

    auditor = make_user("auditor7", "auditor")
    device = StaticDevice.objects.create(user=auditor, name="backup")
    client.force_login(auditor)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    response = client.get(reverse("core:changelog_export"), {"action": "export"})
    job = Job.objects.get(user=auditor)
    assert response.status_code == 302
    job = jobs.execute(job.pk)
    assert job.status == "succeeded", job.error
    rows = [
        list(r) for r in load_workbook(jobs.job_dir(job) / job.result_file).active.iter_rows(values_only=True)
    ]
    assert rows[0][0] == "时间" and len(rows) == 3  # the two exports before it
    assert ChangeLog.objects.filter(action="export", user_name="auditor7").get().after["job"] == str(job.pk)


def test_a_partial_refresh_sends_the_export_menu_with_the_new_query(client, tree, crowd, admin_a):
    client.force_login(admin_a)
    html = client.get(
        reverse("people:person_list"), {"sex": "M"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="object-table"
    ).content.decode()
    assert 'id="export-menu" class="dropdown" hx-swap-oob="true"' in html
    assert "?sex=M&amp;_export=xlsx" in html


def test_import_button_only_when_the_import_page_exists(client, tree, admin_a, monkeypatch):
    from orgwork.core.registry import config_for
    from orgwork.people.models import Person

    client.force_login(admin_a)
    cfg = config_for(Person)
    monkeypatch.setattr(cfg, "importer", object)
    page = client.get(reverse("people:person_list"))
    assert page.status_code == 200
    try:
        url = reverse("people:person_import")
    except Exception:
        assert "ti-upload" not in page.content.decode()
    else:
        assert url in page.content.decode()


def test_text_that_looks_like_a_formula_stays_text(client, tree, admin_a):
    make_person("=1+1", tree["village_a"], address="村里\x07一组")
    client.force_login(admin_a)
    url = reverse("people:person_list")
    params = {"columns": ["name"]}  # the only person
    ws = load_workbook(io.BytesIO(body(client.get(url, {**params, "_export": "xlsx"})))).active
    assert ws["A2"].value == "=1+1" and ws["A2"].data_type == "s"
    raw = body(client.get(url, {**params, "_export": "csv"})).decode("utf-8-sig")
    assert raw.splitlines()[1] == "'=1+1"


def test_control_characters_do_not_break_the_workbook():
    from orgwork.core.exports import write_xlsx

    buf = io.BytesIO()
    assert write_xlsx(buf, "表", ["地址"], [["村里\x07一组"], ["=A1"]]) == 2
    ws = load_workbook(io.BytesIO(buf.getvalue())).active
    assert [c.value for c in ws["A"]] == ["地址", "村里一组", "=A1"]
    assert ws["A3"].data_type == "s"
