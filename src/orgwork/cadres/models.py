"""Cadre records in the shape of the national cadre information sets (RULES.md §2.3): A01 basic
(``Cadre`` with its ``people.Person``), A02 posts (``CadrePost``), A08 education (``Education``), A14
rewards and sanctions (``RewardSanction``), A15 annual appraisal (``Appraisal``), A36 family
(``FamilyMember``), A53 appointments (``Appointment``), A57 photo (``CadrePhoto``); plus the reserve
pool, cohort targets, 五维 evaluations, assignments, contests, vacancies and organizers' archive notes.

Every row carries the org path of the org that places it (the cadre's unit for the cadre's own
sub-records), so a subtree is one indexed range."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from orgwork.cadres import rules
from orgwork.cadres.choices import (
    RANK_LEVEL,
    AppraisalGrade,
    AssignmentKind,
    AssignmentOutcome,
    EducationKind,
    ManagementCategory,
    ProbationResult,
    Rank,
    Relation,
    ReserveClass,
    RewardCode,
    Track,
)
from orgwork.core.models import RefreshesDerived, ScopedModel
from orgwork.people.choices import Degree, PoliticalStatus
from orgwork.people.choices import Education as EducationCode

__all__ = [
    "CADRE_RECORD_MODELS",
    "Cadre",
    "CadrePost",
    "Education",
    "Appraisal",
    "RewardSanction",
    "FamilyMember",
    "CadrePhoto",
    "ReserveEntry",
    "CohortTarget",
    "Evaluation",
    "AssignmentBatch",
    "Assignment",
    "ContestResult",
    "ArchiveNote",
    "Vacancy",
    "Appointment",
]


def _org_fk(label, related="+"):
    return models.ForeignKey("orgs.Org", verbose_name=label, on_delete=models.PROTECT, related_name=related)


def _path():
    return models.CharField(_("org path"), max_length=255, editable=False, db_index=True)


def years_between(start: date | None, end: date) -> float:
    if not start or end < start:
        return 0.0
    return (end - start).days / 365.25


class Cadre(ScopedModel):
    """A cadre (A01): one per person, placed at the unit of the current post. 三龄 and the years of
    the selection rules are computed from the person and the post history (``cadres.services``)."""

    sensitive_fields = ()

    person = models.OneToOneField(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="cadre"
    )
    org = _org_fk(_("current unit"), "cadres")
    org_path = _path()
    title = models.CharField(_("current post (full title)"), max_length=324, blank=True)
    rank = models.CharField(_("rank"), max_length=5, choices=Rank.choices, default=Rank.STAFF, db_index=True)
    rank_since = models.DateField(_("in this rank since"), null=True, blank=True)
    track = models.CharField(_("track"), max_length=20, choices=Track.choices, blank=True)
    selected_graduate = models.BooleanField(_("selected graduate (选调生)"), default=False)
    management = models.CharField(
        _("management category"), max_length=2, choices=ManagementCategory.choices, default="04"
    )
    work_started_on = models.DateField(_("started work on"), null=True, blank=True)
    party_joined_on = models.DateField(_("joined the Party on"), null=True, blank=True)
    other_party = models.CharField(
        _("democratic party"),
        max_length=18,
        blank=True,
        help_text=_("e.g. 民建, for a member of another party."),
    )
    birth_place = models.CharField(_("birth place"), max_length=18, blank=True)
    health = models.CharField(_("health"), max_length=30, blank=True, default="健康")
    professional_title = models.CharField(_("professional title"), max_length=90, blank=True)
    expertise = models.CharField(_("speciality"), max_length=110, blank=True)
    resume = models.TextField(
        _("résumé (appointment form)"),
        blank=True,
        help_text=_("Lines '1991.01--2000.01  text'. Left blank: written from the post history."),
    )
    rewards_text = models.CharField(
        _("rewards and sanctions (as written)"),
        max_length=552,
        blank=True,
        help_text=_("Left blank: written from the reward and sanction records."),
    )
    committee_text = models.CharField(
        _("committee memberships"), max_length=300, blank=True, help_text=_("e.g. 区第十一届党代会代表")
    )
    notes = models.TextField(_("notes"), blank=True)
    # Derived from the post and education records (cadres.services.service_record), kept in step by
    # their hooks: the selection rules read it for a whole pool without loading every post.
    service_record = models.JSONField(_("service record (derived)"), default=dict, blank=True, editable=False)

    audit_exclude = ("service_record",)

    class Meta:
        verbose_name = _("cadre")
        verbose_name_plural = _("cadres")
        ordering = ["org_path", "id"]
        indexes = [models.Index(fields=["org_path", "rank"], name="cadres_cadre_path_rank_idx")]

    def __str__(self):
        return self.person.name if self.person_id else "?"

    @property
    def name(self):
        return str(self)

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("cadres:cadre_detail", args=[self.pk])

    def before_save(self):
        self.org_path = self.org.path

    def clean(self):
        if self.rank_since and self.work_started_on and self.rank_since < self.work_started_on:
            raise ValidationError({"rank_since": _("The rank cannot start before the cadre started work.")})

    @property
    def rank_level(self) -> int:
        return RANK_LEVEL.get(self.rank, 0)

    @property
    def cohort(self) -> str:
        return rules.cohort_of(self.person.birth_date)

    def after_save(self, created):
        # Sub-records carry the cadre's org path: keep them in step when the cadre moves.
        for model in (Education, Appraisal, RewardSanction, FamilyMember):
            model.all_objects.filter(cadre=self).exclude(org_path=self.org_path).update(
                org_id=self.org_id, org_path=self.org_path
            )
        # A cadre saved from an object loaded before its posts changed carries an old record.
        _refresh_service_record(self.pk)


def _refresh_service_record(cadre_id):
    from orgwork.cadres.services import refresh_service_records

    refresh_service_records([cadre_id])


class ServiceRecordHooks(RefreshesDerived):
    """Posts and education records keep their cadre's ``service_record`` in step."""

    derived_of = "cadre"

    @classmethod
    def refresh_derived(cls, ids):
        from orgwork.cadres.services import refresh_service_records

        refresh_service_records(ids)


