import pytest
from django.urls import reverse

from orgwork.notifications import services
from orgwork.notifications.models import Notice, OutboxMessage
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_notify_writes_one_notice_per_recipient_and_the_outbox():
    a, b = make_user("na"), make_user("nb")
    out = services.notify(
        [a, b, a.pk], "有新的交办事项", body="请及时办理", url="/casework/mine/", source="casework"
    )
    assert len(out) == 2
    assert Notice.objects.filter(recipient=a).count() == 1
    assert OutboxMessage.objects.filter(channel="default").count() == 2
    assert services.notify([], "nobody") == []


def test_bell_counts_unread_and_mark_read(client):
    a, b = make_user("na"), make_user("nb")
    services.notify([a], "第一条")
    n2 = services.notify([a], "第二条", url="/casework/mine/")[0]
    other = services.notify([b], "别人的")[0]
    client.force_login(a)
    bell = client.get(reverse("notifications:bell")).content.decode()
    assert 'data-unread="2"' in bell
    r = client.post(reverse("notifications:mark_read", args=[n2.pk]))
    assert r.status_code == 302 and r["Location"] == "/casework/mine/"
    assert 'data-unread="1"' in client.get(reverse("notifications:bell")).content.decode()
    # Somebody else's notice: nothing happens.
    client.post(reverse("notifications:mark_read", args=[other.pk]))
    other.refresh_from_db()
    assert other.read_at is None
    page = client.get(reverse("notifications:notice_list")).content.decode()
    assert "第一条" in page and "别人的" not in page
    client.post(reverse("notifications:mark_all_read"))
    assert "data-unread" not in client.get(reverse("notifications:bell")).content.decode()


def test_external_links_are_not_followed(client):
    a = make_user("na")
    n = services.notify([a], "外链", url="https://evil.example/")[0]
    client.force_login(a)
    r = client.post(reverse("notifications:mark_read", args=[n.pk]))
    assert r["Location"] == reverse("notifications:notice_list")


def test_outbox_claim_and_delivery():
    a = make_user("na")
    services.notify([a], "短信通知")
    rows = services.claim_outbox("default")
    assert len(rows) == 1
    assert services.claim_outbox("default") == []  # claimed
    services.mark_sent(rows[0], error="gateway down")
    again = services.claim_outbox("default")
    assert len(again) == 1
    services.mark_sent(again[0])
    m = OutboxMessage.objects.get()
    assert m.sent_at is not None and m.attempts == 2
