"""Demo cadres for ``seed_demo``: about 60,000 cadres with their history at ``city`` scale (posts,
education, appraisals, rewards, family, reserve entries, evaluations, assignments, contests), a
proportionate few hundred at ``small``; the 1333 targets of seed 001, seed 003's batch of 20 young
cadres on a six-month rotation, and one 正科 vacancy per district. Deterministic (``ctx.rng``)."""

import json
from collections import defaultdict
from datetime import date, timedelta

from django.core.management.color import no_style
from django.db import connection

from orgwork.cadres import rules
from orgwork.cadres.choices import LEADING_BY_LEVEL, AssignmentKind, Rank, Track
from orgwork.cadres.models import (
    CADRE_RECORD_MODELS,
    Appointment,
    Appraisal,
    ArchiveNote,
    Assignment,
    AssignmentBatch,
    Cadre,
    CadrePost,
    CohortTarget,
    ContestResult,
    Education,
    Evaluation,
    FamilyMember,
    ReserveEntry,
    RewardSanction,
    Vacancy,
)
from orgwork.demo.writer import RowWriter

__all__ = ["seed_cadres", "CADRES_PER_PERSON"]

# 60,000 cadres for 700,000 people at city scale.
CADRES_PER_PERSON = 60_000 / 700_000
# Chance that a working-age person registered in an org of this sector is drawn as a cadre.
SECTOR_WEIGHT = {
    "organ": 1.0,
    "institution": 0.6,
    "community": 0.5,
    "village": 0.35,
    "soe": 0.3,
    "school": 0.15,
    "hospital": 0.1,
}
TITLES = {
    2: ("科员", "科员", "办事员"),
    3: ("副科长", "副主任", "党委委员"),
    4: ("科长", "主任", "党委副书记"),
    5: ("副局长", "副镇长", "副主任"),
    6: ("局长", "镇长", "主任"),
}
TRACK_HINTS = [
    ("组织部 宣传部 统战部 纪委 党校 工会 团委 妇联 党委 档案", Track.PARTY_MASS),
    ("发展 财政 商务 统计 工业 农业 审计 市场 税务 国资", Track.ECONOMY),
    ("住房 自然资源 交通 水务 城市 生态 不动产 公路", Track.URBAN),
    ("公安 司法 法院 检察 信访 应急 政法", Track.LEGAL),
]


def _track_of(name, rng):
    for words, track in TRACK_HINTS:
        if any(w in name for w in words.split()):
            return track
    return Track.SOCIAL if rng.random() < 0.6 else rng.choice(Track.values)


def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    return date(d.year + y, m + 1, min(d.day, 28))