class OnCadrePage:
    """A record listed, added, edited and deleted on its cadre's page: the forms and the delete
    return there, to the record's section (``section``)."""

    section = ""

    def get_absolute_url(self):
        return "{}#{}".format(self.cadre.get_absolute_url(), self.section)

    def parent_url(self):
        return self.get_absolute_url()

    def _page(self, view):
        from django.urls import reverse

        return reverse("cadres:{}_{}".format(self._meta.model_name, view), args=[self.pk])

    def edit_url(self):
        return self._page("edit")

    def delete_url(self):
        return self._page("delete")


class CadreSubRecord(OnCadrePage, ScopedModel):
    """A part of the cadre's own record (A08, A14, A15, A36): placed where the cadre is."""

    cadre = models.ForeignKey(Cadre, verbose_name=_("cadre"), on_delete=models.CASCADE, related_name="+")
    org = models.ForeignKey(
        "orgs.Org",
        verbose_name=pgettext_lazy("cadres", "unit"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    org_path = _path()

    class Meta:
        abstract = True

    def before_save(self):
        self.org_id = self.cadre.org_id
        self.org_path = self.cadre.org_path


class CadrePost(ServiceRecordHooks, OnCadrePage, ScopedModel):
    """A02: a post held from one date to another, at a unit, at a rank; the grassroots flag counts
    towards 基层工作经历 (第八条)."""

    section = "posts"

    cadre = models.ForeignKey(Cadre, verbose_name=_("cadre"), on_delete=models.CASCADE, related_name="posts")
    org = _org_fk(pgettext_lazy("cadres", "unit"))
    org_path = _path()
    title = models.CharField(pgettext_lazy("cadres", "post"), max_length=200)
    rank = models.CharField(_("rank"), max_length=5, choices=Rank.choices)
    started_on = models.DateField(pgettext_lazy("cadres", "from"))
    ended_on = models.DateField(pgettext_lazy("cadres", "to"), null=True, blank=True)
    grassroots = models.BooleanField(
        _("grassroots post"),
        default=False,
        help_text=_("Counts towards grassroots experience (县乡及以下、村社区、企业一线)."),
    )

    class Meta:
        verbose_name = _("post record")
        verbose_name_plural = _("post records")
        ordering = ["cadre", "started_on", "id"]
        indexes = [models.Index(fields=["cadre", "started_on"], name="cadres_post_cadre_start_idx")]

    def __str__(self):
        return "{} {}".format(self.cadre, self.title)

    def before_save(self):
        self.org_path = self.org.path

    def clean(self):
        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("A post cannot end before it starts.")})


