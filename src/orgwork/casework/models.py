"""Cases of the closed loop (登记 → 交办 → 办理 → 办结申请 → 查办/核验 → 反馈 → 归档) and their history.

The history (``CaseEvent``) is the truth. ``Case``'s state columns and the ``CaseParticipant`` rows
are a rollup of the events, rebuilt by ``casework.state.rebuild`` after every event and tested equal
to a fresh derivation; nothing else writes them.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from orgwork.casework.choices import CaseState, EventKind, ParticipantRole, Priority, Satisfaction
from orgwork.casework.kinds import DEFAULT_KIND, get_kind, kind_choices
from orgwork.core.models import ScopedModel, ScopedQuerySet
from orgwork.core.paths import subtrees_q

__all__ = ["Case", "CaseEvent", "CaseParticipant"]


class CaseQuerySet(ScopedQuerySet):
    def restrict(self, user, action="view"):
        """Seeing a case (and exporting it) extends to every participating org — lead, co-handlers,
        supervisor — through ``CaseParticipant``; changing or deleting the record itself stays with
        the registering org's subtree (handlers act through the case's verbs)."""
        if action in ("view", "export", "view_sensitive"):
            return super().restrict(user, action)
        from orgwork.accounts.scope import scope_prefixes

        prefixes = scope_prefixes(user, action)
        if not prefixes:
            return self.none()
        return self.filter(subtrees_q(prefixes, "org_path"))

    visible_to = restrict

    def same_scope_as_view(self, user, action) -> bool:
        # Seeing extends to participating orgs, changing does not.
        return action in ("view", "export", "view_sensitive") and super().same_scope_as_view(user, action)

    def open(self):
        from orgwork.casework.choices import OPEN_STATES

        return self.filter(state__in=OPEN_STATES)


class CaseManager(models.Manager.from_queryset(CaseQuerySet)):
    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


class Case(ScopedModel):
    """A problem, suggestion or request raised with an org, followed until it is closed and archived.

    ``org`` is the registering org (the assigning side); the case lies in its subtree and, for
    reading, also in the subtree of every org taking part (see ``CaseQuerySet.restrict``)."""

    # Touched by every event and escalation run: noise in the change log (the history shows it).
    audit_exclude = ("last_event_at",)

    kind = models.CharField(
        pgettext_lazy("casework", "kind"), max_length=30, default=DEFAULT_KIND, db_index=True
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    source = models.CharField(_("source"), max_length=30)
    category = models.CharField(pgettext_lazy("casework", "category"), max_length=30)
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.NORMAL
    )
    raised_by_name = models.CharField(
        _("raised by"), max_length=100, blank=True, help_text=_("The person or group who raised it.")
    )
    raised_by_person = models.ForeignKey(
        "people.Person",
        verbose_name=_("raised by (person)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    raised_by_org = models.ForeignKey(
        "orgs.Org",
        verbose_name=_("raised by (organization)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    raised_phone = models.CharField(_("raiser's phone"), max_length=30, blank=True)
    raised_event = models.CharField(
        _("raised at"),
        max_length=200,
        blank=True,
        help_text=_("Event or meeting, e.g. 书记讲给书记听 第12期."),
    )
    raised_on = models.DateField(_("raised on"), default=timezone.localdate)
    raised_place = models.CharField(_("place"), max_length=200, blank=True)
    org = models.ForeignKey(
        "orgs.Org", verbose_name=_("registering organization"), on_delete=models.PROTECT, related_name="+"
    )
    org_path = models.CharField(_("org path"), max_length=255, editable=False, db_index=True)

    # --- rollup of the events (casework.state); never written by hand -------------------------
    state = models.CharField(
        _("state"), max_length=20, choices=CaseState.choices, default=CaseState.REGISTERED, editable=False
    )
    lead_org = models.ForeignKey(
        "orgs.Org",
        verbose_name=_("lead org"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assigned_on = models.DateField(_("assigned on"), null=True, blank=True, editable=False)
    due_on = models.DateField(_("deadline"), null=True, blank=True, editable=False)
    paused = models.BooleanField(_("waiting on the raiser"), default=False, editable=False)
    supervised = models.BooleanField(_("supervised"), default=False, editable=False)
    overdue = models.BooleanField(pgettext_lazy("casework", "overdue"), default=False, editable=False)
    escalation_level = models.PositiveSmallIntegerField(_("escalation level"), default=0, editable=False)
    close_requested_on = models.DateField(_("closure requested on"), null=True, blank=True, editable=False)
    closed_on = models.DateField(
        pgettext_lazy("casework", "closed on"), null=True, blank=True, editable=False
    )
    closed_on_time = models.BooleanField(_("closed on time"), null=True, blank=True, editable=False)
    workdays_to_close = models.PositiveIntegerField(
        _("working days to close"), null=True, blank=True, editable=False
    )
    reopen_count = models.PositiveSmallIntegerField(_("times reopened"), default=0, editable=False)
    satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction"), choices=Satisfaction.choices, null=True, blank=True, editable=False
    )
    archived_on = models.DateField(_("archived on"), null=True, blank=True, editable=False)
    last_event_at = models.DateTimeField(_("last activity"), null=True, blank=True, editable=False)

    objects = CaseManager()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-raised_on", "-id"]
        indexes = [
            models.Index(fields=["org_path", "raised_on"], name="casework_case_path_raised_idx"),
            models.Index(fields=["state", "due_on"], name="casework_case_state_due_idx"),
            models.Index(fields=["lead_org", "state"], name="casework_case_lead_state_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("casework:case_detail", args=[self.pk])

    @classmethod
    def scope_q_for_prefixes(cls, prefixes):
        # IN (participants in the ranges): one scan of the (org_path, case) index, as for people.
        return Q(pk__in=CaseParticipant.objects.filter(subtrees_q(prefixes)).values("case_id"))

    @property
    def number(self):
        return "{}-{:06d}".format(self.raised_on.year if self.raised_on else "", self.pk or 0)

    @property
    def kind_spec(self):
        return get_kind(self.kind)

    def get_kind_display(self):
        return self.kind_spec.label

    def get_source_display(self):
        return dict(self.kind_spec.source_choices()).get(self.source, self.source)

    def get_category_display(self):
        return dict(self.kind_spec.category_choices()).get(self.category, self.category)

    def before_save(self):
        self.org_path = self.org.path

    def clean(self):
        errors = {}
        if self.kind not in dict(kind_choices()):
            errors["kind"] = _("Unknown kind of case.")
        spec = get_kind(self.kind)
        if self.source and self.source not in dict(spec.source_choices()):
            errors["source"] = _("Choose one of the sources of this kind of case.")
        if self.category and self.category not in dict(spec.category_choices()):
            errors["category"] = _("Choose one of the categories of this kind of case.")
        if errors:
            raise ValidationError(errors)

    def after_save(self, created):
        if not created:
            from orgwork.casework.state import rebuild

            rebuild(self)


class CaseEvent(models.Model):
    """One thing that happened to a case: who, when, what, a note, and the figures it set (the
    deadline snapshot of an assignment, the days of an extension, the satisfaction …). Append-only."""

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("event"), max_length=20, choices=EventKind.choices)
    at = models.DateTimeField(_("time"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_name = models.CharField(_("by"), max_length=150, blank=True)
    org = models.ForeignKey(
        "orgs.Org",
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(pgettext_lazy("casework", "note"), blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    attachment = models.FileField(_("evidence"), upload_to="casework/%Y/%m/", blank=True)

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["case", "at", "id"], name="casework_event_case_at_idx")]

    def __str__(self):
        return "{} {}".format(self.get_kind_display(), self.at)

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("case events are append-only")
        super().save(*args, **kwargs)


class CaseParticipant(models.Model):
    """An org taking part in a case, with its own deadline snapshot: rollup of the events (one row
    per case and org and role). It carries the org's path so that "cases my subtree takes part in"
    is one indexed range, the way ``people.Affiliation`` places people."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="participants"
    )
    org = models.ForeignKey(
        "orgs.Org", verbose_name=_("organization"), on_delete=models.CASCADE, related_name="+"
    )
    org_path = models.CharField(_("org path"), max_length=255)
    role = models.CharField(_("role"), max_length=12, choices=ParticipantRole.choices)
    assigned_on = models.DateField(_("assigned on"), null=True, blank=True)
    remind_on = models.DateField(_("reminder on"), null=True, blank=True)
    due_on = models.DateField(_("deadline"), null=True, blank=True)
    escalate_on = models.DateField(_("committee told on"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    fired_level = models.PositiveSmallIntegerField(_("escalation level reached"), default=0)
    active = models.BooleanField(_("handling"), default=False, help_text=_("Its clock runs."))

    class Meta:
        verbose_name = _("case participant")
        verbose_name_plural = _("case participants")
        constraints = [
            models.UniqueConstraint(fields=["case", "org", "role"], name="casework_participant_unique"),
        ]
        indexes = [
            models.Index(fields=["org_path", "case"], name="casework_part_path_case_idx"),
            models.Index(fields=["remind_on"], name="casework_part_active_idx", condition=Q(active=True)),
        ]

    def __str__(self):
        return "{} {}".format(self.case_id, self.org_id)
