"""In-app notices (the navbar bell) and the outbox other channels (SMS, WeCom, e-mail) read.

Both are per user, not per org: a notice belongs to its recipient and only the recipient sees it,
so they are not ``ScopedModel`` rows and have no generic pages. Write them only through
``notifications.services.notify``."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

__all__ = ["Notice", "NoticeLevel", "OutboxMessage"]


class NoticeLevel(models.TextChoices):
    INFO = "info", _("information")
    WARNING = "warning", _("warning")
    DANGER = "danger", _("urgent")


class Notice(models.Model):
    """One message to one user, shown under the bell until read."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notices",
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    level = models.CharField(
        pgettext_lazy("notifications", "level"),
        max_length=10,
        choices=NoticeLevel.choices,
        default=NoticeLevel.INFO,
    )
    source = models.CharField(_("source"), max_length=50, blank=True, help_text=_("The module that sent it."))
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notif_notice_unread_idx")]

    def __str__(self):
        return self.title


class OutboxMessage(models.Model):
    """A copy of a notice for delivery outside the app. A channel worker claims unsent rows of its
    channel (``notifications.services.claim_outbox``) and marks each sent or failed."""

    channel = models.CharField(_("channel"), max_length=30, default="default", db_index=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    notice = models.ForeignKey(
        Notice, verbose_name=_("notice"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox")
        ordering = ["id"]
        indexes = [models.Index(fields=["channel", "sent_at", "id"], name="notif_outbox_pending_idx")]

    def __str__(self):
        return self.subject
