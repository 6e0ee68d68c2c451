"""拨付: paying a tranche against its milestone — once, never beyond the tranche or the award,
audited — by the service, the award and tranche pages, and the API verb."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from rest_framework.test import APIClient

from orgwork.core.models import ChangeLog
from orgwork.talent import services
from orgwork.talent.models import Tranche
from tests.factories import make_user
from tests.talent.factories import make_award, make_program, make_round, make_talent, make_tranche

pytestmark = pytest.mark.django_db


@pytest.fixture
def award(tree):
    program = make_program(tree["district"], budget="1000")
    return make_award(make_round(program), make_talent(tree["village_a"], "钱英才"), amount="300")


@pytest.fixture
def office(tree):
    return make_user("rcb", "org_admin", tree["district"])


def test_a_tranche_is_paid_once_and_audited(award, office):
    t = make_tranche(award, "项目落地", "100")
    paid = services.pay_tranche(t, actor=office, on=date(2024, 7, 1))
    assert paid.paid_on == date(2024, 7, 1) and paid.paid_amount == Decimal("100")
    assert award.program.paid() == Decimal("100")
    log = ChangeLog.objects.filter(object_id=str(t.pk), user=office).order_by("-pk").first()
    assert {f for f, *_r in log.changed_fields} >= {"paid_on", "paid_amount"}
    with pytest.raises(ValidationError, match="已于2024-07-01拨付"):
        services.pay_tranche(t, actor=office)
    assert Tranche.objects.get(pk=t.pk).paid_amount == Decimal("100")


def test_payments_never_go_beyond_the_tranche_or_the_award(award, office):
    first = make_tranche(award, "项目落地", "200")
    second = make_tranche(award, "中期验收", "100")
    with pytest.raises(ValidationError, match="超过本期"):
        services.pay_tranche(first, actor=office, amount="250")
    services.pay_tranche(first, actor=office, amount="200")
    services.pay_tranche(second, actor=office, amount="60")
    assert award.program.paid() == Decimal("260")
    # The award's tranches are now 300; a paid tranche's amount cannot be changed afterwards.
    first.amount = Decimal("150")
    with pytest.raises(ValidationError):
        first.full_clean()


def test_payment_beyond_the_award_is_refused_when_tranches_were_marked_paid_in_full(award, office):
    # A tranche paid in part leaves room in its amount but not in the award: the award's sum rules.
    t1 = make_tranche(award, "一期", "150")
    t2 = make_tranche(award, "二期", "150")
    Tranche.objects.filter(pk=t1.pk).update(paid_on=date(2024, 7, 1), paid_amount=Decimal("200"))
    with pytest.raises(ValidationError, match="超过资助金额"):
        services.pay_tranche(t2, actor=office, amount="150")
    assert Tranche.objects.get(pk=t2.pk).paid_on is None


def test_a_township_user_cannot_pay_the_districts_tranche(award, tree):
    t = make_tranche(award, "项目落地", "100")
    with pytest.raises(PermissionDenied):
        services.pay_tranche(t, actor=make_user("za", "org_admin", tree["town_a"]))


def test_a_paid_tranche_cannot_be_deleted(award, office):
    from orgwork.core.services import delete_object

    t = services.pay_tranche(make_tranche(award, "项目落地", "100"), actor=office)
    with pytest.raises(ValidationError):
        delete_object(t, actor=office)


def test_pay_buttons_on_the_award_and_tranche_pages(client, award, office):
    t1 = make_tranche(award, "项目落地", "100")
    t2 = make_tranche(award, "中期验收", "100")
    client.force_login(office)
    page = client.get("/talent/awards/{}/".format(award.pk)).content.decode()
    assert "/talent/tranches/{}/pay/".format(t1.pk) in page
    # From the award page: in full, today.
    client.post("/talent/tranches/{}/pay/".format(t1.pk), HTTP_REFERER="/talent/awards/{}/".format(award.pk))
    assert Tranche.objects.get(pk=t1.pk).paid_amount == Decimal("100")
    # From the tranche page: an amount and a date; paying again says why not.
    detail = client.get("/talent/tranches/{}/".format(t2.pk)).content.decode()
    assert 'id="form-pay"' in detail
    client.post("/talent/tranches/{}/pay/".format(t2.pk), {"amount": "40", "paid_on": "2024-08-01"})
    t2.refresh_from_db()
    assert t2.paid_amount == Decimal("40") and t2.paid_on == date(2024, 8, 1)
    again = client.post("/talent/tranches/{}/pay/".format(t2.pk), {"amount": "10"}, follow=True)
    assert "已于2024-08-01拨付" in again.content.decode()
    assert 'id="tranche-paid"' in client.get("/talent/tranches/{}/".format(t2.pk)).content.decode()


def test_pay_verb_through_the_api(award, office, tree):
    t = make_tranche(award, "项目落地", "100")
    api = APIClient()
    api.force_authenticate(office)
    r = api.post(
        "/api/talent/tranches/{}/pay/".format(t.pk), {"amount": "80", "paid_on": "2024-09-02"}, format="json"
    )
    assert r.status_code == 200, r.content
    assert r.json()["paid_amount"] == "80.00" and r.json()["paid_on"] == "2024-09-02"
    r = api.post("/api/talent/tranches/{}/pay/".format(t.pk), {}, format="json")
    assert r.status_code == 400
    # The paid fields are the verb's: an update cannot set them.
    r = api.patch("/api/talent/tranches/{}/".format(t.pk), {"paid_amount": "1"}, format="json")
    assert Tranche.objects.get(pk=t.pk).paid_amount == Decimal("80")
    outsider = APIClient()
    outsider.force_authenticate(make_user("va", "viewer", tree["district"]))
    t2 = make_tranche(award, "二期", "100")
    assert outsider.post("/api/talent/tranches/{}/pay/".format(t2.pk), {}, format="json").status_code == 403