def seed_cadres(ctx) -> dict:
    rng = ctx.rng("cadres")
    today = ctx.today
    now = ctx.now
    with connection.cursor() as cur:
        cur.execute(
            "SELECT o.id, o.path, o.name, o.level, o.sector, o.kind FROM orgs_org o WHERE o.deleted_at IS NULL ORDER BY o.path"
        )
        orgs = cur.fetchall()
        youngest = date(today.year - 23, today.month, 1)
        oldest = date(today.year - 59, today.month, 1)
        cur.execute(
            "SELECT p.id, p.birth_date, p.sex, p.education, p.political_status, p.registered_org_id "
            "FROM people_person p WHERE p.deleted_at IS NULL AND p.birth_date BETWEEN %s AND %s ORDER BY p.id",
            [oldest, youngest],
        )
        people = cur.fetchall()
        cur.execute("SELECT COUNT(*) FROM people_person")
        total_people = cur.fetchone()[0]
        cur.execute("SELECT COALESCE(MAX(id), 0) FROM cadres_cadre")
        first_cadre = cur.fetchone()[0] + 1
    org_by_id = {o[0]: o for o in orgs}
    by_district = defaultdict(list)
    district_roots = [o for o in orgs if o[3] == "district"]
    for o in orgs:
        if o[3] in ("district", "town") or o[4] in ("organ", "institution"):
            by_district[o[1][:8]].append(o)
    target = max(20, round(total_people * CADRES_PER_PERSON))
    pool = []
    for pid, birth, sex, edu, status, org_id in people:
        o = org_by_id.get(org_id)
        if o is None:
            continue
        w = SECTOR_WEIGHT.get(o[4], 0.0)
        if o[3] in ("town", "district", "city"):
            w = max(w, 0.8)
        if w and rng.random() < w:
            pool.append((pid, birth, sex, edu, status, o))
    rng.shuffle(pool)
    pool = sorted(pool[:target], key=lambda r: r[0])

    w_cadre = RowWriter(
        Cadre,
        (
            "id",
            "person_id",
            "org_id",
            "org_path",
            "title",
            "rank",
            "rank_since",
            "track",
            "selected_graduate",
            "management",
            "work_started_on",
            "party_joined_on",
            "health",
        ),
        now=now,
    )
    w_post = RowWriter(
        CadrePost,
        ("cadre_id", "org_id", "org_path", "title", "rank", "started_on", "ended_on", "grassroots"),
        now=now,
    )
    w_edu = RowWriter(
        Education,
        (
            "cadre_id",
            "org_id",
            "org_path",
            "kind",
            "education",
            "degree",
            "school",
            "started_on",
            "graduated_on",
        ),
        now=now,
    )
    w_app = RowWriter(Appraisal, ("cadre_id", "org_id", "org_path", "year", "grade"), now=now)
    w_rew = RowWriter(
        RewardSanction, ("cadre_id", "org_id", "org_path", "code", "name", "approved_on", "approver"), now=now
    )
    w_fam = RowWriter(
        FamilyMember,
        (
            "cadre_id",
            "org_id",
            "org_path",
            "relation",
            "name",
            "birth_date",
            "political_status",
            "work",
            "position",
        ),
        now=now,
    )
    w_res = RowWriter(
        ReserveEntry,
        ("cadre_id", "org_id", "org_path", "track", "target_rank", "category", "entered_on"),
        now=now,
    )
    w_eval = RowWriter(
        Evaluation,
        ("cadre_id", "org_id", "org_path", "period", "assessor", "evaluated_on", "scores", "total"),
        now=now,
    )
    w_asg = RowWriter(
        Assignment,
        (
            "cadre_id",
            "kind",
            "org_id",
            "org_path",
            "post",
            "batch_id",
            "starts_on",
            "ends_on",
            "supervisor",
            "outcome",
        ),
        now=now,
    )
    w_con = RowWriter(
        ContestResult,
        ("org_id", "org_path", "contest", "held_on", "cadre_id", "score", "placing", "award"),
        now=now,
    )
    dims = rules.dimensions()
    weight_sum = sum(d.weight for d in dims)
    schools = (
        "苏州大学",
        "南京大学",
        "东南大学",
        "江南大学",
        "中山大学",
        "暨南大学",
        "华南师范大学",
        "南京师范大学",
        "江苏大学",
        "五邑大学",
    )
    majors = (
        "汉语言文学",
        "法学",
        "经济学",
        "行政管理",
        "计算机科学与技术",
        "土木工程",
        "会计学",
        "思想政治教育",
        "公共管理",
        "农学",
    )
    surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
    given = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文"
    young_by_district = defaultdict(list)
    cadre_rows = []
    for i, (pid, birth, sex, edu, status, o) in enumerate(pool):
        cid = first_cadre + i
        org_id, path, org_name, _level, _sector = o[0], o[1], o[2], o[3], o[4]
        age = (today - birth).days / 365.25
        work_start = _add_months(date(birth.year + 22, 7, 1), rng.randint(0, 30))
        if work_start >= today:
            work_start = today - timedelta(days=200)
        # Highest rung reached: by years of work, capped by a draw (a pyramid).
        years = (today - work_start).days / 365.25
        cap = rng.choices((2, 3, 4, 5, 6), weights=(38, 30, 20, 9, 3))[0]
        rung_plan = []
        d = work_start
        rung = 2
        while d < today:
            stay = rng.uniform(2.0, 6.0) if rung < cap else 99
            rung_plan.append((rung, d))
            d = _add_months(d, int(stay * 12))
            rung += 1
            if rung > cap:
                break
        district_orgs = by_district.get(path[:8]) or [o]
        posts = []
        for n, (rung, start) in enumerate(rung_plan):
            end = rung_plan[n + 1][1] if n + 1 < len(rung_plan) else None
            # One or two posts on this rung (a transfer halfway).
            spans = [(start, end)]
            if end and (end - start).days > 900 and rng.random() < 0.5:
                mid = start + (end - start) / 2
                spans = [(start, mid), (mid, end)]
            elif not end and (today - start).days > 900 and rng.random() < 0.4:
                mid = start + (today - start) / 2
                spans = [(start, mid), (mid, None)]
            for s, e in spans:
                last = e is None
                po = o if last else rng.choice(district_orgs)
                grass = po[3] in ("town", "village", "community") or (rung <= 3 and rng.random() < 0.25)
                rank = LEADING_BY_LEVEL.get(rung, Rank.STAFF) if rung >= 3 else Rank.STAFF
                if rung >= 3 and rng.random() < 0.12:
                    rank = {
                        3: Rank.GRADE_PRINCIPAL_4,
                        4: Rank.GRADE_PRINCIPAL_2,
                        5: Rank.GRADE_RESEARCHER_4,
                        6: Rank.GRADE_RESEARCHER_2,
                    }[rung]
                title = rng.choice(TITLES[rung])
                posts.append((po, title, rank, s, (e - timedelta(days=1)) if e else None, grass))
        current = posts[-1]
        rank, rank_since = current[2], rung_plan[-1][1]
        track = _track_of(org_name, rng)
        selected = age < 35 and rng.random() < 0.08
        party = None
        if status in ("01", "02") or rng.random() < 0.7:
            party = _add_months(work_start, -rng.randint(0, 36))
        w_cadre.add(
            (
                cid,
                pid,
                org_id,
                path,
                "{}{}".format(org_name, current[1])[:324],
                rank,
                rank_since,
                track,
                selected,
                "04" if rung_plan[-1][0] >= 4 else "09",
                work_start,
                party,
                "健康",
            )
        )
        cadre_rows.append((cid, birth, rung_plan[-1][0], track, org_id, path))
        for po, title, prank, s, e, grass in posts:
            w_post.add((cid, po[0], po[1], title, prank, s, e, grass))
        code = edu if edu and rules.education_rank(edu) >= 2 else rng.choice(("21", "21", "21", "31", "11"))
        degree = "4" if code == "21" else "3" if code.startswith("1") else ""
        grad = date(work_start.year, 6, 30)
        w_edu.add(
            (
                cid,
                org_id,
                path,
                "1",
                code,
                degree,
                rng.choice(schools) + rng.choice(majors) + "专业",
                date(grad.year - 4, 9, 1),
                grad,
            )
        )
        if rng.random() < 0.2:
            g2 = min(today, date(grad.year + rng.randint(3, 10), 1, 15))
            w_edu.add(
                (
                    cid,
                    org_id,
                    path,
                    "2",
                    "11" if code == "21" else "21",
                    "3" if code == "21" else "4",
                    "中共江苏省委党校" + rng.choice(majors) + "专业",
                    date(g2.year - 3, 3, 1),
                    g2,
                )
            )
        for year in range(max(work_start.year + 1, today.year - 5), today.year):
            r = rng.random()
            grade = "1" if r < 0.15 else "2" if r < 0.98 else "3" if r < 0.995 else "4"
            w_app.add((cid, org_id, path, year, grade))
        r = rng.random()
        if r < 0.22:
            d = _add_months(work_start, rng.randint(12, max(13, int(years * 12))))
            if d < today:
                w_rew.add((cid, org_id, path, "01115", "年度考核优秀嘉奖", d, "区人力资源和社会保障局"))
        if r > 0.97:
            d = _add_months(work_start, rng.randint(12, max(13, int(years * 12))))
            if d < today:
                w_rew.add((cid, org_id, path, "01114", "记三等功", d, "区委 区政府"))
        if rng.random() < 0.004:
            w_rew.add(
                (
                    cid,
                    org_id,
                    path,
                    "02110",
                    "警告处分",
                    today - timedelta(days=rng.randint(30, 2000)),
                    "区纪委监委",
                )
            )
        pos = 0
        if age > 27 and rng.random() < 0.85:
            w_fam.add(
                (
                    cid,
                    org_id,
                    path,
                    "12" if sex == "M" else "11",
                    rng.choice(surnames) + rng.choice(given) + rng.choice(given),
                    date(birth.year + rng.randint(-2, 3), rng.randint(1, 12), 1),
                    "01" if rng.random() < 0.4 else "13",
                    "某单位职员",
                    pos,
                )
            )
            pos += 1
            if age > 30 and rng.random() < 0.8:
                w_fam.add(
                    (
                        cid,
                        org_id,
                        path,
                        rng.choice(("20", "30")),
                        rng.choice(surnames) + rng.choice(given),
                        date(birth.year + rng.randint(26, 34), rng.randint(1, 12), 1),
                        "13",
                        "学生",
                        pos,
                    )
                )
                pos += 1
        for rel in ("51", "52"):
            if rng.random() < 0.85:
                w_fam.add(
                    (
                        cid,
                        org_id,
                        path,
                        rel,
                        rng.choice(surnames) + rng.choice(given) + rng.choice(given),
                        date(birth.year - rng.randint(24, 32), rng.randint(1, 12), 1),
                        "01" if rng.random() < 0.3 else "13",
                        "退休" if age > 35 else "务农",
                        pos,
                    )
                )
                pos += 1
        young = birth.year >= 1985
        if young:
            young_by_district[path[:8]].append((cid, org_id, path, rung_plan[-1][0]))
        if young and rung_plan[-1][0] <= 4 and rng.random() < 0.18:
            w_res.add(
                (
                    cid,
                    org_id,
                    path,
                    track,
                    LEADING_BY_LEVEL[max(3, rung_plan[-1][0] + 1)],
                    rng.choice(("key", "regular", "regular", "watch")),
                    today - timedelta(days=rng.randint(30, 900)),
                )
            )
        if (young and rng.random() < 0.5) or rng.random() < 0.08:
            for k in range(rng.randint(1, 2)):
                scores = {d.key: rng.randint(70, 98) for d in dims}
                total = round(sum(scores[d.key] * d.weight for d in dims) / weight_sum, 2)
                when = date(today.year - 1 - k, 12, 20)
                w_eval.add(
                    (
                        cid,
                        org_id,
                        path,
                        str(when.year),
                        rng.choice(("考察组", "区委组织部", "分管领导")),
                        when,
                        json.dumps(scores),
                        total,
                    )
                )
        if rng.random() < 0.05:
            host = rng.choice(district_orgs)
            kind = rng.choice(AssignmentKind.values)
            s = today - timedelta(days=rng.randint(30, 900))
            e = _add_months(s, rng.choice((6, 12, 24)))
            outcome = rng.choice(("excellent", "good", "good", "pass")) if e < today else ""
            w_asg.add(
                (
                    cid,
                    kind,
                    host[0],
                    host[1],
                    "挂职" + rng.choice(("副书记", "副镇长", "副主任", "队员")),
                    None,
                    s,
                    e,
                    rng.choice(("王书记", "李主任", "陈局长")),
                    outcome,
                )
            )
    w_cadre.flush()
    for w in (w_post, w_edu, w_app, w_rew, w_fam, w_res, w_eval, w_asg):
        w.flush()

    # Seed 003: 第一批20名年轻干部为期6个月轮岗交流, one batch in each district; contests (比武打擂).
    batch_w = RowWriter(
        AssignmentBatch,
        ("id", "org_id", "org_path", "name", "kind", "starts_on", "ends_on", "planned_size", "notes"),
        now=now,
    )
    with connection.cursor() as cur:
        cur.execute("SELECT COALESCE(MAX(id), 0) FROM cadres_assignmentbatch")
        next_batch = cur.fetchone()[0] + 1
    targets_w = RowWriter(
        CohortTarget,
        ("org_id", "org_path", "name", "born_from", "min_rank", "increase", "baseline_on", "due_on"),
        now=now,
    )
    vac_w = RowWriter(
        Vacancy,
        (
            "org_id",
            "org_path",
            "title",
            "rank",
            "opened_on",
            "max_age",
            "committee_level",
            "allow_exceptional",
            "filled",
            "notes",
        ),
        now=now,
    )
    batches = 0
    for root in district_roots:
        rid, rpath = root[0], root[1]
        young = young_by_district.get(rpath[:8], [])
        start = _add_months(date(today.year, today.month, 1), -4)
        if len(young) >= 20:
            bid = next_batch
            next_batch += 1
            batches += 1
            batch_w.add(
                (
                    bid,
                    rid,
                    rpath,
                    "第一批年轻干部轮岗交流",
                    "rotation",
                    start,
                    _add_months(start, 6),
                    20,
                    "种子003: 启动第一批20名年轻干部为期6个月轮岗交流",
                )
            )
            hosts = by_district.get(rpath[:8]) or [root]
            for cid, _o, _p, _r in rng.sample(young, 20):
                host = rng.choice(hosts)
                w_asg.add(
                    (
                        cid,
                        "rotation",
                        host[0],
                        host[1],
                        "轮岗交流",
                        bid,
                        start,
                        _add_months(start, 6),
                        "区委组织部",
                        "",
                    )
                )
        for year in (today.year - 1, today.year):
            entries = rng.sample(young, min(len(young), rng.randint(10, 16)))
            held = date(year, 5, 20) if year < today.year or today.month > 5 else date(year - 1, 11, 20)
            for place, (cid, _o, _p, _r) in enumerate(sorted(entries, key=lambda _: rng.random()), start=1):
                award = "一等奖" if place == 1 else "二等奖" if place <= 3 else "三等奖" if place <= 6 else ""
                w_con.add(
                    (
                        rid,
                        rpath,
                        "{}年度年轻干部比武打擂".format(year),
                        held,
                        cid,
                        round(95 - place * 1.5 + rng.random(), 1),
                        place,
                        award,
                    )
                )
        for t in rules.cadres_setting("cohort_targets"):
            targets_w.add(
                (
                    rid,
                    rpath,
                    "1333计划: {}后科级干部".format(str(t["born_from"])[2:]),
                    t["born_from"],
                    Rank.DEPUTY_SECTION,
                    t["increase"],
                    date(today.year - 1, 1, 1),
                    date(today.year + 2, 1, 1),
                )
            )
        vac_w.add((rid, rpath, "区委组织部干部科科长", Rank.SECTION, today, None, "", False, False, ""))
        vac_w.add(
            (rid, rpath, "区直部门副局长(年轻干部)", Rank.DEPUTY_COUNTY, today, 40, "", True, False, "")
        )
    for w in (batch_w, w_asg, w_con, targets_w, vac_w):
        w.flush()
    sql = connection.ops.sequence_reset_sql(no_style(), [Cadre, AssignmentBatch])
    if sql:
        with connection.cursor() as cur:
            for stmt in sql:
                cur.execute(stmt)
    # The stored service records (cadres.services), as the post and education hooks would keep them.
    from orgwork.cadres.services import refresh_service_records

    refresh_service_records()
    ctx.analyze.extend([Cadre, *CADRE_RECORD_MODELS, AssignmentBatch])
    return {
        "cadres": w_cadre.count,
        "posts": w_post.count,
        "educations": w_edu.count,
        "appraisals": w_app.count,
        "rewards": w_rew.count,
        "family": w_fam.count,
        "reserve": w_res.count,
        "evaluations": w_eval.count,
        "assignments": w_asg.count,
        "batches": batches,
        "contest_results": w_con.count,
        "cohort_targets": targets_w.count,
        "vacancies": vac_w.count,
        "appointments": 0,
        "notes": ArchiveNote.objects.count() + Appointment.objects.count(),
    }
