"""Grassroots work: 先锋365 pledges and deeds, households in difficulty with pairings and visits,
行动支部 with activities, 书记项目 with milestones and evidence, 党建体检 health checks.

Every model lies in the tree through ``org`` and its copy ``org_path``. Records that belong to
another record (a visit to a pairing, an activity to an action branch …) take the parent's org,
so a subtree sees them with the parent."""

import os
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from orgwork.core.models import ScopedManager, ScopedModel
from orgwork.grassroots.choices import (
    AppliesTo,
    CheckPeriod,
    Difficulty,
    Measure,
    MemberCategory,
    ProjectStatus,
    ReviewGrade,
    VisitMode,
)

__all__ = [
    "PledgeItem",
    "PledgeRole",
    "Deed",
    "Household",
    "Pairing",
    "Visit",
    "ActionBranch",
    "ActionBranchMember",
    "ActionActivity",
    "SecretaryProject",
    "ProjectMilestone",
    "ProjectEvidence",
    "HealthCheckItem",
    "HealthCheck",
    "evidence_storage",
]

ALIVE = Q(deleted_at__isnull=True)


class RelatedManager(ScopedManager):
    """The default manager, joining the related rows that lists and detail pages show (no N+1)."""

    def __init__(self, *related):
        super().__init__()
        self.related = related

    def get_queryset(self):
        return super().get_queryset().select_related(*self.related)


class GrassrootsModel(ScopedModel):
    class Meta:
        abstract = True

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("grassroots:{}_detail".format(self._meta.model_name), args=[self.pk])


