"""Party members (one per person), the 发展党员 pipeline with its 25 dated steps, monthly dues,
membership transfers and 三会一课 meeting records. Each row lies in the tree at its branch."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from orgwork.core.models import ScopedModel
from orgwork.core.paths import subtrees_q
from orgwork.members.choices import (
    AttendanceStatus,
    LetterKind,
    MeetingKind,
    MemberCategory,
    MembershipState,
    MemberStatus,
    Stage,
    Step,
    TransferKind,
    TransferState,
)

__all__ = ["Member", "Recruitment", "RecruitmentStep", "Due", "Transfer", "Meeting", "MeetingAttendance"]


def _org_path(obj):
    obj.org_path = obj.org.path if obj.org_id else ""


class PlacedWithParent:
    """A record placed where its parent (the foreign key named ``placed_with``) is, on every save:
    a recruitment's steps, a meeting's roll. (Dues and transfers are not: their branch is the
    member's only when none is given, and stays when the member moves.)"""

    placed_with = ""

    def before_save(self):
        parent = getattr(self, self.placed_with)
        self.org_id = parent.org_id
        self.org_path = parent.org.path


class Member(ScopedModel):
    """A party member: the 16 items of the national system (全国党员管理信息系统, RULES.md §2.1),
    the person's own items (name, sex, ID number, ethnicity, birth date, education) read from
    ``people.Person``. ``Person.political_status`` follows ``status`` (01 正式 / 02 预备)."""

    person = models.OneToOneField(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="member"
    )
    org = models.ForeignKey(
        "orgs.Org",
        verbose_name=pgettext_lazy("members", "party branch"),
        on_delete=models.PROTECT,
        related_name="members",
    )
    org_path = models.CharField(_("org path"), max_length=255, editable=False, db_index=True)
    status = models.CharField(
        _("member status"), max_length=20, choices=MemberStatus.choices, default=MemberStatus.FULL
    )
    category = models.CharField(
        _("category"), max_length=20, choices=MemberCategory.choices, default=MemberCategory.IN_SERVICE
    )
    joined_on = models.DateField(_("joined on"), help_text=_("Date of joining the party (入党日期)."))
    confirmed_on = models.DateField(
        _("confirmed on"), null=True, blank=True, help_text=_("Date of becoming a full member (转正日期).")
    )
    post = models.CharField(_("work post"), max_length=100, blank=True)
    membership_state = models.CharField(
        _("membership state"), max_length=20, choices=MembershipState.choices, default=MembershipState.NORMAL
    )
    lost_contact = models.BooleanField(_("lost contact"), default=False)
    lost_contact_on = models.DateField(_("lost contact since"), null=True, blank=True)
    floating = models.BooleanField(_("mobile member"), default=False)
    float_destination = models.CharField(_("gone to (province/city/county)"), max_length=100, blank=True)
    dues_base = models.DecimalField(
        _("dues base"),
        max_digits=10,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
        help_text=_("Monthly after-tax fixed income (or pension) that dues are computed from."),
    )
    dues_fixed = models.DecimalField(
        _("fixed monthly dues"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Farmers only: the amount the branch set, 0.20–1.00 yuan."),
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("party member")
        verbose_name_plural = _("party members")
        ordering = ["org_path", "id"]
        indexes = [
            models.Index(fields=["org_path", "status"], name="members_member_path_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(confirmed_on__isnull=True) | Q(confirmed_on__gte=models.F("joined_on")),
                name="members_member_confirmed_after_joined",
                violation_error_message=_("The confirmation date cannot be before the joining date."),
            ),
        ]

    def __str__(self):
        return str(self.person) if self.person_id else str(self.pk)

    @property
    def name(self):
        return self.person.name

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("members:member_detail", args=[self.pk])

    def party_years_on(self, on: date) -> int | None:
        """党龄 on ``on``: whole years from the 转正 date (党章第七条); None for a probationary member."""
        if not self.confirmed_on or self.confirmed_on > on:
            return None
        from orgwork.members.rules import years_between

        return years_between(self.confirmed_on, on)

    @property
    def party_years(self):
        from django.utils import timezone

        return self.party_years_on(timezone.localdate())

    @property
    def monthly_due(self):
        from orgwork.members.rules import monthly_due

        return monthly_due(self.category, self.dues_base, self.dues_fixed)

    def before_save(self):
        _org_path(self)

    def clean(self):
        errors = {}
        if self.status == MemberStatus.FULL and not self.confirmed_on:
            errors["confirmed_on"] = _("A full member needs the date of confirmation.")
        if self.status == MemberStatus.PROBATIONARY and self.confirmed_on:
            errors["confirmed_on"] = _("A probationary member has no confirmation date yet.")
        if self.lost_contact and not self.lost_contact_on:
            errors["lost_contact_on"] = _("Give the date contact was lost.")
        if self.floating and not self.float_destination:
            errors["float_destination"] = _("Give where the mobile member has gone.")
        if self.dues_fixed is not None:
            from orgwork.members.rules import FARMER_RANGE

            if self.category != MemberCategory.FARMER:
                errors["dues_fixed"] = _("A fixed amount is only set for farmer members.")
            elif not FARMER_RANGE[0] <= self.dues_fixed <= FARMER_RANGE[1]:
                errors["dues_fixed"] = _("Farmers pay 0.20 to 1.00 yuan a month.")
        if errors:
            raise ValidationError(errors)

    def after_save(self, created):
        from orgwork.members.services import sync_person

        sync_person(self)

    def after_delete(self):
        # Out of the registry: the person's political status and branch attachment follow.
        from orgwork.members.services import sync_person

        sync_person(self, actor=self.deleted_by)

    def after_restore(self):
        from orgwork.members.services import sync_person

        sync_person(self)


class Recruitment(ScopedModel):
    """One person's way into the party (发展党员): the stage, the dated milestones that decide the
    next step, and the people involved. Steps are recorded by ``members.services.record_step``,
    which enforces the rules (RULES.md §3.1)."""

    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="recruitments"
    )
    org = models.ForeignKey(
        "orgs.Org",
        verbose_name=pgettext_lazy("members", "party branch"),
        on_delete=models.PROTECT,
        related_name="recruitments",
    )
    org_path = models.CharField(_("org path"), max_length=255, editable=False, db_index=True)
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.APPLICANT, editable=False
    )
    last_step = models.PositiveSmallIntegerField(
        _("last step done"), null=True, blank=True, editable=False, help_text=_("1–25, see the steps.")
    )
    applied_on = models.DateField(_("applied on"))
    activist_on = models.DateField(_("activist since"), null=True, blank=True, editable=False)
    candidate_on = models.DateField(_("candidate since"), null=True, blank=True, editable=False)
    admitted_on = models.DateField(
        _("admitted by the branch meeting on"), null=True, blank=True, editable=False
    )
    approved_on = models.DateField(_("admission approved on"), null=True, blank=True, editable=False)
    extended_months = models.PositiveSmallIntegerField(
        _("probation extended by (months)"), default=0, editable=False
    )
    confirmed_on = models.DateField(_("confirmed on"), null=True, blank=True, editable=False)
    training_days = models.DecimalField(
        _("training days"), max_digits=5, decimal_places=1, default=0, validators=[MinValueValidator(0)]
    )
    training_hours = models.PositiveSmallIntegerField(_("training hours"), default=0)
    mentors = models.CharField(
        _("mentors"), max_length=100, blank=True, help_text=_("1–2 full members (培养联系人).")
    )
    sponsors = models.CharField(
        _("sponsors"), max_length=100, blank=True, help_text=_("2 full members (入党介绍人).")
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("recruitment")
        verbose_name_plural = _("recruitments")
        ordering = ["org_path", "applied_on", "id"]
        indexes = [models.Index(fields=["org_path", "stage"], name="members_recruit_path_stage")]

    def __str__(self):
        return "{} · {}".format(self.person, self.get_stage_display())

    @property
    def name(self):
        return self.person.name

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("members:recruitment_detail", args=[self.pk])

    def before_save(self):
        _org_path(self)

    def clean(self):
        from orgwork.members.rules import MIN_AGE, age_on

        person = self.person if self.person_id else None
        if (
            person
            and person.birth_date
            and self.applied_on
            and age_on(person.birth_date, self.applied_on) < MIN_AGE
        ):
            raise ValidationError(
                {
                    "applied_on": _(
                        "The applicant was under {} on the date of application; the party admits people of 18 or older (党章第一条)."
                    ).format(MIN_AGE)
                }
            )

    @property
    def probation_ends_on(self):
        from orgwork.members.rules import probation_end

        return probation_end(self.admitted_on, self.extended_months) if self.admitted_on else None


class RecruitmentStep(PlacedWithParent, ScopedModel):
    """One of the 25 steps, done on a date, with the people involved, the vote tallies of a
    meeting and the 公示 period where the step has them."""

    placed_with = "recruitment"

    recruitment = models.ForeignKey(
        Recruitment, verbose_name=_("recruitment"), on_delete=models.CASCADE, related_name="steps"
    )
    org = models.ForeignKey(
        "orgs.Org",
        verbose_name=pgettext_lazy("members", "party branch"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    org_path = models.CharField(_("org path"), max_length=255, editable=False, db_index=True)
    step = models.PositiveSmallIntegerField(_("step"), choices=Step.choices)
    done_on = models.DateField(_("done on"))
    people = models.CharField(_("people involved"), max_length=200, blank=True)
    expected = models.PositiveIntegerField(_("voting members expected"), null=True, blank=True)
    present = models.PositiveIntegerField(_("voting members present"), null=True, blank=True)
    in_favour = models.PositiveIntegerField(_("votes in favour"), null=True, blank=True)
    against = models.PositiveIntegerField(_("votes against"), null=True, blank=True)
    abstained = models.PositiveIntegerField(_("abstentions"), null=True, blank=True)
    publicity_from = models.DateField(_("publicity from"), null=True, blank=True)
    publicity_to = models.DateField(_("publicity until"), null=True, blank=True)
    notes = models.CharField(_("notes"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("recruitment step")
        verbose_name_plural = _("recruitment steps")
        ordering = ["recruitment_id", "step"]
        constraints = [
            models.UniqueConstraint(
                fields=["recruitment", "step"],
                condition=Q(deleted_at__isnull=True),
                name="members_step_once",
                violation_error_message=_("This step is already recorded for this person."),
            ),
        ]

    def __str__(self):
        return "{} · {}".format(self.recruitment.person, self.get_step_display())

    @property
    def name(self):
        return self.get_step_display()

    @property
    def person(self):
        return self.recruitment.person

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("members:recruitmentstep_detail", args=[self.pk])

    def clean(self):
        votes = [v for v in (self.in_favour, self.against, self.abstained) if v is not None]
        if self.present is not None and self.expected is not None and self.present > self.expected:
            raise ValidationError({"present": _("More present than expected.")})
        if votes and self.present is not None and sum(votes) > self.present:
            raise ValidationError({"in_favour": _("More votes than members present: the vote is void.")})
        if self.publicity_from and self.publicity_to and self.publicity_to < self.publicity_from:
            raise ValidationError({"publicity_to": _("The publicity cannot end before it starts.")})


class Due(ScopedModel):
    """One member's dues for one month: the base and amount of that month (a later change of base
    applies from the month it is declared, 第十条), and what was paid when."""

    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.CASCADE, related_name="dues"
    )
    org = models.ForeignKey(
        "orgs.Org",
        verbose_name=pgettext_lazy("members", "party branch"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    org_path = models.CharField(_("org path"), max_length=255, editable=False, db_index=True)
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    base = models.DecimalField(_("base"), max_digits=10, decimal_places=2, default=0)
    amount = models.DecimalField(
        _("amount due"),
        max_digits=8,
        decimal_places=2,
        blank=True,
        help_text=_("Left blank: computed from the member's category and this base."),
    )
    paid = models.DecimalField(_("amount paid"), max_digits=10, decimal_places=2, default=0)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    voluntary = models.DecimalField(_("voluntary extra"), max_digits=10, decimal_places=2, default=0)
    notes = models.CharField(_("notes"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("dues month")
        verbose_name_plural = _("dues")
        ordering = ["org_path", "-month", "member_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "month"],
                condition=Q(deleted_at__isnull=True),
                name="members_due_once_a_month",
                violation_error_message=_("This member already has a dues row for this month."),
            ),
        ]
        indexes = [models.Index(fields=["org_path", "month"], name="members_due_path_month")]

    def __str__(self):
        return "{} {}".format(self.member, self.month.strftime("%Y-%m") if self.month else "")

    @property
    def name(self):
        return str(self)

    @property
    def person(self):
        return self.member.person

    @property
    def outstanding(self):
        return max(self.amount - self.paid, 0)

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("members:due_detail", args=[self.pk])

    def before_save(self):
        if self.member_id and not self.org_id:
            self.org_id = self.member.org_id
        _org_path(self)
        if self.month:
            self.month = self.month.replace(day=1)
        if self.amount is None and self.member_id:
            from orgwork.members.rules import monthly_due

            self.amount = monthly_due(self.member.category, self.base, self.member.dues_fixed)

    def clean(self):
        if self.paid and not self.paid_on:
            raise ValidationError({"paid_on": _("Give the date of payment.")})


class Transfer(ScopedModel):
    """A membership transfer (组织关系转接, RULES.md §3.3). It lies at the sending branch and is also
    visible in the receiving branch's subtree (its inbox), where it is accepted or returned."""

    member = models.ForeignKey(
        Member,
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        related_name="transfers",
        null=True,
        blank=True,
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="+",
        blank=True,
        help_text=_("Only for a transfer into the system; otherwise the member's person."),
    )
    kind = models.CharField(
        pgettext_lazy("members", "kind"),
        max_length=10,
        choices=TransferKind.choices,
        default=TransferKind.WITHIN,
    )
    org = models.ForeignKey(
        "orgs.Org",
        verbose_name=_("from branch"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    org_path = models.CharField(_("org path"), max_length=255, editable=False, db_index=True, blank=True)
    to_org = models.ForeignKey(
        "orgs.Org",
        verbose_name=_("to branch"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    to_org_path = models.CharField(
        _("destination path"), max_length=255, editable=False, db_index=True, blank=True
    )
    outside_org = models.CharField(
        _("organization outside the system"),
        max_length=200,
        blank=True,
        help_text=_("Where the member goes to (out) or comes from (in), when it is not in this system."),
    )
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=TransferState.choices,
        default=TransferState.APPLIED,
        editable=False,
    )
    letter_kind = models.CharField(
        _("letter"), max_length=20, choices=LetterKind.choices, default=LetterKind.INTRODUCTION
    )
    letter_no = models.CharField(_("letter number"), max_length=50, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True, editable=False)
    valid_days = models.PositiveSmallIntegerField(
        _("valid for (days)"), default=30, validators=[MinValueValidator(1), MaxValueValidator(90)]
    )
    dues_paid_until = models.DateField(_("dues paid until"), null=True, blank=True)
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True, editable=False)
    receipt_on = models.DateField(_("receipt returned on"), null=True, blank=True, editable=False)
    history = models.JSONField(_("history"), default=list, blank=True, editable=False)
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("membership transfer")
        verbose_name_plural = _("membership transfers")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return "{} · {}".format(self.person, self.get_kind_display())

    @property
    def name(self):
        return self.person.name

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("members:transfer_detail", args=[self.pk])

    @classmethod
    def scope_q_for_prefixes(cls, prefixes):
        # The sending side and the receiving side both see it: the receiving branch accepts it.
        return subtrees_q(prefixes, "org_path") | subtrees_q(prefixes, "to_org_path")

    def before_save(self):
        if self.member_id and not self.person_id:
            self.person_id = self.member.person_id
        if self.member_id and not self.org_id and self.kind != TransferKind.IN:
            self.org_id = self.member.org_id
        self.org_path = self.org.path if self.org_id else ""
        self.to_org_path = self.to_org.path if self.to_org_id else ""

    def clean(self):
        errors = {}
        if not self.person_id and not self.member_id:
            errors["person"] = _("Choose the person who transfers in.")
        if self.kind in (TransferKind.WITHIN, TransferKind.IN) and not self.to_org_id:
            errors["to_org"] = _("Choose the receiving branch in this system.")
        if self.kind in (TransferKind.WITHIN, TransferKind.OUT) and not self.member_id:
            errors["member"] = _("Choose the member who transfers.")
        if self.kind in (TransferKind.OUT, TransferKind.IN) and not self.outside_org:
            errors["outside_org"] = _("Name the organization outside the system.")
        if self.kind == TransferKind.WITHIN and self.member_id and self.to_org_id == self.member.org_id:
            errors["to_org"] = _("The member already belongs to this branch.")
        if errors:
            raise ValidationError(errors)

    @property
    def expires_on(self):
        from datetime import timedelta

        return self.issued_on + timedelta(days=self.valid_days) if self.issued_on else None

    @property
    def receipt_due_on(self):
        from orgwork.members.rules import RECEIPT_MONTHS
        from orgwork.orgs.rules import add_months

        return add_months(self.accepted_on, RECEIPT_MONTHS) if self.accepted_on else None


class Meeting(ScopedModel):
    """A 三会一课 meeting of a branch (RULES.md §3.5): kind, date, topic, attendance."""

    org = models.ForeignKey(
        "orgs.Org",
        verbose_name=pgettext_lazy("members", "party branch"),
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    org_path = models.CharField(_("org path"), max_length=255, editable=False, db_index=True)
    kind = models.CharField(pgettext_lazy("members", "kind"), max_length=20, choices=MeetingKind.choices)
    held_on = models.DateField(_("held on"))
    topic = models.CharField(pgettext_lazy("members", "topic"), max_length=200)
    expected = models.PositiveIntegerField(_("members expected"), default=0)
    present = models.PositiveIntegerField(_("members present"), default=0)
    notes = models.TextField(_("minutes"), blank=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["org_path", "-held_on"]
        indexes = [models.Index(fields=["org_path", "held_on"], name="members_meeting_path_held")]

    def __str__(self):
        return "{} · {} {}".format(self.org, self.held_on, self.get_kind_display())

    @property
    def name(self):
        return self.topic

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("members:meeting_detail", args=[self.pk])

    def before_save(self):
        _org_path(self)

    def clean(self):
        if self.present > self.expected and self.expected:
            raise ValidationError({"present": _("More present than expected.")})


class MeetingAttendance(PlacedWithParent, ScopedModel):
    """One member's attendance at a meeting of their branch: present, excused (with the reason
    for the leave) or absent. Once a meeting has a roll, its counts of members expected and
    present are the roll's."""

    placed_with = "meeting"

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendance"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="attendance"
    )
    org = models.ForeignKey(
        "orgs.Org",
        verbose_name=pgettext_lazy("members", "party branch"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    org_path = models.CharField(_("org path"), max_length=255, editable=False, db_index=True)
    status = models.CharField(
        pgettext_lazy("members", "attendance"),
        max_length=10,
        choices=AttendanceStatus.choices,
        default=AttendanceStatus.PRESENT,
    )
    reason = models.CharField(_("reason for absence"), max_length=200, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("members", "attendance")
        verbose_name_plural = pgettext_lazy("members", "attendance")
        ordering = ["-meeting_id", "member_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "member"],
                condition=Q(deleted_at__isnull=True),
                name="members_attendance_once",
                violation_error_message=_("This member's attendance at this meeting is already recorded."),
            ),
        ]

    def __str__(self):
        return "{} · {}".format(self.member, self.get_status_display())

    @property
    def name(self):
        return str(self.member)

    @property
    def person(self):
        return self.member.person

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("members:meetingattendance_detail", args=[self.pk])

    def clean(self):
        if self.status == AttendanceStatus.EXCUSED and not self.reason.strip():
            raise ValidationError({"reason": _("Give the reason for the leave.")})
        if self.meeting_id and self.member_id:
            path = self.meeting.org.path
            if not self.member.org_path.startswith(path):
                raise ValidationError({"member": _("The member does not belong to the meeting's branch.")})
            if self.member.joined_on and self.member.joined_on > self.meeting.held_on:
                raise ValidationError({"member": _("The member joined the party after the meeting.")})

    def after_save(self, created):
        from orgwork.members.services import count_attendance

        count_attendance(self.meeting_id)

    def after_delete(self):
        self.after_save(created=False)

    after_restore = after_delete
