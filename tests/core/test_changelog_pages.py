"""The auditor browses, filters and exports the log; others cannot."""

import io

from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from openpyxl import load_workbook

from orgwork.core.models import ChangeLog
from tests.factories import make_person, make_user


def _verified(client, user):
    client.force_login(user)
    device = StaticDevice.objects.create(user=user, name="test")
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


def test_auditor_filters_and_exports_the_log(client, tree, admin_a):
    make_person("日志一", tree["village_a"])
    auditor = make_user("auditor9", "auditor")
    _verified(client, auditor)
    page = client.get(reverse("core:changelog_list"), {"action": "create", "object_repr": "日志一"})
    assert page.status_code == 200
    assert "日志一" in page.content.decode()
    response = client.get(reverse("core:changelog_export"), {"action": "create", "object_repr": "日志一"})
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "时间"
    assert len(rows) == 2 and rows[1][4] == "日志一"
    export = ChangeLog.objects.get(action="export", user_name="auditor9")
    assert export.after["rows"] == 1 and export.after["filter"]["object_repr"] == "日志一"
    csv = client.get(reverse("core:changelog_export"), {"format": "csv", "action": "create"})
    assert b"".join(csv.streaming_content).startswith("\ufeff".encode())


def test_org_admin_cannot_read_or_export_the_log(client, tree, admin_a):
    client.force_login(admin_a)
    assert client.get(reverse("core:changelog_list")).status_code == 403
    assert client.get(reverse("core:changelog_export")).status_code == 403