class OrgPlaced(GrassrootsModel):
    """A record placed by its own ``org``."""

    org = models.ForeignKey(
        "orgs.Org",
        verbose_name=pgettext_lazy("grassroots", "organization"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    org_path = models.CharField(_("org path"), max_length=255, editable=False, db_index=True)

    class Meta:
        abstract = True

    def before_save(self):
        self.org_path = self.org.path


class ParentPlaced(GrassrootsModel):
    """A record placed by its parent record (``parent_field``): it takes the parent's org."""

    parent_field = ""
    org = models.ForeignKey(
        "orgs.Org",
        verbose_name=pgettext_lazy("grassroots", "organization"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    org_path = models.CharField(_("org path"), max_length=255, editable=False, db_index=True)

    class Meta:
        abstract = True

    def before_save(self):
        parent = getattr(self, self.parent_field)
        self.org_id = parent.org_id
        self.org_path = parent.org_path


# --- 先锋365 -------------------------------------------------------------------------------------


class PledgeItem(OrgPlaced):
    """One quantified target of the 先锋365 pledge for a year, set by an org for its subtree
    (the nearest org with items for the year wins; with none, seed 001's defaults apply)."""

    objects = RelatedManager("org")

    year = models.PositiveSmallIntegerField(_("year"))
    code = models.SlugField(
        pgettext_lazy("grassroots", "code"),
        max_length=40,
        help_text=_("Short identifier; deeds refer to it."),
    )
    name = models.CharField(_("name"), max_length=100)
    target = models.PositiveSmallIntegerField(
        _("target per member"), default=1, validators=[MinValueValidator(1)]
    )
    applies_to = models.CharField(
        _("applies to"), max_length=10, choices=AppliesTo.choices, default=AppliesTo.ALL
    )
    measure = models.CharField(_("counted by"), max_length=10, choices=Measure.choices, default=Measure.DEEDS)
    position = models.PositiveSmallIntegerField(_("ordering"), default=0)

    class Meta:
        default_manager_name = "objects"
        verbose_name = _("pledge item")
        verbose_name_plural = _("pledge items")
        ordering = ["org_path", "year", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "year", "code"],
                condition=ALIVE,
                name="grassroots_pledgeitem_unique_code",
                violation_error_message=_(
                    "This organization already has a pledge item with this code for the year."
                ),
            )
        ]

    def __str__(self):
        return "{} {}".format(self.year, self.name)


class PledgeRole(OrgPlaced):
    """Overrides how a member is classed for the pledge (leader / organ member / other) when the
    classification derived from team seats and the member's org is wrong."""

    objects = RelatedManager("person", "org")

    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    category = models.CharField(
        pgettext_lazy("grassroots", "category"), max_length=10, choices=MemberCategory.choices
    )
    notes = models.CharField(_("notes"), max_length=200, blank=True)

    class Meta:
        default_manager_name = "objects"
        verbose_name = _("pledge category override")
        verbose_name_plural = _("pledge category overrides")
        ordering = ["org_path", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=ALIVE,
                name="grassroots_pledgerole_unique_person",
                violation_error_message=_("This person already has a category override."),
            )
        ]

    def __str__(self):
        return "{} {}".format(self.person, self.get_category_display())


class Deed(OrgPlaced):
    """A deed a member logs against a pledge item of a year (by item code). ``org`` is the branch
    that recorded it, normally the member's own."""

    objects = RelatedManager("person", "org")

    person = models.ForeignKey(
        "people.Person", verbose_name=_("member"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    item_code = models.SlugField(_("pledge item"), max_length=40)
    done_on = models.DateField(_("done on"))
    description = models.CharField(_("what was done"), max_length=300)
    evidence = models.CharField(_("evidence"), max_length=300, blank=True)

    class Meta:
        default_manager_name = "objects"
        verbose_name = _("deed")
        verbose_name_plural = _("deeds")
        ordering = ["org_path", "-done_on", "-id"]
        indexes = [models.Index(fields=["person", "year", "item_code"], name="grassroots_deed_person_idx")]

    def __str__(self):
        return "{} {} {}".format(self.person, self.done_on, self.description[:30])

    def clean(self):
        if self.done_on and self.year and self.done_on.year != self.year:
            raise ValidationError({"done_on": _("The date must lie in the pledge year.")})
        if self.org_id and self.year and self.item_code:
            from orgwork.grassroots.services import pledge_items_for

            codes = [i.code for i in pledge_items_for(self.org, self.year) if i.measure == "deeds"]
            if self.item_code not in codes:
                raise ValidationError(
                    {
                        "item_code": _("Not a pledge item of this year; the items are: {}.").format(
                            ", ".join(codes)
                        )
                    }
                )


class Household(OrgPlaced):
    """A household in difficulty (困难家庭) registered by its village or community."""

    objects = RelatedManager("org")

    sensitive_fields = ("phone",)

    head_name = models.CharField(_("head of household"), max_length=50)
    address = models.CharField(pgettext_lazy("grassroots", "address"), max_length=200, blank=True)
    phone = models.CharField(pgettext_lazy("grassroots", "phone"), max_length=30, blank=True)
    size = models.PositiveSmallIntegerField(_("household size"), default=1)
    difficulty = models.CharField(
        _("difficulty"), max_length=12, choices=Difficulty.choices, default=Difficulty.OTHER
    )
    registered_on = models.DateField(_("registered on"), null=True, blank=True)
    closed_on = models.DateField(
        _("no longer in difficulty since"),
        null=True,
        blank=True,
        help_text=_("Left blank while the household needs help."),
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        default_manager_name = "objects"
        verbose_name = _("household in difficulty")
        verbose_name_plural = _("households in difficulty")
        ordering = ["org_path", "head_name", "id"]

    def __str__(self):
        return self.head_name

    @property
    def masked_phone(self):
        p = self.phone or ""
        return p[:3] + "****" + p[-4:] if len(p) >= 8 else ("*" * len(p))


class Pairing(ParentPlaced):
    """A member paired with a household (结对帮扶) from one date to another."""

    objects = RelatedManager("household", "person", "org")

    parent_field = "household"
    household = models.ForeignKey(
        Household, verbose_name=_("household"), on_delete=models.PROTECT, related_name="pairings"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("member"), on_delete=models.PROTECT, related_name="+"
    )
    started_on = models.DateField(pgettext_lazy("grassroots", "from"))
    ended_on = models.DateField(pgettext_lazy("grassroots", "to"), null=True, blank=True)

    class Meta:
        default_manager_name = "objects"
        verbose_name = _("pairing")
        verbose_name_plural = _("pairings")
        ordering = ["org_path", "household", "started_on"]
        indexes = [models.Index(fields=["person", "started_on"], name="grassroots_pairing_person_idx")]

    def __str__(self):
        return "{} → {}".format(self.person, self.household)

    def clean(self):
        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("The end cannot be before the start.")})


class Visit(ParentPlaced):
    """One visit to a paired household (seed 001: at least once a quarter)."""

    objects = RelatedManager("pairing__household", "pairing__person", "org")

    parent_field = "pairing"
    pairing = models.ForeignKey(
        Pairing, verbose_name=_("pairing"), on_delete=models.PROTECT, related_name="visits"
    )
    visited_on = models.DateField(_("visited on"))
    mode = models.CharField(_("how"), max_length=10, choices=VisitMode.choices, default=VisitMode.HOME)
    notes = models.CharField(_("what was done"), max_length=300, blank=True)

    class Meta:
        default_manager_name = "objects"
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["org_path", "-visited_on"]
        indexes = [models.Index(fields=["pairing", "visited_on"], name="grassroots_visit_pairing_idx")]

    def __str__(self):
        return "{} {}".format(self.pairing, self.visited_on)

    def clean(self):
        p = getattr(self, "pairing", None) if self.pairing_id else None
        if p and self.visited_on and self.visited_on < p.started_on:
            raise ValidationError({"visited_on": _("The visit cannot be before the pairing started.")})


# --- 行动支部 -------------------------------------------------------------------------------------


class ActionBranch(OrgPlaced):
    """An action branch (行动支部) formed by an org around a task, with members from several branches."""

    objects = RelatedManager("org", "leader")

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(
        _("type"), max_length=30, help_text=_("Seed 001's four types; more can be configured.")
    )
    task = models.CharField(_("task"), max_length=300)
    leader = models.ForeignKey(
        "people.Person",
        verbose_name=_("leader"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    started_on = models.DateField(_("formed on"))
    ended_on = models.DateField(_("closed on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        default_manager_name = "objects"
        verbose_name = _("action branch")
        verbose_name_plural = _("action branches")
        ordering = ["org_path", "-started_on", "id"]

    def __str__(self):
        return self.name

    def clean(self):
        from orgwork.grassroots.rules import action_branch_types

        if self.kind and self.kind not in action_branch_types():
            raise ValidationError({"kind": _("Unknown type of action branch.")})
        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("The end cannot be before the start.")})


class ActionBranchMember(ParentPlaced):
    """A member of an action branch; ``home_org`` is the branch the member comes from."""

    objects = RelatedManager("action_branch", "person", "home_org")

    parent_field = "action_branch"
    action_branch = models.ForeignKey(
        ActionBranch, verbose_name=_("action branch"), on_delete=models.PROTECT, related_name="members"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("member"), on_delete=models.PROTECT, related_name="+"
    )
    home_org = models.ForeignKey(
        "orgs.Org",
        verbose_name=_("home branch"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        null=True,
    )
    joined_on = models.DateField(pgettext_lazy("grassroots", "joined on"), null=True, blank=True)
    role = models.CharField(pgettext_lazy("grassroots", "role"), max_length=50, blank=True)

    class Meta:
        default_manager_name = "objects"
        verbose_name = _("action branch member")
        verbose_name_plural = _("action branch members")
        ordering = ["org_path", "action_branch", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["action_branch", "person"],
                condition=ALIVE,
                name="grassroots_abmember_unique",
                violation_error_message=_("This person is already a member of the action branch."),
            )
        ]

    def __str__(self):
        return "{} {}".format(self.action_branch, self.person)

    def before_save(self):
        super().before_save()
        self.home_org_id = self.person.registered_org_id


class ActionActivity(ParentPlaced):
    """An activity of an action branch: date, place, and the people served (服务人次)."""

    objects = RelatedManager("action_branch", "org")

    parent_field = "action_branch"
    action_branch = models.ForeignKey(
        ActionBranch, verbose_name=_("action branch"), on_delete=models.PROTECT, related_name="activities"
    )
    held_on = models.DateField(_("date"))
    title = models.CharField(_("activity"), max_length=200)
    place = models.CharField(_("place"), max_length=200, blank=True)
    served_count = models.PositiveIntegerField(_("people served"), default=0)
    participants = models.PositiveSmallIntegerField(_("members taking part"), default=0)

    class Meta:
        default_manager_name = "objects"
        verbose_name = _("action branch activity")
        verbose_name_plural = _("action branch activities")
        ordering = ["org_path", "-held_on", "-id"]
        indexes = [models.Index(fields=["org_path", "held_on"], name="grassroots_activity_path_idx")]

    def __str__(self):
        return self.title


# --- 书记项目 -------------------------------------------------------------------------------------


class SecretaryProject(OrgPlaced):
    """A secretary's project (书记项目): goal, milestones (progress), evidence, annual review."""

    objects = RelatedManager("org", "secretary")

    secretary = models.ForeignKey(
        "people.Person",
        verbose_name=_("secretary"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    year = models.PositiveSmallIntegerField(_("year"))
    name = models.CharField(_("name"), max_length=100)
    goal = models.TextField(_("goal"))
    status = models.CharField(
        _("status"), max_length=10, choices=ProjectStatus.choices, default=ProjectStatus.ACTIVE
    )
    review_grade = models.CharField(
        _("annual review"), max_length=10, choices=ReviewGrade.choices, blank=True
    )
    review_notes = models.TextField(_("review comments"), blank=True)
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)

    class Meta:
        default_manager_name = "objects"
        verbose_name = _("secretary project")
        verbose_name_plural = _("secretary projects")
        ordering = ["org_path", "-year", "id"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.review_grade and not self.reviewed_on:
            raise ValidationError({"reviewed_on": _("Give the date of the review.")})


class ProjectMilestone(ParentPlaced):
    """A milestone of a secretary project; the project's progress is the share of milestones done."""

    objects = RelatedManager("project", "org")

    parent_field = "project"
    project = models.ForeignKey(
        SecretaryProject,
        verbose_name=_("secretary project"),
        on_delete=models.PROTECT,
        related_name="milestones",
    )
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        default_manager_name = "objects"
        verbose_name = _("project milestone")
        verbose_name_plural = _("project milestones")
        ordering = ["org_path", "project", "due_on", "id"]

    def __str__(self):
        return self.title


def evidence_storage():
    """Evidence files live outside the static and media roots; they are served only by the scoped
    download view (``grassroots:evidence_download``)."""
    return FileSystemStorage(location=settings.GRASSROOTS_EVIDENCE_ROOT, base_url=None)


class ProjectEvidence(ParentPlaced):
    """Evidence of a secretary project: a file (kept outside the web root), or a note."""

    objects = RelatedManager("project", "org")

    parent_field = "project"
    project = models.ForeignKey(
        SecretaryProject,
        verbose_name=_("secretary project"),
        on_delete=models.PROTECT,
        related_name="evidence",
    )
    title = models.CharField(_("title"), max_length=200)
    # Name under GRASSROOTS_EVIDENCE_ROOT (a random name chosen on upload), blank for a note.
    stored_name = models.CharField(_("stored file"), max_length=200, blank=True, editable=False)
    original_name = models.CharField(_("file name"), max_length=200, blank=True, editable=False)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0, editable=False)
    notes = models.CharField(_("notes"), max_length=300, blank=True)

    class Meta:
        default_manager_name = "objects"
        verbose_name = _("project evidence")
        verbose_name_plural = _("project evidence")
        ordering = ["org_path", "project", "id"]

    def __str__(self):
        return self.title

    @property
    def has_file(self):
        return bool(self.stored_name)

    def store(self, uploaded):
        """Save an uploaded file under a random name (its extension kept, lower case)."""
        ext = os.path.splitext(uploaded.name)[1].lower()
        name = "{}/{}{}".format(self.project_id or 0, uuid.uuid4().hex, ext)
        self.stored_name = evidence_storage().save(name, uploaded)
        self.original_name = os.path.basename(uploaded.name)[:200]
        self.size = uploaded.size

    def open_file(self):
        return evidence_storage().open(self.stored_name, "rb")


# --- 党建体检 -------------------------------------------------------------------------------------


class HealthCheckItem(OrgPlaced):
    """An item of the health-check list set by an org for its subtree (the nearest org with items
    wins; with none, the default list applies)."""

    objects = RelatedManager("org")

    code = models.SlugField(pgettext_lazy("grassroots", "code"), max_length=40)
    name = models.CharField(_("item"), max_length=100)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=10, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    evidence_hint = models.CharField(_("evidence expected"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("ordering"), default=0)

    class Meta:
        default_manager_name = "objects"
        verbose_name = _("health-check item")
        verbose_name_plural = _("health-check items")
        ordering = ["org_path", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "code"],
                condition=ALIVE,
                name="grassroots_hcitem_unique_code",
                violation_error_message=_(
                    "This organization already has a health-check item with this code."
                ),
            )
        ]

    def __str__(self):
        return self.name


class HealthCheck(OrgPlaced):
    """One org's health check (党建体检) for a period: a score per item (0–100), the weighted total,
    and, for a weak org (软弱涣散), the rectification plan and its deadline in working days."""

    objects = RelatedManager("org")

    year = models.PositiveSmallIntegerField(_("year"))
    period = models.CharField(
        _("period"), max_length=2, choices=CheckPeriod.choices, default=CheckPeriod.YEAR
    )
    checked_on = models.DateField(_("checked on"))
    scores = models.JSONField(_("scores"), default=dict, blank=True, editable=False)
    evidence = models.JSONField(_("evidence"), default=dict, blank=True, editable=False)
    total = models.DecimalField(
        _("total score"), max_digits=5, decimal_places=1, null=True, blank=True, editable=False
    )
    weak = models.BooleanField(_("weak organization"), default=False, editable=False)
    weak_reason = models.CharField(_("why weak"), max_length=300, blank=True, editable=False)
    rectification_plan = models.TextField(_("rectification plan"), blank=True, editable=False)
    flagged_on = models.DateField(_("flagged on"), null=True, blank=True, editable=False)
    rectify_by = models.DateField(_("rectify by"), null=True, blank=True, editable=False)
    rectified_on = models.DateField(_("rectified on"), null=True, blank=True, editable=False)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        default_manager_name = "objects"
        verbose_name = _("health check")
        verbose_name_plural = _("health checks")
        ordering = ["org_path", "-year", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "year", "period"],
                condition=ALIVE,
                name="grassroots_healthcheck_unique_period",
                violation_error_message=_("This organization already has a health check for this period."),
            )
        ]
        indexes = [models.Index(fields=["year", "period", "org_path"], name="grassroots_hc_period_idx")]

    def __str__(self):
        return "{} {} {}".format(self.org, self.year, self.get_period_display())
