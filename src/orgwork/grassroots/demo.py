"""Demo data of grassroots work, registered with ``seed_demo`` (order 60).

Figures from the seeds: 相城区 (320507) has 245 action branches that served 25,180 people this
year and 18 secretary projects (seed 001); the city has 5,000+ action branches at ``city`` scale
(seed 002); every member pledges seed 001's items, leaders and 机关 members pair with households
in difficulty, visited each quarter. Other districts are proportional to their members."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Q

from orgwork.core.workdays import add_workdays
from orgwork.grassroots import models as m
from orgwork.grassroots import rules
from orgwork.grassroots.services import weighted_total
from orgwork.orgs.models import Org, TeamSeat
from orgwork.people.models import Person

__all__ = ["seed_grassroots"]

XIANGCHENG = "320507"
XC_BRANCHES, XC_SERVED, XC_PROJECTS = 245, 25_180, 18  # seed 001
CITY_BRANCHES = 5_200  # seed 002: 5000+

DEED_RATES = {"enterprise_need": 0.5, "problem_solved": 0.42, "policy_secured": 0.3, "talent_contact": 0.45}
DEED_TEXTS = {
    "enterprise_need": [
        "走访企业排摸用工需求",
        "上门了解企业融资困难",
        "收集企业用地需求",
        "排摸企业技术改造需求",
    ],
    "problem_solved": [
        "协调解决企业员工通勤问题",
        "帮助居民解决下水道堵塞",
        "协调解决村道照明问题",
        "帮助企业办理证照",
    ],
    "policy_secured": ["帮助企业申报稳岗补贴", "协助争取高新技术企业认定", "帮助企业争取技改资金"],
    "talent_contact": ["联系服务引进博士人才", "走访科技人才了解子女入学需求", "对接人才项目落地"],
}
ACTIVITY_TITLES = {
    "产业发展类": ["产业项目现场推进", "企业服务日", "助企纾困座谈"],
    "便民服务类": ["便民理发义诊", "家电义务维修", "政策宣讲进小区"],
    "困难帮扶类": ["走访慰问困难家庭", "助学结对帮扶", "爱心物资发放"],
    "社会治理类": ["矛盾纠纷调解", "垃圾分类督导", "平安巡防"],
}
BRANCH_TASKS = {
    "产业发展类": "服务重点项目建设",
    "便民服务类": "为群众办实事",
    "困难帮扶类": "结对帮扶困难群众",
    "社会治理类": "参与网格化治理",
}
PROJECT_NAMES = [
    "红色火车头",
    "红色锋巢",
    "阳澄红·先锋行",
    "党建+网格",
    "初心驿站",
    "银发先锋",
    "邻里红管家",
    "强村富民",
]
DIFFICULTIES = ["dibao", "tekun", "edge", "disability", "illness", "elderly", "other"]
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
)
GIVEN = "建国 秀英 桂英 志强 玉兰 国平 海燕 金宝 阿大 福根 小妹 根娣 永明 美华 德兴 凤英".split()


def _rand_date(rng, start: date, end: date) -> date:
    if end <= start:
        return start
    return start + timedelta(days=rng.randint(0, (end - start).days))


def _allocate(total: int, weights: list[float]) -> list[int]:
    """Split ``total`` by ``weights`` exactly (largest remainder)."""
    s = sum(weights) or 1
    raw = [total * w / s for w in weights]
    out = [int(x) for x in raw]
    for i in sorted(range(len(raw)), key=lambda i: raw[i] - out[i], reverse=True)[: total - sum(out)]:
        out[i] += 1
    return out


def seed_grassroots(ctx) -> dict:
    from orgwork.demo.writer import RowWriter

    rng = ctx.rng("grassroots")
    today, now = ctx.today, ctx.now
    year = today.year
    y0 = date(year, 1, 1)
    counts = {}

    orgs = list(Org.objects.values_list("id", "path", "name", "kind", "level", "sector", "division_code"))
    if not orgs:
        return {}
    by_id = {o[0]: o for o in orgs}
    root = min(orgs, key=lambda o: o[1])
    districts = {o[1]: o for o in orgs if o[4] == "district"}

    def district_of(path):
        return path[:8]

    # Configured lists at the root: seed 001's pledge items for the year, the health checklist.
    w = RowWriter(
        m.PledgeItem,
        ["org_id", "org_path", "year", "code", "name", "target", "applies_to", "measure", "position"],
        now=now,
    )
    for i, d in enumerate(rules.DEFAULT_PLEDGE_ITEMS):
        w.add((root[0], root[1], year, d["code"], d["name"], d["target"], d["applies_to"], d["measure"], i))
    w.flush()
    counts["pledge_items"] = w.count
    hitems = [m.HealthCheckItem(position=i, **d) for i, d in enumerate(rules.DEFAULT_HEALTH_ITEMS)]
    w = RowWriter(
        m.HealthCheckItem,
        ["org_id", "org_path", "code", "name", "weight", "evidence_hint", "position"],
        now=now,
    )
    for it in hitems:
        w.add((root[0], root[1], it.code, it.name, it.weight, it.evidence_hint, it.position))
    w.flush()

    # Members by district.
    members = defaultdict(list)  # district path -> [(person_id, org_id, org_path)]
    for pid, oid in (
        Person.objects.filter(political_status__in=rules.PARTY_STATUSES)
        .values_list("pk", "registered_org_id")
        .order_by("pk")
        .iterator(chunk_size=20000)
    ):
        o = by_id.get(oid)
        if o is not None:
            members[district_of(o[1])].append((pid, oid, o[1]))

    # Deeds of the year so far.
    deeds = RowWriter(
        m.Deed, ["org_id", "org_path", "person_id", "year", "item_code", "done_on", "description"], now=now
    )
    days = max(0, (today - y0).days)
    for dpath in sorted(members):
        for pid, oid, opath in members[dpath]:
            for code, p in DEED_RATES.items():
                if rng.random() < p:
                    texts = DEED_TEXTS[code]
                    deeds.add(
                        (
                            oid,
                            opath,
                            pid,
                            year,
                            code,
                            y0 + timedelta(days=rng.randint(0, days)),
                            texts[rng.randrange(len(texts))],
                        )
                    )
    deeds.flush()
    counts["deeds"] = deeds.count

    # Leaders (科级 and above, from current seats) and 机关 members, by district.
    leaders = set(
        TeamSeat.objects.filter(role__in=rules.LEADER_ROLES, started_on__lte=today)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
        .filter(
            Q(org__level__in=rules.LEADER_LEVELS) | Q(org__sector__in=rules.ORGAN_SECTORS, role="secretary")
        )
        .values_list("person_id", flat=True)
    )
    secretaries = dict(
        TeamSeat.objects.filter(role="secretary", team="party", started_on__lte=today)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
        .values_list("org_id", "person_id")
    )
    villages = defaultdict(list)
    for o in orgs:
        if o[4] in ("village", "community") and o[3] != "branch":
            villages[district_of(o[1])].append(o)
    hh = RowWriter(
        m.Household,
        ["id", "org_id", "org_path", "head_name", "address", "phone", "size", "difficulty", "registered_on"],
        now=now,
    )
    pairing_rows = []  # (household_id, org_id, org_path, person_id, started_on)
    first_hh = (m.Household.all_objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    next_id = first_hh
    for dpath in sorted(members):
        vs = villages.get(dpath)
        if not vs:
            continue
        slots = []
        for pid, oid, _opath in members[dpath]:
            if pid in leaders:
                slots += [pid, pid]
            elif by_id[oid][5] in rules.ORGAN_SECTORS:
                slots.append(pid)
        rng.shuffle(slots)
        n = max(len(vs) * 3, int(len(slots) * 0.9))
        for i in range(n):
            v = vs[rng.randrange(len(vs))]
            name = SURNAMES[rng.randrange(len(SURNAMES))] + GIVEN[rng.randrange(len(GIVEN))]
            hh.add(
                (
                    next_id,
                    v[0],
                    v[1],
                    name,
                    "{}{}组{}号".format(
                        v[2][:6].rstrip("党委总支村社区"), rng.randint(1, 20), rng.randint(1, 99)
                    ),
                    "1{}{:09d}".format(rng.choice("3589"), rng.randint(0, 999_999_999)),
                    rng.randint(1, 6),
                    DIFFICULTIES[rng.randrange(len(DIFFICULTIES))],
                    _rand_date(rng, date(year - 3, 1, 1), y0),
                )
            )
            # About 2 % of households are waiting for a pairing (the coverage list shows them).
            if i < len(slots) and rng.random() < 0.98:
                pairing_rows.append(
                    (
                        next_id,
                        v[0],
                        v[1],
                        slots[i],
                        _rand_date(rng, date(year - 2, 1, 1), min(today, y0 + timedelta(days=60))),
                    )
                )
            next_id += 1
    hh.flush()
    counts["households"] = hh.count
    if connection_is_pg():
        _sync_sequence(m.Household, next_id)
    pw = RowWriter(
        m.Pairing, ["id", "household_id", "org_id", "org_path", "person_id", "started_on"], now=now
    )
    first_pairing = (m.Pairing.all_objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    vw = RowWriter(m.Visit, ["pairing_id", "org_id", "org_path", "visited_on", "mode", "notes"], now=now)
    q_now = rules.quarter_of(today)
    for k, (hid, oid, opath, pid, started) in enumerate(pairing_rows):
        pairing_id = first_pairing + k
        pw.add((pairing_id, hid, oid, opath, pid, started))
        for q in range(1, q_now + 1):
            q0, q1 = rules.quarter_bounds(date(year, 3 * q - 2, 1))
            lo, hi = max(q0, started), min(q1, today)
            if lo > hi:
                continue
            if rng.random() < (0.7 if q == q_now else 0.94):
                vw.add(
                    (
                        pairing_id,
                        oid,
                        opath,
                        _rand_date(rng, lo, hi),
                        "home" if rng.random() < 0.85 else "phone",
                        "入户走访,了解生活情况",
                    )
                )
    pw.flush()
    if connection_is_pg():
        _sync_sequence(m.Pairing, first_pairing + len(pairing_rows))
    vw.flush()
    counts["pairings"], counts["visits"] = pw.count, vw.count

    # Action branches: 245 in 相城区 serving 25,180 this year; the rest of the city in proportion.
    dist_members = {d: len(v) for d, v in members.items() if d in districts}
    xc = next((p for p, o in districts.items() if o[6] == XIANGCHENG), None)
    others = {d: n for d, n in dist_members.items() if d != xc}
    # Other roots' districts (e.g. 蓬江区 of seed 003) get branches at the same rate per member.
    alloc = {d: max(3, round(n * 0.0075)) for d, n in others.items()}
    if ctx.scale.name == "city":
        # Seed 002: 5000+ action branches in the city (苏州市委's subtree).
        mine = sorted(d for d in others if xc and d[: len(xc) - 4] == xc[:-4])
        alloc.update(
            zip(mine, _allocate(CITY_BRANCHES - XC_BRANCHES, [others[d] for d in mine]), strict=True)
        )
    if xc:
        alloc[xc] = XC_BRANCHES
    committees = defaultdict(list)
    for o in orgs:
        if o[3] in ("committee", "general_branch") and o[4] in ("district", "town", "village", "community"):
            committees[district_of(o[1])].append(o)
    kinds = list(rules.DEFAULT_ACTION_BRANCH_TYPES)
    bw = RowWriter(
        m.ActionBranch,
        ["id", "org_id", "org_path", "name", "kind", "task", "leader_id", "started_on"],
        now=now,
    )
    first_branch = (m.ActionBranch.all_objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    mw = RowWriter(
        m.ActionBranchMember,
        ["action_branch_id", "org_id", "org_path", "person_id", "home_org_id", "joined_on"],
        now=now,
    )
    aw = RowWriter(
        m.ActionActivity,
        [
            "action_branch_id",
            "org_id",
            "org_path",
            "held_on",
            "title",
            "place",
            "served_count",
            "participants",
        ],
        now=now,
    )
    bid = first_branch
    for dpath in sorted(alloc):
        hosts, pool = committees.get(dpath), members.get(dpath)
        if not hosts or not pool:
            continue
        n_branches = alloc[dpath]
        acts = []  # (branch id, org, kind, weight)
        for i in range(n_branches):
            host = hosts[rng.randrange(len(hosts))]
            kind = kinds[i % len(kinds)] if rng.random() < 0.7 else kinds[rng.randrange(len(kinds))]
            started = _rand_date(rng, date(year - 2, 3, 1), min(today, y0 + timedelta(days=90)))
            team = [pool[rng.randrange(len(pool))] for _ in range(rng.randint(5, 14))]
            seen = set()
            team = [t for t in team if not (t[0] in seen or seen.add(t[0]))]
            bw.add(
                (
                    bid,
                    host[0],
                    host[1],
                    "{}{}行动支部".format(host[2][:8].rstrip("党委总支"), kind[:2] + str(i + 1)),
                    kind,
                    BRANCH_TASKS[kind],
                    team[0][0],
                    started,
                )
            )
            for t in team:
                mw.add((bid, host[0], host[1], t[0], t[1], started))
            for _ in range(rng.randint(3, 12)):
                acts.append((bid, host, kind, rng.random() + 0.3, started))
            bid += 1
        total_served = XC_SERVED if dpath == xc else int(sum(a[3] for a in acts) * 103 / 7.5 * 0.95)
        for (b, host, kind, _w, started), served in zip(
            acts, _allocate(total_served, [a[3] for a in acts]), strict=True
        ):
            titles = ACTIVITY_TITLES[kind]
            aw.add(
                (
                    b,
                    host[0],
                    host[1],
                    _rand_date(rng, max(y0, started) if started < today else today, today),
                    titles[rng.randrange(len(titles))],
                    host[2][:10],
                    served,
                    rng.randint(3, 12),
                )
            )
    bw.flush()
    if connection_is_pg():
        _sync_sequence(m.ActionBranch, bid)
    mw.flush()
    aw.flush()
    counts["action_branches"], counts["action_activities"] = bw.count, aw.count

    # Secretary projects: 18 in 相城区 (seed 001), others in proportion; this year's and last year's.
    pw2 = RowWriter(
        m.SecretaryProject,
        [
            "id",
            "org_id",
            "org_path",
            "secretary_id",
            "year",
            "name",
            "goal",
            "status",
            "review_grade",
            "review_notes",
            "reviewed_on",
        ],
        now=now,
    )
    first_project = (
        m.SecretaryProject.all_objects.order_by("-id").values_list("id", flat=True).first() or 0
    ) + 1
    msw = RowWriter(
        m.ProjectMilestone, ["project_id", "org_id", "org_path", "title", "due_on", "done_on"], now=now
    )
    evw = RowWriter(m.ProjectEvidence, ["project_id", "org_id", "org_path", "title", "notes"], now=now)
    xc_members = dist_members.get(xc) or max(dist_members.values() or [1])
    pid_ = first_project
    grades = ["excellent", "good", "good", "fair", "poor"]
    for dpath in sorted(dist_members):
        hosts = [h for h in committees.get(dpath, []) if h[0] in secretaries]
        if not hosts:
            continue
        n = XC_PROJECTS if dpath == xc else max(1, round(XC_PROJECTS * dist_members[dpath] / xc_members))
        for yr in (year - 1, year):
            for i in range(n):
                host = hosts[rng.randrange(len(hosts))]
                name = "“{}”书记项目".format(PROJECT_NAMES[rng.randrange(len(PROJECT_NAMES))])
                last = yr < year
                grade = grades[rng.randrange(len(grades))] if last else ""
                pw2.add(
                    (
                        pid_,
                        host[0],
                        host[1],
                        secretaries[host[0]],
                        yr,
                        name,
                        "以党建引领{}".format(BRANCH_TASKS[kinds[i % 4]]),
                        "done" if last else "active",
                        grade,
                        "年度评审意见:成效明显" if last else "",
                        date(yr, 12, 20) if last else None,
                    )
                )
                for k in range(rng.randint(3, 5)):
                    due = date(yr, 2 + k * 2, 15)
                    done = due if (due < today and rng.random() < 0.85) else None
                    msw.add((pid_, host[0], host[1], "阶段任务{}".format(k + 1), due, done))
                evw.add((pid_, host[0], host[1], "项目推进会议纪要", "纸质材料存档于组织办"))
                pid_ += 1
    pw2.flush()
    if connection_is_pg():
        _sync_sequence(m.SecretaryProject, pid_)
    msw.flush()
    evw.flush()
    counts["secretary_projects"] = pw2.count

    # Health checks of last year for every grassroots org; weak ones flagged with a plan.
    hw = RowWriter(
        m.HealthCheck,
        [
            "org_id",
            "org_path",
            "year",
            "period",
            "checked_on",
            "scores",
            "evidence",
            "total",
            "weak",
            "weak_reason",
            "rectification_plan",
            "flagged_on",
            "rectify_by",
            "rectified_on",
        ],
        now=now,
    )
    flagged_on = date(year, 1, 15)
    rectify_by = add_workdays(flagged_on, rules.rectification_workdays())
    threshold = Decimal(str(rules.weak_threshold()))
    for o in orgs:
        if o[4] not in ("village", "community", "unit"):
            continue
        base = rng.gauss(80, 11)
        scores = {it.code: round(max(20, min(100, base + rng.gauss(0, 7)))) for it in hitems}
        total = weighted_total(hitems, scores)
        weak = total < threshold
        hw.add(
            (
                o[0],
                o[1],
                year - 1,
                "Y",
                date(year - 1, 12, rng.randint(1, 28)),
                json.dumps(scores),
                "{}",
                total,
                weak,
                "体检总分低于{}分".format(int(threshold)) if weak else "",
                "调整充实班子,规范三会一课,上级党组织联系指导" if weak else "",
                flagged_on if weak else None,
                rectify_by if weak else None,
                _rand_date(rng, flagged_on, today)
                if weak and today > rectify_by and rng.random() < 0.6
                else None,
            )
        )
    hw.flush()
    counts["health_checks"] = hw.count
    ctx.analyze.extend(
        [
            m.Deed,
            m.Household,
            m.Pairing,
            m.Visit,
            m.ActionBranch,
            m.ActionBranchMember,
            m.ActionActivity,
            m.SecretaryProject,
            m.ProjectMilestone,
            m.HealthCheck,
        ]
    )
    return counts


def connection_is_pg():
    from django.db import connection

    return connection.vendor == "postgresql"


def _sync_sequence(model, next_id):
    """Explicit ids follow the table's last id; move PostgreSQL's sequence past them."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(
            "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s, false)", [model._meta.db_table, next_id]
        )
