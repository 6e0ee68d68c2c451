"""Verbs and figures of cadre training: enroll, take attendance (by roster or sign-in sheet), credit
hours, decide completion, measure hours against the requirement, and count classes and
trainee-times for a subtree. Rules live in ``training.rules``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, DecimalField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from orgwork.core.audit import snapshot
from orgwork.core.paths import STEP, subtrees_q
from orgwork.training import rules
from orgwork.training.choices import AttendanceStatus, EnrollmentStatus, TeacherKind
from orgwork.training.models import Attendance, Course, Enrollment, Session

__all__ = [
    "hours_for",
    "hours_by_year",
    "register_tier_provider",
    "tiers_for",
    "enroll_people",
    "record_attendance",
    "SignInProblem",
    "SignInResult",
    "import_sign_in_sheet",
    "CourseProgress",
    "course_progress",
    "RequirementRow",
    "requirement_rows",
    "training_statistics",
    "archive_entries",
    "refresh_counts",
    "hours_text",
]

ZERO = Decimal("0")
_HOURS = DecimalField(max_digits=9, decimal_places=1)


# --- hours ----------------------------------------------------------------------------------------


def _present(person_ids=None):
    qs = Attendance.objects.filter(status=AttendanceStatus.PRESENT, session__deleted_at__isnull=True)
    if person_ids is not None:
        qs = qs.filter(person_id__in=person_ids if isinstance(person_ids, QuerySet) else list(person_ids))
    return qs


CHUNK = 500  # ids per IN list (SQLite limits the number of parameters of a statement)


def _id_groups(person_ids):
    """``person_ids`` as filters: a queryset of ids stays one subquery; a list is cut into chunks."""
    if isinstance(person_ids, QuerySet):
        return [person_ids]
    ids = list(person_ids)
    return [ids[i : i + CHUNK] for i in range(0, len(ids), CHUNK)]


def hours_for(person_ids: Iterable[int], start: date, end: date) -> dict[int, Decimal]:
    """Training hours credited to each person for sessions held from ``start`` to ``end``
    (both included): the hours of every session they attended (present). People with none are
    given 0. This is the function the cadres app calls for its selection rules."""
    ids = [int(p) for p in person_ids]
    out = {p: ZERO for p in ids}
    for group in _id_groups(ids):
        rows = (
            _present(group)
            .filter(date__gte=start, date__lte=end)
            .values("person_id")
            .annotate(h=Sum("session__hours"))
            .order_by()
        )
        for r in rows:
            out[r["person_id"]] = r["h"] or ZERO
    return out


def hours_by_year(person_id: int) -> dict[int, Decimal]:
    """Credited hours of one person per calendar year."""
    out: dict[int, Decimal] = {}
    for d, h in _present([person_id]).values_list("date", "session__hours"):
        out[d.year] = out.get(d.year, ZERO) + h
    return dict(sorted(out.items()))


# --- requirement tiers --------------------------------------------------------------------------

# Each provider maps person ids (a list, or a queryset of ids to use as a subquery) to a tier code
# (the cadres app: from the rank). The first provider that knows a person wins; else the tier
# recorded on the person's latest enrollment.
_TIER_PROVIDERS: list[Callable[[list[int]], dict[int, str]]] = []


def register_tier_provider(fn):
    if fn not in _TIER_PROVIDERS:
        _TIER_PROVIDERS.append(fn)
    return fn


def tiers_for(person_ids) -> dict[int, str]:
    """The requirement tier of each person: from a registered provider, else from the person's
    latest enrollment that names one. ``person_ids`` may be a queryset of ids: the providers and
    the enrollments then take it whole, as a subquery (one query each for a subtree's trainees)."""
    whole = isinstance(person_ids, QuerySet)
    ids = list(person_ids)
    out: dict[int, str] = {}
    for provider in _TIER_PROVIDERS:
        for pid, code in (provider(person_ids if whole else ids) or {}).items():
            if code and pid not in out:
                out[pid] = code
    if whole:
        groups = [person_ids] if len(out) < len(ids) else []
    else:
        groups = _id_groups([p for p in ids if p not in out])
    known = set(out)
    for group in groups:
        rows = (
            Enrollment.objects.filter(person_id__in=group)
            .exclude(tier="")
            .order_by("person_id", "course__starts_on", "id")
            .values_list("person_id", "tier")
        )
        for pid, code in rows:  # later enrollments overwrite earlier ones
            if pid not in known:
                out[pid] = code
    return out


# --- stored counts -------------------------------------------------------------------------------


def refresh_counts(*, courses=None, sessions=None, course_model=None, session_model=None) -> None:
    """Take again the stored trainee-times of ``courses`` (``Course.trainee_count``: enrollments not
    withdrawn) and attendance-times of ``sessions`` (``Session.present_count``: trainees present),
    ids; ``None`` for all of them (the migration's backfill, the seeder, ``manage.py
    refresh_training_counts``). Every write of an enrollment or an attendance row calls this for its
    class or session; the rows are locked first, so two check-ins at once count each other."""
    from django.db.models import OuterRef, Subquery

    course_model = course_model or Course
    session_model = session_model or Session
    enrollment_model = course_model._meta.get_field("enrollments").related_model
    attendance_model = session_model._meta.get_field("attendances").related_model

    def count(model, fk, where):
        rows = (
            model._base_manager.filter(where, deleted_at__isnull=True, **{fk: OuterRef("pk")})
            .order_by()
            .values(fk)
            .annotate(n=Count("pk"))
            .values("n")
        )
        return Coalesce(Subquery(rows), 0)

    for model, ids, column, value in (
        (
            course_model,
            courses,
            "trainee_count",
            lambda: count(enrollment_model, "course", ~Q(status=EnrollmentStatus.WITHDRAWN)),
        ),
        (
            session_model,
            sessions,
            "present_count",
            lambda: count(attendance_model, "session", Q(status=AttendanceStatus.PRESENT)),
        ),
    ):
        if ids is None:
            model._base_manager.update(**{column: value()})
            continue
        ids = sorted(set(ids))
        if not ids:
            continue
        list(model._base_manager.select_for_update().filter(pk__in=ids).values_list("pk"))
        model._base_manager.filter(pk__in=ids).update(**{column: value()})


# --- enrollment and attendance ------------------------------------------------------------------


@transaction.atomic
def enroll_people(course: Course, people, *, actor, tier: str = "", enrolled_on: date | None = None):
    """Enroll ``people`` in ``course``; those already enrolled are left as they are. Audited.
    Returns the new enrollments."""
    have = set(Enrollment.objects.filter(course=course).values_list("person_id", flat=True))
    new = []
    for p in people:
        pid = getattr(p, "pk", p)
        if pid in have:
            continue
        have.add(pid)
        e = Enrollment(
            course=course,
            person_id=pid,
            tier=tier,
            enrolled_on=enrolled_on or timezone.localdate(),
            org_id=course.org_id,
            org_path=course.org_path,
        )
        e.full_clean(validate_unique=False, validate_constraints=False)
        new.append(e)
    from orgwork.core.services import bulk_write

    bulk_write(Enrollment, created=new, actor=actor, note=_("enrolled in {}").format(course)[:200])
    refresh_counts(courses=[course.pk])
    return new


@transaction.atomic
def record_attendance(session: Session, statuses: dict[int, str], *, actor, source: str = "roster"):
    """Set the attendance of trainees (enrollment id → status) at ``session``: new rows are
    created, changed ones updated (version bumped), unchanged ones left alone. Every change is
    audited. Withdrawn trainees and trainees of other classes are refused."""
    valid = {c for c, _label in AttendanceStatus.choices}
    enrollments = {
        e.pk: e
        for e in Enrollment.objects.filter(
            course_id=session.course_id, pk__in=list(statuses), status=EnrollmentStatus.ENROLLED
        )
    }
    unknown = [k for k in statuses if k not in enrollments]
    if unknown or any(v not in valid for v in statuses.values()):
        raise ValueError(
            _("Attendance names a trainee who is not enrolled in this class, or an unknown status.")
        )
    existing = {
        a.enrollment_id: a
        for a in Attendance.objects.filter(session=session, enrollment_id__in=list(statuses))
    }
    now = timezone.now()
    created, changed = [], []
    for eid, status in statuses.items():
        a = existing.get(eid)
        if a is None:
            created.append(
                Attendance(
                    session=session,
                    enrollment_id=eid,
                    person_id=enrollments[eid].person_id,
                    status=status,
                    date=session.date,
                    org_id=session.org_id,
                    org_path=session.org_path,
                    checked_in_at=now if status == AttendanceStatus.PRESENT else None,
                )
            )
        elif a.status != status:
            before = snapshot(a)
            a.status = status
            a.checked_in_at = now if status == AttendanceStatus.PRESENT else None
            changed.append((a, before))
    from orgwork.core.services import bulk_write

    bulk_write(
        Attendance,
        created=created,
        changed=changed,
        actor=actor,
        note=_("attendance of {} ({})").format(session, source)[:200],
    )
    refresh_counts(sessions=[session.pk])
    return created, [a for a, _b in changed]


@dataclass
class SignInProblem:
    row: int
    field: str
    reason: str

    def __str__(self):
        return _("Row {row} {field}: {reason}").format(row=self.row, field=self.field, reason=self.reason)


@dataclass
class SignInResult:
    rows: int = 0
    problems: list[SignInProblem] = field(default_factory=list)
    created: int = 0
    changed: int = 0
    committed: bool = False


# Header names of a sign-in sheet (签到表) as people write them.
NAME_HEADERS = ("姓名", "学员姓名", "学员")
ID_HEADERS = ("身份证号", "公民身份号码", "身份证号码", "身份证")
STATUS_HEADERS = ("签到", "签到情况", "出勤", "出勤情况", "考勤", "状态", "是否签到")
STATUS_VALUES = {
    "√": AttendanceStatus.PRESENT,
    "✓": AttendanceStatus.PRESENT,
    "是": AttendanceStatus.PRESENT,
    "已签到": AttendanceStatus.PRESENT,
    "签到": AttendanceStatus.PRESENT,
    "出勤": AttendanceStatus.PRESENT,
    "到": AttendanceStatus.PRESENT,
    "参加": AttendanceStatus.PRESENT,
    "1": AttendanceStatus.PRESENT,
    "请假": AttendanceStatus.LEAVE,
    "假": AttendanceStatus.LEAVE,
    "缺勤": AttendanceStatus.ABSENT,
    "缺席": AttendanceStatus.ABSENT,
    "否": AttendanceStatus.ABSENT,
    "未到": AttendanceStatus.ABSENT,
    "×": AttendanceStatus.ABSENT,
    "0": AttendanceStatus.ABSENT,
}


def _cell(cells, i) -> str:
    if i is None or i >= len(cells) or cells[i] is None:
        return ""
    value = cells[i]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _find(headers, names):
    clean = [str(h or "").strip().replace(" ", "") for h in headers]
    for n in names:
        if n in clean:
            return clean.index(n)
    return None


def import_sign_in_sheet(
    session: Session, path, filename: str, *, actor, commit: bool = True
) -> SignInResult:
    """Read a sign-in sheet (xlsx or csv: 姓名 and/or 身份证号, and 签到) for ``session``. Each
    row must name one enrolled trainee (by ID number, or by a name that is unique in the class);
    the 签到 cell says present (√, 是, 已签到 …), on leave (请假) or absent (缺勤, blank).
    All or nothing: any problem and nothing is written."""
    from orgwork.core.imports.readers import ReadError, open_sheet

    result = SignInResult()
    try:
        sheet = open_sheet(path, filename)
    except ReadError as exc:
        result.problems.append(SignInProblem(0, _("file"), str(exc)))
        return result
    try:
        name_i, id_i = _find(sheet.headers, NAME_HEADERS), _find(sheet.headers, ID_HEADERS)
        status_i = _find(sheet.headers, STATUS_HEADERS)
        if (name_i is None and id_i is None) or status_i is None:
            result.problems.append(
                SignInProblem(
                    sheet.header_row,
                    _("header"),
                    _("The sheet needs a 姓名 or 身份证号 column and a 签到 column."),
                )
            )
            return result
        enrolled = list(
            Enrollment.objects.filter(
                course_id=session.course_id, status=EnrollmentStatus.ENROLLED
            ).values_list("pk", "person__name", "person__id_number")
        )
        by_id = {(n or "").upper(): pk for pk, _name, n in enrolled if n}
        by_name: dict[str, list[int]] = {}
        for pk, name, _n in enrolled:
            by_name.setdefault(name, []).append(pk)
        statuses: dict[int, str] = {}
        seen_at: dict[int, int] = {}
        for number, cells in sheet.rows:
            result.rows += 1

            name, idn, raw = _cell(cells, name_i), _cell(cells, id_i).upper(), _cell(cells, status_i)
            if idn:
                eid = by_id.get(idn)
                if eid is None:
                    result.problems.append(
                        SignInProblem(
                            number, "身份证号", _("nobody with this ID number is enrolled in the class")
                        )
                    )
                    continue
            else:
                found = by_name.get(name, [])
                if not name:
                    result.problems.append(
                        SignInProblem(number, "姓名", _("neither name nor ID number given"))
                    )
                    continue
                if len(found) != 1:
                    reason = (
                        _("nobody of this name is enrolled in the class")
                        if not found
                        else _("several trainees have this name; give the ID number")
                    )
                    result.problems.append(SignInProblem(number, "姓名", reason))
                    continue
                eid = found[0]
            status = STATUS_VALUES.get(raw.replace(" ", ""), AttendanceStatus.ABSENT if not raw else None)
            if status is None:
                result.problems.append(
                    SignInProblem(
                        number,
                        "签到",
                        _("“{}” is not understood; write √, 请假 or leave it blank").format(raw),
                    )
                )
                continue
            if eid in seen_at:
                result.problems.append(
                    SignInProblem(
                        number, "姓名", _("the same trainee is already on row {}").format(seen_at[eid])
                    )
                )
                continue
            seen_at[eid] = number
            statuses[eid] = status
    finally:
        if callable(sheet.close):
            sheet.close()
    if result.problems or not commit:
        return result
    created, changed = record_attendance(session, statuses, actor=actor, source=_("sign-in sheet"))
    result.created, result.changed, result.committed = len(created), len(changed), True
    return result


# --- completion ---------------------------------------------------------------------------------


@dataclass
class CourseProgress:
    enrollment: Enrollment
    attended: Decimal
    leave: Decimal
    total: Decimal
    completed: bool
    leave_exceeded: bool

    @property
    def share(self):
        return float(self.attended / self.total) if self.total else None


def course_progress(course: Course, enrollments=None) -> list[CourseProgress]:
    """Each trainee's attended and leave hours against the class's scheduled hours, and whether
    they completed it (``rules.is_completed``: the class's rate, leave within 1/7)."""
    total = Session.objects.filter(course=course).aggregate(h=Sum("hours"))["h"] or ZERO
    qs = enrollments if enrollments is not None else Enrollment.objects.filter(course=course)
    qs = qs.select_related("person").annotate(
        attended=Coalesce(
            Sum(
                "attendances__session__hours",
                filter=Q(
                    attendances__status=AttendanceStatus.PRESENT,
                    attendances__deleted_at__isnull=True,
                    attendances__session__deleted_at__isnull=True,
                ),
            ),
            Value(ZERO),
            output_field=_HOURS,
        ),
        leave=Coalesce(
            Sum(
                "attendances__session__hours",
                filter=Q(
                    attendances__status=AttendanceStatus.LEAVE,
                    attendances__deleted_at__isnull=True,
                    attendances__session__deleted_at__isnull=True,
                ),
            ),
            Value(ZERO),
            output_field=_HOURS,
        ),
    )
    out = []
    for e in qs:
        withdrawn = e.status == EnrollmentStatus.WITHDRAWN
        out.append(
            CourseProgress(
                enrollment=e,
                attended=e.attended,
                leave=e.leave,
                total=total,
                completed=not withdrawn
                and rules.is_completed(e.attended, total, e.leave, course.completion_rate),
                leave_exceeded=rules.leave_exceeded(e.leave, total),
            )
        )
    return out


# --- hours against the requirement -------------------------------------------------------------


@dataclass
class RequirementRow:
    person_id: int
    name: str
    tier: rules.Tier | None
    first_year: int
    last_year: int
    required: Decimal | None
    done: Decimal

    @property
    def shortfall(self) -> Decimal:
        if self.required is None:
            return ZERO
        return max(ZERO, self.required - self.done)

    @property
    def behind(self) -> bool:
        return self.required is not None and self.done < self.required

    @property
    def share(self):
        return float(self.done / self.required) if self.required else None


def requirement_rows(person_ids, year: int) -> list[RequirementRow]:
    """Hours of each person against the requirement of their tier for ``year``: the year itself
    (乡科级, 90) or the five years ending with it (县处级, 550). A person whose tier is unknown
    gets no requirement (shown, never counted as behind). ``person_ids`` may be a queryset of
    ids (a whole subtree's trainees: then every query takes it as a subquery)."""
    from orgwork.people.models import Person

    ids = list(person_ids)
    groups = _id_groups(person_ids)
    codes = tiers_for(person_ids)
    known = {t.code: t for t in rules.tiers()}
    longest = max((t.years for t in known.values()), default=1)
    start = date(year - longest + 1, 1, 1)
    per_year: dict[int, dict[int, Decimal]] = {}
    names: dict[int, str] = {}
    for group in groups:
        rows = (
            _present(group)
            .filter(date__gte=start, date__lte=date(year, 12, 31))
            .values_list("person_id", "date__year")
            .annotate(h=Sum("session__hours"))
            .order_by()
        )
        for pid, y, h in rows:
            per_year.setdefault(pid, {})[y] = h or ZERO
        names.update(Person.all_objects.filter(pk__in=group).values_list("pk", "name"))
    out = []
    for pid in ids:
        tier = known.get(codes.get(pid, ""))
        first, last = rules.requirement_window(tier, year) if tier else (year, year)
        done = sum((h for y, h in per_year.get(pid, {}).items() if first <= y <= last), ZERO)
        out.append(
            RequirementRow(
                person_id=pid,
                name=names.get(pid, ""),
                tier=tier,
                first_year=first,
                last_year=last,
                required=tier.hours if tier else None,
                done=done,
            )
        )
    return out


# --- statistics ---------------------------------------------------------------------------------


def training_statistics(
    prefixes: list[str], start: date, end: date, *, group_prefix: str | None = None
) -> dict:
    """Classes held (classes starting in the period), sessions, trainee-times (培训人次: enrollments
    in those classes, withdrawn ones left out), attendance-times and credited hours (sessions in
    the period), in the subtrees ``prefixes``; broken down by month, by kind, and — when
    ``group_prefix`` is given — by the org directly under it (its own classes on a row of their own).

    The classes and sessions of a subtree and period are few (hundreds at city scale); their
    enrollments and attendance are many. So the many rows are counted per class and per session
    when they are written (``refresh_counts``), and every breakdown is summed from those counts."""
    where = subtrees_q(prefixes, "org_path")
    # The counts are stored on each class and session (refresh_counts): the hundreds of thousands
    # of enrollment and attendance rows are not counted again for every view.
    rows = list(
        Course.objects.filter(where, starts_on__gte=start, starts_on__lte=end)
        .order_by()
        .values_list("pk", "kind", "starts_on", "org_path", "trainee_count")
    )
    courses = {cid: (kind, starts_on, path) for cid, kind, starts_on, path, _n in rows}
    per_course = {cid: n for cid, _k, _s, _p, n in rows if n}
    enrol = Enrollment.objects.filter(course_id__in=list(courses)).exclude(status=EnrollmentStatus.WITHDRAWN)
    rows = list(
        Session.objects.filter(where, date__gte=start, date__lte=end, course__deleted_at__isnull=True)
        .order_by()
        .values_list("pk", "hours", "org_path", "teacher_kind", "present_count")
    )
    sessions = {sid: (hours, path, leader) for sid, hours, path, leader, _n in rows}
    per_session = {sid: n for sid, _h, _p, _k, n in rows if n}
    totals = {
        "classes": len(courses),
        "trainee_times": sum(per_course.values()),
        "people": enrol.values("person_id").distinct().count() if per_course else 0,
        "sessions": len(sessions),
        "scheduled_hours": sum((h for h, _p, _k in sessions.values()), ZERO),
        "leader_sessions": sum(1 for _h, _p, k in sessions.values() if k == TeacherKind.LEADER),
        "attendance_times": sum(per_session.values()),
        "credited_hours": sum((sessions[sid][0] * n for sid, n in per_session.items()), ZERO),
    }
    by_kind: dict[str, dict] = {}
    months: dict[str, dict] = {}
    for cid, (kind, starts_on, _path) in courses.items():
        for bucket in (
            by_kind.setdefault(kind, {"classes": 0, "trainee_times": 0}),
            months.setdefault(starts_on.strftime("%Y-%m"), {"classes": 0, "trainee_times": 0}),
        ):
            bucket["classes"] += 1
            bucket["trainee_times"] += per_course.get(cid, 0)
    result = {
        "start": start,
        "end": end,
        "totals": totals,
        "by_kind": by_kind,
        "by_month": dict(sorted(months.items())),
        "by_org": None,
    }
    if group_prefix is not None:
        n = len(group_prefix) + STEP
        groups: dict[str, dict] = {}

        def group(path):
            if not path.startswith(group_prefix):
                return None
            return groups.setdefault(path[:n], {"classes": 0, "trainee_times": 0, "attendance_times": 0})

        for cid, (_kind, _starts, path) in courses.items():
            g = group(path)
            if g is not None:
                g["classes"] += 1
                g["trainee_times"] += per_course.get(cid, 0)
        for sid, cnt in per_session.items():
            g = group(sessions[sid][1])
            if g is not None:
                g["attendance_times"] += cnt
        result["by_org"] = groups
    return result


# --- the growth archive (cadres app) -------------------------------------------------------------


def hours_text(h) -> str:
    """Hours as shown: one decimal."""
    return format(Decimal(h or 0).quantize(Decimal("0.1")), "f")


def archive_entries(person_ids: Iterable[int]) -> list[dict]:
    """Dated entries for a cadre's growth archive (成长纪实档案): one per class a person attended,
    with the hours credited. ``{"person_id", "date", "kind", "title", "detail", "url"}``."""
    rows = (
        _present(person_ids)
        .values("person_id", "session__course_id", "session__course__name", "session__course__starts_on")
        .annotate(h=Sum("session__hours"), n=Count("id"))
        .order_by("person_id", "session__course__starts_on")
    )
    from django.urls import reverse

    return [
        {
            "person_id": r["person_id"],
            "date": r["session__course__starts_on"],
            "kind": "training",
            "title": r["session__course__name"],
            "detail": _("{hours} hours in {n} sessions").format(hours=hours_text(r["h"]), n=r["n"]),
            "url": reverse("training:course_detail", args=[r["session__course_id"]]),
        }
        for r in rows
    ]


def enrolled_population(prefixes: list[str]):
    """Ids of the people enrolled in a class in the subtrees (the people whose hours an organizer follows)."""
    return (
        Enrollment.objects.filter(subtrees_q(prefixes, "org_path"))
        .order_by()
        .values_list("person_id", flat=True)
        .distinct()
    )


__all__ += ["enrolled_population", "NAME_HEADERS", "ID_HEADERS", "STATUS_HEADERS", "STATUS_VALUES"]