class Education(ServiceRecordHooks, CadreSubRecord):
    """A08: one degree or course of study, full-time or in service."""

    section = "education"

    kind = models.CharField(
        pgettext_lazy("cadres", "kind"), max_length=1, choices=EducationKind.choices, default="1"
    )
    education = models.CharField(_("education"), max_length=2, choices=EducationCode.choices)
    degree = models.CharField(_("degree"), max_length=1, choices=Degree.choices, blank=True)
    school = models.CharField(_("school, department and major"), max_length=90, blank=True)
    started_on = models.DateField(pgettext_lazy("cadres", "from"), null=True, blank=True)
    graduated_on = models.DateField(_("graduated on"), null=True, blank=True)

    class Meta:
        verbose_name = _("education record")
        verbose_name_plural = _("education records")
        ordering = ["cadre", "graduated_on", "id"]

    def __str__(self):
        return "{} {}".format(self.get_education_display(), self.school)


class Appraisal(CadreSubRecord):
    """A15: the annual appraisal grade (ZB18)."""

    section = "appraisals"

    year = models.PositiveSmallIntegerField(_("year"))
    grade = models.CharField(_("grade"), max_length=1, choices=AppraisalGrade.choices)

    class Meta:
        verbose_name = _("annual appraisal")
        verbose_name_plural = _("annual appraisals")
        ordering = ["cadre", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["cadre", "year"],
                condition=models.Q(deleted_at__isnull=True),
                name="cadres_appraisal_one_per_year",
                violation_error_message=_("This cadre already has an appraisal for that year."),
            )
        ]

    def __str__(self):
        return "{}年度 {}".format(self.year, self.get_grade_display())


