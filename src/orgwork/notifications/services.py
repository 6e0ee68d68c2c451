"""The notifications API other modules use: ``notify(recipients, title, …)``; plus mark-read
and the outbox claim for channel workers. See docs/dev/notifications.md."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from orgwork.notifications.models import Notice, NoticeLevel, OutboxMessage

__all__ = ["notify", "unread_count", "mark_read", "mark_all_read", "claim_outbox", "mark_sent"]


def _user_ids(recipients) -> list[int]:
    out = []
    for r in recipients:
        uid = r if isinstance(r, int) else getattr(r, "pk", None)
        if uid is not None and uid not in out:
            out.append(uid)
    return out


def outbox_channels() -> list[str]:
    """Channels that get a copy of every notice (settings.NOTIFICATIONS_OUTBOX_CHANNELS)."""
    return list(getattr(settings, "NOTIFICATIONS_OUTBOX_CHANNELS", ["default"]))


@transaction.atomic
def notify(
    recipients: Iterable,
    title: str,
    *,
    body: str = "",
    url: str = "",
    level: str = NoticeLevel.INFO,
    source: str = "",
    outbox: bool = True,
) -> list[Notice]:
    """Send one notice to each recipient (users or user ids; duplicates sent once), and copy it to
    the outbox for every configured channel. Returns the notices written."""
    ids = _user_ids(recipients)
    if not ids:
        return []
    now = timezone.now()
    title = str(title)[:200]
    notices = Notice.objects.bulk_create(
        [
            Notice(
                recipient_id=uid,
                title=title,
                body=str(body),
                url=url,
                level=level,
                source=source,
                created_at=now,
            )
            for uid in ids
        ]
    )
    if outbox:
        OutboxMessage.objects.bulk_create(
            [
                OutboxMessage(
                    channel=ch,
                    recipient_id=n.recipient_id,
                    notice_id=n.pk,
                    subject=title,
                    body=str(body),
                    url=url,
                    created_at=now,
                )
                for n in notices
                for ch in outbox_channels()
            ]
        )
    return notices


def unread_count(user) -> int:
    return Notice.objects.filter(recipient=user, read_at__isnull=True).count()


def mark_read(user, notice_id) -> bool:
    return bool(
        Notice.objects.filter(recipient=user, pk=notice_id, read_at__isnull=True).update(
            read_at=timezone.now()
        )
    )


def mark_all_read(user) -> int:
    return Notice.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


@transaction.atomic
def claim_outbox(channel: str = "default", limit: int = 100) -> list[OutboxMessage]:
    """Unsent messages of ``channel`` for a channel worker, oldest first, marked claimed (rows claimed
    more than 10 minutes ago without being sent are offered again)."""
    now = timezone.now()
    stale = now - timedelta(minutes=10)
    qs = OutboxMessage.objects.filter(channel=channel, sent_at__isnull=True).filter(models_q_claimable(stale))
    rows = list(qs.order_by("id")[:limit])
    OutboxMessage.objects.filter(pk__in=[r.pk for r in rows]).update(claimed_at=now)
    return rows


def models_q_claimable(stale):
    from django.db.models import Q

    return Q(claimed_at__isnull=True) | Q(claimed_at__lt=stale)


def mark_sent(message: OutboxMessage, *, error: str = "") -> None:
    """Record a delivery attempt: sent when ``error`` is empty, else offered again later."""
    from django.db.models import F

    if error:
        OutboxMessage.objects.filter(pk=message.pk).update(
            attempts=F("attempts") + 1, last_error=error[:300], claimed_at=None
        )
    else:
        OutboxMessage.objects.filter(pk=message.pk).update(attempts=F("attempts") + 1, sent_at=timezone.now())
