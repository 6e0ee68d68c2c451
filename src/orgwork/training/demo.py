"""Demo data of cadre training, in the proportions of seed 002 (市本级 760 classes, 240,000
trainee-times in ten years) and seed 003 (a district's weekly 夜校 series, leading cadres and
experts teaching): at ``city`` scale about 800 classes with about 240,000 trainee-times over the last
three years, at ``small`` a few dozen. Written with ``demo.writer.RowWriter`` (COPY on PostgreSQL);
deterministic for the seed."""

from __future__ import annotations

import bisect
from datetime import date, timedelta
from decimal import Decimal

from django.core.management.color import no_style
from django.db import connection

__all__ = ["seed_training", "TOPICS"]

TOPICS = (
    "习近平新时代中国特色社会主义思想",
    "党的二十大精神",
    "党史学习教育",
    "制造业当家",
    "招商引资实务",
    "财政预算改革",
    "采购业务分析",
    "基层治理现代化",
    "乡村振兴战略",
    "数字政府建设",
    "安全生产与应急管理",
    "信访工作法治化",
    "廉洁从政警示教育",
    "营商环境优化",
    "城市更新与规划",
    "生态环境保护",
    "统战工作实务",
    "舆情应对与媒体沟通",
    "群众工作方法",
    "高质量发展案例",
)
TEACHER_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
EXPERT_TITLES = ("教授", "研究员", "副教授", "高级讲师", "老师")

# kind: (share, sessions range, hours per session)
KINDS = {
    "class": (0.45, (3, 6), Decimal("4.0")),
    "night_school": (0.25, (6, 10), Decimal("2.5")),
    "lecture": (0.15, (1, 1), Decimal("3.0")),
    "online": (0.10, (4, 6), Decimal("2.0")),
    "field": (0.05, (2, 2), Decimal("4.0")),
}

COURSE_FIELDS = (
    "id",
    "org_id",
    "org_path",
    "name",
    "kind",
    "series",
    "starts_on",
    "ends_on",
    "place",
    "completion_rate",
)
SESSION_FIELDS = (
    "id",
    "org_id",
    "org_path",
    "course_id",
    "date",
    "topic",
    "place",
    "teacher_id",
    "teacher_name",
    "teacher_kind",
    "hours",
)
ENROLL_FIELDS = ("id", "org_id", "org_path", "course_id", "person_id", "tier", "status", "enrolled_on")
ATT_FIELDS = ("org_id", "org_path", "session_id", "enrollment_id", "person_id", "status", "date")
EVAL_FIELDS = ("org_id", "org_path", "session_id", "content_score", "teacher_score", "comment")


def _next_id(model) -> int:
    from django.db.models import Max

    return (model.all_objects.aggregate(m=Max("id"))["m"] or 0) + 1