class RewardSanction(CadreSubRecord):
    """A14: a reward or a sanction (ZB65), with its date and approving body."""

    section = "rewards"

    code = models.CharField(pgettext_lazy("cadres", "kind"), max_length=5, choices=RewardCode.choices)
    name = models.CharField(_("name"), max_length=200)
    approved_on = models.DateField(_("approved on"))
    approver = models.CharField(_("approved by"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("reward or sanction")
        verbose_name_plural = _("rewards and sanctions")
        ordering = ["cadre", "approved_on"]

    def __str__(self):
        return self.name

    @property
    def is_sanction(self):
        return self.code.startswith("02")


class FamilyMember(CadreSubRecord):
    """A36: a family member or important social relation, listed on the appointment form."""

    section = "family"

    relation = models.CharField(_("relation"), max_length=2, choices=Relation.choices)
    name = models.CharField(pgettext_lazy("cadres", "name"), max_length=18)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    political_status = models.CharField(
        _("political status"), max_length=2, choices=PoliticalStatus.choices, default="13"
    )
    work = models.CharField(_("work unit and post"), max_length=124, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("family member")
        verbose_name_plural = _("family members")
        ordering = ["cadre", "position", "id"]

    def __str__(self):
        return "{} {}".format(self.get_relation_display(), self.name)


class CadrePhoto(models.Model):
    """A57: the photo (4:5, colour), kept as the bytes of the file."""

    cadre = models.OneToOneField(
        Cadre, verbose_name=_("cadre"), on_delete=models.CASCADE, related_name="photo"
    )
    data = models.BinaryField(_("image"))
    content_type = models.CharField(_("image type"), max_length=30, default="image/jpeg")

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self):
        return "photo {}".format(self.cadre_id)


class ReserveEntry(ScopedModel):
    """后备干部库: a cadre entered into the reserve pool of an org, for a track and a target rank,
    in a class of the classified management; left with a reason."""

    cadre = models.ForeignKey(
        Cadre, verbose_name=_("cadre"), on_delete=models.PROTECT, related_name="reserve_entries"
    )
    org = _org_fk(_("managing organization"))
    org_path = _path()
    track = models.CharField(_("track"), max_length=20, choices=Track.choices)
    target_rank = models.CharField(_("target rank"), max_length=5, choices=Rank.choices)
    category = models.CharField(_("class"), max_length=10, choices=ReserveClass.choices, default="regular")
    entered_on = models.DateField(_("entered on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    left_reason = models.CharField(_("reason for leaving"), max_length=200, blank=True)
    notes = models.CharField(_("notes"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("reserve pool entry")
        verbose_name_plural = _("reserve pool")
        ordering = ["org_path", "-entered_on"]

    def __str__(self):
        return "{} → {}".format(self.cadre, self.get_target_rank_display())

    def before_save(self):
        self.org_path = self.org.path

    def clean(self):
        if self.left_on and self.entered_on and self.left_on < self.entered_on:
            raise ValidationError({"left_on": _("A cadre cannot leave the pool before entering it.")})
        if self.left_on and not self.left_reason:
            raise ValidationError({"left_reason": _("Give the reason for leaving the pool.")})


class CohortTarget(ScopedModel):
    """A cohort target of the 1333 plan (seed 001): within an org's subtree, the number of cadres born
    in or after a year who hold a 科级 (or higher) rank shall grow by ``increase`` between the baseline
    date and the due date. Progress is counted live from the post records."""

    org = _org_fk(_("organization"))
    org_path = _path()
    name = models.CharField(_("name"), max_length=100)
    born_from = models.PositiveSmallIntegerField(_("born in or after"))
    min_rank = models.CharField(
        _("at least rank"), max_length=5, choices=Rank.choices, default=Rank.DEPUTY_SECTION
    )
    increase = models.PositiveIntegerField(_("increase"))
    baseline_on = models.DateField(_("baseline date"))
    due_on = models.DateField(_("due date"))

    class Meta:
        verbose_name = _("cohort target")
        verbose_name_plural = _("cohort targets")
        ordering = ["org_path", "born_from"]

    def __str__(self):
        return self.name

    def before_save(self):
        self.org_path = self.org.path

    def clean(self):
        if self.due_on and self.baseline_on and self.due_on <= self.baseline_on:
            raise ValidationError({"due_on": _("The due date must come after the baseline date.")})


class Evaluation(ScopedModel):
    """五维考量: one assessor's scores of a cadre for a period, one score (0–100) per configured
    dimension (``rules.dimensions``)."""

    cadre = models.ForeignKey(
        Cadre, verbose_name=_("cadre"), on_delete=models.PROTECT, related_name="evaluations"
    )
    org = _org_fk(_("evaluating organization"))
    org_path = _path()
    period = models.CharField(
        pgettext_lazy("cadres", "period"), max_length=20, help_text=_("e.g. 2025 or 2025上半年")
    )
    assessor = models.CharField(_("assessor"), max_length=50)
    evaluated_on = models.DateField(_("evaluated on"))
    scores = models.JSONField(pgettext_lazy("cadres", "scores"), default=dict)
    total = models.DecimalField(
        _("weighted score"), max_digits=5, decimal_places=2, default=0, editable=False
    )
    comment = models.TextField(pgettext_lazy("cadres", "comment"), blank=True)

    class Meta:
        verbose_name = pgettext_lazy("cadres", "evaluation")
        verbose_name_plural = pgettext_lazy("cadres", "evaluations")
        ordering = ["-evaluated_on", "id"]
        indexes = [models.Index(fields=["cadre", "evaluated_on"], name="cadres_eval_cadre_date_idx")]

    def __str__(self):
        return "{} {} {}".format(self.cadre, self.period, self.assessor)

    def before_save(self):
        from orgwork.cadres.services import weighted_score

        self.org_path = self.org.path
        self.total = weighted_score(self.scores)

    def clean(self):
        keys = {d.key for d in rules.dimensions()}
        errors = []
        for key in keys:
            value = (self.scores or {}).get(key)
            if not isinstance(value, int | float) or not 0 <= value <= 100:
                errors.append(key)
        if errors:
            raise ValidationError(
                {
                    "scores": _("Give every dimension a score from 0 to 100 ({}).").format(
                        ", ".join(sorted(errors))
                    )
                }
            )


class AssignmentBatch(ScopedModel):
    """A batch of assignments started together and tracked as one (seed 003: 第一批20名年轻干部为期6个月轮岗交流)."""

    org = _org_fk(_("organizing organization"))
    org_path = _path()
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(pgettext_lazy("cadres", "kind"), max_length=20, choices=AssignmentKind.choices)
    starts_on = models.DateField(pgettext_lazy("cadres", "from"))
    ends_on = models.DateField(pgettext_lazy("cadres", "to"))
    planned_size = models.PositiveIntegerField(_("planned number"), default=0)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("assignment batch")
        verbose_name_plural = _("assignment batches")
        ordering = ["-starts_on", "id"]

    def __str__(self):
        return self.name

    def before_save(self):
        self.org_path = self.org.path

    def clean(self):
        if self.ends_on and self.starts_on and self.ends_on <= self.starts_on:
            raise ValidationError({"ends_on": _("The end must come after the start.")})


class Assignment(ScopedModel):
    """挂职, 轮岗, 上挂跟班, 第一书记, 驻村, 先挂后任, 试岗, 攻坚专班: a cadre placed at a host org for a period,
    under a supervisor, with an outcome at the end. Placed at the host org."""

    cadre = models.ForeignKey(
        Cadre, verbose_name=_("cadre"), on_delete=models.PROTECT, related_name="assignments"
    )
    kind = models.CharField(pgettext_lazy("cadres", "kind"), max_length=20, choices=AssignmentKind.choices)
    org = _org_fk(_("host organization"))
    org_path = _path()
    post = models.CharField(_("post held"), max_length=100, blank=True)
    batch = models.ForeignKey(
        AssignmentBatch,
        verbose_name=_("batch"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assignments",
    )
    starts_on = models.DateField(pgettext_lazy("cadres", "from"))
    ends_on = models.DateField(pgettext_lazy("cadres", "to"))
    supervisor = models.CharField(_("supervisor"), max_length=50, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=AssignmentOutcome.choices, blank=True)
    outcome_notes = models.TextField(_("outcome notes"), blank=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["ends_on", "id"]
        indexes = [models.Index(fields=["org_path", "ends_on"], name="cadres_assign_path_end_idx")]

    def __str__(self):
        return "{} {}".format(self.cadre, self.get_kind_display())

    def before_save(self):
        self.org_path = self.org.path

    def clean(self):
        if self.ends_on and self.starts_on and self.ends_on <= self.starts_on:
            raise ValidationError({"ends_on": _("The end must come after the start.")})


class ContestResult(ScopedModel):
    """比武打擂: a cadre's score and placing in a contest held by an org (seed 003)."""

    org = _org_fk(_("organizing organization"))
    org_path = _path()
    contest = models.CharField(_("contest"), max_length=100)
    held_on = models.DateField(pgettext_lazy("cadres", "held on"))
    cadre = models.ForeignKey(
        Cadre, verbose_name=_("cadre"), on_delete=models.PROTECT, related_name="contest_results"
    )
    score = models.DecimalField(
        _("score"), max_digits=5, decimal_places=1, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    placing = models.PositiveSmallIntegerField(_("placing"), null=True, blank=True)
    award = models.CharField(_("award"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("contest result")
        verbose_name_plural = _("contest results")
        ordering = ["-held_on", "placing", "id"]

    def __str__(self):
        return "{} {}".format(self.contest, self.cadre)

    def before_save(self):
        self.org_path = self.org.path


class ArchiveNote(ScopedModel):
    """A free entry by an organizer in a cadre's growth archive (成长纪实档案)."""

    cadre = models.ForeignKey(
        Cadre, verbose_name=_("cadre"), on_delete=models.PROTECT, related_name="archive_notes"
    )
    org = _org_fk(_("recording organization"))
    org_path = _path()
    happened_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=100)
    text = models.TextField(pgettext_lazy("cadres", "text"), blank=True)

    class Meta:
        verbose_name = _("archive note")
        verbose_name_plural = _("archive notes")
        ordering = ["-happened_on", "id"]

    def __str__(self):
        return "{}: {}".format(self.cadre, self.title)

    def before_save(self):
        self.org_path = self.org.path


class Vacancy(ScopedModel):
    """A post to fill (org, post, rank) and the conditions of the post; its page lists the eligible
    cadres of the candidate pool with every rule checked (``cadres.selection``)."""

    org = _org_fk(_("organization"))
    org_path = _path()
    title = models.CharField(pgettext_lazy("cadres", "post"), max_length=200)
    rank = models.CharField(_("rank"), max_length=5, choices=Rank.choices)
    pool = models.ForeignKey(
        "orgs.Org",
        verbose_name=_("candidates from"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        help_text=_("Left blank: the organization of the post and everything under it."),
    )
    opened_on = models.DateField(_("opened on"))
    max_age = models.PositiveSmallIntegerField(
        _("age limit"),
        null=True,
        blank=True,
        help_text=_("Local rule of the post (e.g. 35 for young cadres)."),
    )
    committee_level = models.CharField(
        _("party committee seat"),
        max_length=10,
        blank=True,
        choices=[("county", _("county committee")), ("city", _("city or provincial committee"))],
        help_text=_(
            "For a seat on a party committee: the party standing required by the Party Constitution."
        ),
    )
    allow_exceptional = models.BooleanField(_("exceptional promotion (破格) considered"), default=False)
    filled = models.BooleanField(_("filled"), default=False)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        ordering = ["-opened_on", "id"]

    def __str__(self):
        return "{} {}".format(self.org, self.title) if self.org_id else self.title

    @property
    def name(self):
        return self.title

    def before_save(self):
        self.org_path = self.org.path


class Appointment(ScopedModel):
    """A53 任免: from the committee decision through 任前公示 (≥ 5 working days) to the appointment and
    the one-year 试用期, confirmed or returned."""

    cadre = models.ForeignKey(
        Cadre, verbose_name=_("cadre"), on_delete=models.PROTECT, related_name="appointments"
    )
    vacancy = models.ForeignKey(
        Vacancy,
        verbose_name=_("vacancy"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appointments",
    )
    org = _org_fk(_("organization"))
    org_path = _path()
    title = models.CharField(_("proposed post"), max_length=324)
    rank = models.CharField(_("rank"), max_length=5, choices=Rank.choices)
    remove_title = models.CharField(_("post to be removed"), max_length=324, blank=True)
    reason = models.CharField(pgettext_lazy("cadres", "reason"), max_length=552, blank=True)
    reporting_unit = models.CharField(_("reporting unit"), max_length=252, blank=True)
    decided_on = models.DateField(_("committee decision"))
    publicity_from = models.DateField(pgettext_lazy("cadres", "publicity from"), null=True, blank=True)
    publicity_to = models.DateField(
        _("publicity to"), null=True, blank=True, help_text=_("Left blank: 5 working days from the start.")
    )
    appointed_on = models.DateField(_("appointed on"), null=True, blank=True)
    probation = models.BooleanField(_("with probation"), default=True)
    probation_ends = models.DateField(_("probation ends"), null=True, blank=True, editable=False)
    probation_result = models.CharField(
        _("probation result"), max_length=10, choices=ProbationResult.choices, blank=True
    )
    exceptional = models.BooleanField(_("exceptional promotion (破格)"), default=False)

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["-decided_on", "id"]

    def __str__(self):
        return "{} {}".format(self.cadre, self.title)

    def before_save(self):
        from orgwork.cadres.services import add_years
        from orgwork.core.workdays import add_workdays

        self.org_path = self.org.path
        if self.publicity_from and not self.publicity_to:
            # ≥ 5 working days counting the first day (2014 条例 第四十一条).
            self.publicity_to = add_workdays(self.publicity_from, rules.PUBLICITY_WORKDAYS - 1)
        self.probation_ends = (
            add_years(self.appointed_on, rules.PROBATION_YEARS)
            if self.appointed_on and self.probation
            else None
        )

    def clean(self):
        from orgwork.core.workdays import add_workdays

        errors = {}
        if self.publicity_from and self.decided_on and self.publicity_from < self.decided_on:
            errors["publicity_from"] = _("The publicity follows the committee decision.")
        if self.publicity_from and self.publicity_to:
            if self.publicity_to < add_workdays(self.publicity_from, rules.PUBLICITY_WORKDAYS - 1):
                errors["publicity_to"] = _("The publicity lasts at least {} working days.").format(
                    rules.PUBLICITY_WORKDAYS
                )
        if self.appointed_on:
            if not self.publicity_from:
                errors["appointed_on"] = _("Publish the appointment before it takes effect.")
            elif self.publicity_to and self.appointed_on <= self.publicity_to:
                errors["appointed_on"] = _("The appointment takes effect after the publicity ends.")
        if self.probation_result and not self.appointed_on:
            errors["probation_result"] = _("Only an appointment that took effect has a probation result.")
        if errors:
            raise ValidationError(errors)


def _detail_url(self):
    from django.urls import reverse

    return reverse("cadres:{}_detail".format(self._meta.model_name), args=[self.pk])


# The registered models' pages are /cadres/<plural>/<pk>/ (cadres.urls); a cadre's own records
# (posts, education …) lead to the cadre's page (OnCadrePage).
for _model in (
    ReserveEntry,
    CohortTarget,
    Evaluation,
    AssignmentBatch,
    Assignment,
    ContestResult,
    ArchiveNote,
    Vacancy,
    Appointment,
):
    _model.get_absolute_url = _detail_url


# The records of a cadre, each with a ``cadre`` key (the demo analyzes their tables after seeding).
CADRE_RECORD_MODELS = (
    CadrePost,
    Education,
    Appraisal,
    RewardSanction,
    FamilyMember,
    ReserveEntry,
    Evaluation,
    Assignment,
    ContestResult,
    ArchiveNote,
    Appointment,
)


def _person(self):
    return self.cadre.person


# The person behind a record of a cadre (global search and the lists show people).
for _model in CADRE_RECORD_MODELS:
    _model.person = property(_person)
