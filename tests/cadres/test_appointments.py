"""任前公示 in working days, the appointment put into effect, and the one-year 试用期."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from orgwork.cadres.models import Appointment, Cadre, CadrePost, Vacancy
from orgwork.cadres.services import appoint, close_probation
from orgwork.core.services import create_object
from tests.cadres.factories import make_cadre, make_post

pytestmark = pytest.mark.django_db


def proposal(tree, **kw):
    c = make_cadre("钱拟任", tree["village_a"], rank="0142")
    make_post(c, title="副科长", rank="0142", started_on=date(2020, 1, 1))
    fields = dict(
        cadre=c, org=tree["town_a"], title="震泽镇党委组织委员", rank="0141", decided_on=date(2025, 6, 3)
    )
    fields.update(kw)
    return create_object(Appointment(**fields), actor=None)


def test_publicity_defaults_to_five_working_days(tree):
    # Friday 2025-06-06: Mon 9, Tue 10, Wed 11, Thu 12 → the fifth working day is 2025-06-12.
    a = proposal(tree, publicity_from=date(2025, 6, 6))
    assert a.publicity_to == date(2025, 6, 12)


def test_publicity_shorter_than_five_working_days_is_refused(tree):
    with pytest.raises(ValidationError) as exc:
        proposal(tree, publicity_from=date(2025, 6, 6), publicity_to=date(2025, 6, 11))
    assert "publicity_to" in exc.value.message_dict


def test_appointment_takes_effect_only_after_the_publicity(tree):
    a = proposal(tree, publicity_from=date(2025, 6, 6))
    a.appointed_on = date(2025, 6, 12)
    with pytest.raises(ValidationError):
        a.full_clean()
    a.appointed_on = date(2025, 6, 13)
    a.full_clean()


def test_appoint_records_the_post_rank_and_probation(tree, admin_a):
    vacancy = create_object(
        Vacancy(org=tree["town_a"], title="震泽镇党委组织委员", rank="0141", opened_on=date(2025, 5, 1)),
        actor=None,
    )
    a = proposal(tree, publicity_from=date(2025, 6, 6), vacancy=vacancy)
    appoint(a, date(2025, 6, 16), actor=admin_a)
    a.refresh_from_db()
    cadre = Cadre.objects.get(pk=a.cadre_id)
    assert a.probation_ends == date(2026, 6, 16)
    assert (cadre.rank, cadre.rank_since, cadre.org) == ("0141", date(2025, 6, 16), tree["town_a"])
    assert CadrePost.objects.get(cadre=cadre, ended_on__isnull=True).title == "震泽镇党委组织委员"
    assert Vacancy.objects.get(pk=vacancy.pk).filled
    close_probation(a, "returned", actor=admin_a)
    cadre.refresh_from_db()
    assert cadre.rank == "0142"


def test_appoint_page_and_word_form_with_the_proposal(tree, client, admin_a):
    import io

    from docx import Document

    a = proposal(tree, publicity_from=date(2025, 6, 6), reason="工作需要", reporting_unit="中共震泽镇委员会")
    client.force_login(admin_a)
    response = client.get(
        reverse("cadres:cadre_form_docx", args=[a.cadre_id]) + "?appointment={}".format(a.pk)
    )
    assert response.status_code == 200
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(cell.text for t in doc.tables for row in t.rows for cell in row.cells)
    assert (
        "钱拟任" in text
        and "震泽镇党委组织委员" in text
        and "工作需要" in text
        and "中共震泽镇委员会" in text
    )
    assert "干部任免审批表" in doc.paragraphs[0].text
    response = client.post(reverse("cadres:appointment_appoint", args=[a.pk]), {"on": "2025-06-16"})
    assert response.status_code == 302
    assert Appointment.objects.get(pk=a.pk).appointed_on == date(2025, 6, 16)