def seed_training(ctx) -> dict:
    from orgwork.demo.writer import RowWriter
    from orgwork.orgs.models import Org
    from orgwork.people.models import Affiliation
    from orgwork.training.models import Attendance, Course, Enrollment, Evaluation, Session

    rng = ctx.rng("training")
    city = ctx.scale.name == "city"
    n_courses = 800 if city else 40
    mean_trainees = 300 if city else 40
    today = ctx.today
    first_day = date(today.year - 2, 1, 1)
    span = (today - first_day).days

    organizers = list(
        Org.objects.filter(kind="committee", level__in=["city", "district", "town"])
        .order_by("path")
        .values_list("id", "path", "level", "name", "short_name")
    )
    if not organizers:
        return {}
    people = sorted(Affiliation.objects.values_list("org_path", "person_id"))
    paths = [p for p, _pid in people]
    by_level = {lv: [o for o in organizers if o[2] == lv] for lv in ("city", "district", "town")}
    level_share = (("city", 0.15), ("district", 0.45), ("town", 0.40))

    def subtree_people(path):
        lo = bisect.bisect_left(paths, path)
        hi = bisect.bisect_left(paths, path + "~")
        return lo, hi

    courses = RowWriter(Course, COURSE_FIELDS, now=ctx.now)
    sessions = RowWriter(Session, SESSION_FIELDS, now=ctx.now)
    enrolls = RowWriter(Enrollment, ENROLL_FIELDS, now=ctx.now)
    atts = RowWriter(Attendance, ATT_FIELDS, now=ctx.now, chunk=50000)
    evals = RowWriter(Evaluation, EVAL_FIELDS, now=ctx.now)
    course_id, session_id, enroll_id = _next_id(Course), _next_id(Session), _next_id(Enrollment)
    kinds = list(KINDS)
    kind_weights = [KINDS[k][0] for k in kinds]
    series_no: dict[str, int] = {}

    for _i in range(n_courses):
        r, level = rng.random(), "town"
        acc = 0.0
        for lv, share in level_share:
            acc += share
            if r < acc and by_level[lv]:
                level = lv
                break
        pool = by_level[level] or organizers
        org_id, path, _lv, name, short = rng.choice(pool)
        lo, hi = subtree_people(path)
        if hi - lo < 5:
            continue
        kind = rng.choices(kinds, kind_weights)[0]
        _share, (s_lo, s_hi), hours = KINDS[kind]
        n_sessions = rng.randint(s_lo, s_hi)
        starts = first_day + timedelta(days=rng.randrange(span + 45))  # a few start after today
        step = 7 if kind == "night_school" else 1
        ends = starts + timedelta(days=step * (n_sessions - 1))
        place_name = (short or name).replace("党委", "").replace("党工委", "")
        topic = rng.choice(TOPICS)
        series = ""
        if kind == "night_school":
            series = "{}夜校".format(place_name)
            series_no[series] = series_no.get(series, 0) + 1
            cname = "{}第{}期（{}专题）".format(series, series_no[series], topic)
        elif kind == "lecture":
            cname = "{}{}专题讲座".format(place_name, topic)
        elif kind == "field":
            cname = "{}{}现场教学".format(place_name, topic)
        elif kind == "online":
            cname = "{}{}年{}网络专题班".format(place_name, starts.year, topic)
        else:
            cname = rng.choice(("{}{}年青年干部培训班", "{}{}年{}专题培训班", "{}{}年科级干部进修班")).format(
                place_name, starts.year, topic
            )
        place = "{}党校".format(place_name) if kind != "online" else "网络学院"
        cid = course_id
        course_id += 1
        courses.add((cid, org_id, path, cname[:200], kind, series, starts, ends, place, Decimal("0.80")))
        # Trainees from the organizer's subtree.
        want = (
            max(5, int(rng.expovariate(1 / mean_trainees)))
            if kind != "lecture"
            else rng.randint(30, 2 * mean_trainees)
        )
        want = min(want, hi - lo, 1200 if city else 150)
        chosen = set()
        # Bounded: a person may appear more than once in the range (several affiliations), so the
        # range can hold fewer distinct people than ``want``.
        for _attempt in range(want * 20):
            if len(chosen) >= want:
                break
            chosen.add(people[rng.randrange(lo, hi)][1])
        county_share = 0.25 if level in ("city", "district") else 0.05
        enrol_ids = []
        for pid in sorted(chosen):
            eid = enroll_id
            enroll_id += 1
            tier = "county" if rng.random() < county_share else ("township" if rng.random() < 0.95 else "")
            status = "withdrawn" if rng.random() < 0.01 else "enrolled"
            enrolls.add(
                (eid, org_id, path, cid, pid, tier, status, starts - timedelta(days=rng.randint(3, 20)))
            )
            enrol_ids.append((eid, pid))
        for k in range(n_sessions):
            sid = session_id
            session_id += 1
            day = starts + timedelta(days=step * k)
            leader = rng.random() < 0.3
            teacher_id, teacher_name, teacher_kind = None, "", "party_school"
            if leader:
                teacher_id = people[rng.randrange(lo, hi)][1]
                teacher_kind = "leader"
            else:
                teacher_kind = rng.choice(("party_school", "expert", "expert", "other"))
                teacher_name = rng.choice(TEACHER_SURNAMES) + rng.choice(EXPERT_TITLES)
            s_topic = topic if k == 0 else rng.choice(TOPICS)
            sessions.add(
                (sid, org_id, path, cid, day, s_topic, place, teacher_id, teacher_name, teacher_kind, hours)
            )
            if day > today:
                continue
            for eid, pid in enrol_ids:
                x = rng.random()
                if x < 0.03:
                    continue  # not marked
                status = "present" if x < 0.93 else ("leave" if x < 0.97 else "absent")
                atts.add((org_id, path, sid, eid, pid, status, day))
            if rng.random() < 0.3:
                for _e in range(rng.randint(5, 20)):
                    evals.add(
                        (org_id, path, sid, rng.choice((3, 4, 4, 5, 5, 5)), rng.choice((3, 4, 5, 5, 5)), "")
                    )
    for w in (courses, sessions, enrolls, atts, evals):
        w.flush()
    # Explicit ids were written: move PostgreSQL's sequences past them.
    sql = connection.ops.sequence_reset_sql(no_style(), [Course, Session, Enrollment])
    if sql:
        with connection.cursor() as cur:
            for stmt in sql:
                cur.execute(stmt)
    # The stored counts of each class and session (training.services.refresh_counts).
    from orgwork.training.services import refresh_counts

    refresh_counts()
    ctx.analyze.extend([Course, Session, Enrollment, Attendance, Evaluation])
    return {
        "courses": courses.count,
        "sessions": sessions.count,
        "enrollments": enrolls.count,
        "attendance": atts.count,
        "evaluations": evals.count,
    }
