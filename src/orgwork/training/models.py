"""Cadre training: classes (培训班, 夜校 series), their sessions with teachers, enrollment,
attendance and evaluations. Hours are credited from attendance, never typed in."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from orgwork.core.models import RefreshesDerived, ScopedModel
from orgwork.training.choices import AttendanceStatus, CourseKind, EnrollmentStatus, TeacherKind
from orgwork.training.rules import DEFAULT_COMPLETION_RATE

__all__ = ["Course", "Session", "Enrollment", "Attendance", "Evaluation"]


class Course(ScopedModel):
    """A training class (培训班) or one term of a series such as a night school (夜校), organized
    by an org; everything attached to it lies where its organizer lies in the tree."""

    org = models.ForeignKey(
        "orgs.Org", verbose_name=_("organizer"), on_delete=models.PROTECT, related_name="training_courses"
    )
    org_path = models.CharField(_("org path"), max_length=255, editable=False, db_index=True)
    name = models.CharField(_("class name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=CourseKind.choices, default=CourseKind.CLASS)
    series = models.CharField(
        _("series"),
        max_length=100,
        blank=True,
        help_text=_("For a recurring programme such as a night school: its name, e.g. 蓬江夜校."),
    )
    starts_on = models.DateField(_("starts on"), db_index=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    completion_rate = models.DecimalField(
        _("completion rate"),
        max_digits=3,
        decimal_places=2,
        default=DEFAULT_COMPLETION_RATE,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("1.00"))],
        help_text=_(
            "Share of the class's hours a trainee must attend to complete it (0.80 = 80%). No national "
            "rule sets it: 80% is the usual local practice and the default. Leave over 1/7 of the hours "
            "always fails the class (《干部教育培训工作条例》)."
        ),
    )
    notes = models.TextField(_("notes"), blank=True)

    # Trainee-times (培训人次): enrollments not withdrawn, kept by services.refresh_counts.
    trainee_count = models.PositiveIntegerField(_("trainees (derived)"), default=0, editable=False)

    audit_exclude = ("trainee_count",)

    class Meta:
        verbose_name = _("training class")
        verbose_name_plural = _("training classes")
        ordering = ["-starts_on", "id"]
        indexes = [models.Index(fields=["org_path", "starts_on"], name="training_course_path_start_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="training_course_dates",
                violation_error_message=_("A class cannot end before it starts."),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("training:course_detail", args=[self.pk])

    def before_save(self):
        self.org_path = self.org.path

    def check_deletable(self):
        if self.sessions.exists() or self.enrollments.exists():
            raise ValidationError(
                _("This class still has sessions or trainees. Delete them first (their hours would be lost).")
            )

    def after_save(self, created):
        if not created:
            # Attached rows follow the organizer (a class moved to another org moves its rows).
            for model in (Session, Enrollment, Attendance, Evaluation):
                rel = "session__course" if model in (Attendance, Evaluation) else "course"
                model.all_objects.filter(**{rel: self}).exclude(org_id=self.org_id).update(
                    org_id=self.org_id, org_path=self.org_path
                )
            # Saved from an object loaded before its trainees changed: the count is taken again.
            _refresh(courses=[self.pk])


class _AttachedToCourse(ScopedModel):
    """Rows that lie where their class lies: ``org`` and ``org_path`` are copied from it."""

    org = models.ForeignKey(
        "orgs.Org", verbose_name=_("organizer"), on_delete=models.PROTECT, related_name="+", editable=False
    )
    org_path = models.CharField(_("org path"), max_length=255, editable=False, db_index=True)

    class Meta:
        abstract = True

    def course_of(self):
        raise NotImplementedError

    def before_save(self):
        course = self.course_of()
        if course is not None:
            self.org_id, self.org_path = course.org_id, course.org_path


class Session(_AttachedToCourse):
    """One teaching unit of a class: date, place, topic, teacher and the hours it credits."""

    course = models.ForeignKey(
        Course, verbose_name=_("training class"), on_delete=models.PROTECT, related_name="sessions"
    )
    date = models.DateField(_("date"), db_index=True)
    topic = models.CharField(_("topic"), max_length=200)
    place = models.CharField(_("place"), max_length=200, blank=True)
    teacher = models.ForeignKey(
        "people.Person",
        verbose_name=_("teacher (registered person)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="training_sessions_taught",
        help_text=_("A leading cadre teaching (领导干部上讲台) is chosen here."),
    )
    teacher_name = models.CharField(
        _("teacher"), max_length=100, blank=True, help_text=_("Name of an outside teacher, or left blank.")
    )
    teacher_kind = models.CharField(
        _("teacher kind"), max_length=20, choices=TeacherKind.choices, default=TeacherKind.PARTY_SCHOOL
    )
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("24"))],
        help_text=_("学时 credited to each trainee present."),
    )

    # Attendance-times: trainees present, kept by services.refresh_counts.
    present_count = models.PositiveIntegerField(_("present (derived)"), default=0, editable=False)

    audit_exclude = ("present_count",)

    class Meta:
        verbose_name = _("class session")
        verbose_name_plural = _("class sessions")
        ordering = ["date", "id"]
        indexes = [models.Index(fields=["org_path", "date"], name="training_session_path_date_idx")]

    def __str__(self):
        return "{} {}".format(self.date.isoformat() if self.date else "", self.topic)

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("training:session_detail", args=[self.pk])

    def course_of(self):
        return self.course if self.course_id else None

    @property
    def teacher_display(self):
        return str(self.teacher) if self.teacher_id else self.teacher_name

    def before_save(self):
        super().before_save()
        if self.teacher_id and not self.teacher_name:
            self.teacher_name = self.teacher.name

    def check_deletable(self):
        if self.attendances.exists():
            raise ValidationError(
                _(
                    "Attendance has been taken at this session; it cannot be deleted (the hours would be lost)."
                )
            )

    def after_save(self, created):
        if not created:
            # The copy of the date on attendance rows follows the session.
            Attendance.all_objects.filter(session=self).exclude(date=self.date).update(date=self.date)
            # Saved from an object loaded before its attendance changed: the count is taken again.
            _refresh(sessions=[self.pk])

    def clean(self):
        if self.course_id and self.date:
            c = self.course
            if self.date < c.starts_on or (c.ends_on and self.date > c.ends_on):
                raise ValidationError({"date": _("The session must fall within the dates of its class.")})


class Enrollment(RefreshesDerived, _AttachedToCourse):
    """A person enrolled in a class (学员). ``tier`` is the training-hour requirement that applies
    to them (乡科级 / 县处级); the cadres app supplies it from the rank when it knows the person."""

    course = models.ForeignKey(
        Course, verbose_name=_("training class"), on_delete=models.PROTECT, related_name="enrollments"
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("trainee"),
        on_delete=models.PROTECT,
        related_name="training_enrollments",
    )
    tier = models.CharField(
        _("requirement tier"),
        max_length=20,
        blank=True,
        help_text=_("Which yearly or five-yearly hour requirement applies to the trainee."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=EnrollmentStatus.choices, default=EnrollmentStatus.ENROLLED
    )
    enrolled_on = models.DateField(_("enrolled on"), null=True, blank=True)
    notes = models.CharField(_("notes"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("enrollment")
        verbose_name_plural = _("enrollments")
        ordering = ["course", "person__name_pinyin", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "person"],
                condition=models.Q(deleted_at__isnull=True),
                name="training_enrollment_unique",
                violation_error_message=_("This person is already enrolled in this class."),
            )
        ]
        indexes = [models.Index(fields=["person", "course"], name="training_enrol_person_idx")]

    def __str__(self):
        return "{} · {}".format(self.person, self.course)

    def course_of(self):
        return self.course if self.course_id else None

    def check_deletable(self):
        if self.attendances.exists():
            raise ValidationError(
                _("This trainee has attendance records; set the status to withdrawn instead of deleting.")
            )

    def clean(self):
        from orgwork.training.rules import tiers

        if self.tier and self.tier not in {t.code for t in tiers()}:
            raise ValidationError({"tier": _("Unknown requirement tier.")})

    # The stored count of the course follows every write of this row (core.models.RefreshesDerived).
    derived_of = "course"

    @classmethod
    def refresh_derived(cls, ids):
        _refresh(courses=ids)


class Attendance(RefreshesDerived, _AttachedToCourse):
    """Whether a trainee attended a session (考勤). Present credits the session's hours."""

    session = models.ForeignKey(
        Session, verbose_name=_("class session"), on_delete=models.PROTECT, related_name="attendances"
    )
    enrollment = models.ForeignKey(
        Enrollment, verbose_name=_("trainee"), on_delete=models.PROTECT, related_name="attendances"
    )
    # Copied from the enrollment so that hours per person are one indexed scan.
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+", editable=False
    )
    status = models.CharField(
        _("attendance"), max_length=10, choices=AttendanceStatus.choices, default=AttendanceStatus.PRESENT
    )
    # Copied from the session (kept in step by training.services), for per-period sums.
    date = models.DateField(_("date"), editable=False)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance records")
        ordering = ["session", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "enrollment"],
                name="training_attendance_unique",
                violation_error_message=_("Attendance of this trainee at this session is already recorded."),
            )
        ]
        indexes = [
            models.Index(fields=["person", "date"], name="training_att_person_date_idx"),
            # Counting the present per session (statistics) reads this index only.
            models.Index(fields=["session", "status"], name="training_att_session_st_idx"),
        ]

    def __str__(self):
        return "{} · {} · {}".format(
            self.enrollment.person if self.enrollment_id else "", self.session, self.get_status_display()
        )

    def course_of(self):
        return self.session.course if self.session_id else None

    def before_save(self):
        super().before_save()
        if self.enrollment_id:
            self.person_id = self.enrollment.person_id
        if self.session_id:
            self.date = self.session.date

    def clean(self):
        if self.session_id and self.enrollment_id and self.session.course_id != self.enrollment.course_id:
            raise ValidationError({"enrollment": _("The trainee is not enrolled in this session's class.")})

    # The stored count of the session follows every write of this row (core.models.RefreshesDerived).
    derived_of = "session"

    @classmethod
    def refresh_derived(cls, ids):
        _refresh(sessions=ids)


class Evaluation(_AttachedToCourse):
    """A trainee's (or an assessor's) rating of a session and its teacher, 1–5, with a comment."""

    session = models.ForeignKey(
        Session, verbose_name=_("class session"), on_delete=models.PROTECT, related_name="evaluations"
    )
    content_score = models.PositiveSmallIntegerField(
        _("content score"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    teacher_score = models.PositiveSmallIntegerField(
        _("teacher score"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.CharField(_("comment"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["session", "id"]

    def __str__(self):
        return "{} · {}/{}".format(self.session, self.content_score, self.teacher_score)

    def course_of(self):
        return self.session.course if self.session_id else None


def _refresh(*, courses=(), sessions=()):
    from orgwork.training.services import refresh_counts

    refresh_counts(courses=[c for c in courses if c], sessions=[x for x in sessions if x])
