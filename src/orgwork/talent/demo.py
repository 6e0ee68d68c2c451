"""Demo data of talent work, in the proportions of the seeds: at ``city`` scale about 350,000
talents (seed 002: 343万 talents, 34万 of them high-level, in a city of ten million; the demo city
has 700,000 people), at ``small`` a few hundred. Programs with awards inside their budgets (seed
001: 阳澄湖人才计划 5,000万元), 一卡通 cards for high-level talents, a hundred leader–talent pairs
(seed 003: 百名领导干部联系服务百名重点人才), stations and apartments, and 32 揭榜挂帅 challenges
worth nearly 600亿元 (seed 002). Talents are written with ``demo.writer.RowWriter`` (COPY on
PostgreSQL), the rest with ``bulk_create``; deterministic for the seed, always finite."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.core.management.color import no_style
from django.db import connection

__all__ = ["seed_talent", "TALENTS_BY_SCALE"]

TALENTS_BY_SCALE = {"small": 300, "city": 350_000}

# level: share (seed 002: about one talent in ten is high-level)
LEVEL_SHARES = (("A", 0.002), ("B", 0.01), ("C", 0.03), ("D", 0.06), ("E", 0.898))
CATEGORY_SHARES = (
    ("innovation", 0.15),
    ("overseas", 0.03),
    ("skilled", 0.30),
    ("young", 0.25),
    ("professional", 0.22),
    ("other", 0.05),
)
INDUSTRY_SHARES = (
    ("equipment", 0.24),
    ("it", 0.22),
    ("materials", 0.16),
    ("biomed", 0.12),
    ("services", 0.16),
    ("", 0.10),
)
CHANNELS = (
    "startup_week",
    "school_enterprise",
    "overseas_centre",
    "expert_matching",
    "fair",
    "referral",
    "other",
)
FIELDS = (
    "集成电路设计",
    "工业机器人",
    "新能源汽车",
    "生物制药",
    "医疗器械",
    "先进高分子材料",
    "人工智能",
    "大数据",
    "智能制造",
    "金融科技",
)
COMPANY_HEADS = (
    "华芯",
    "博远",
    "瑞康",
    "中科",
    "天阳",
    "精研",
    "恒力",
    "科瑞",
    "汇智",
    "新材",
    "阳澄",
    "蓬博",
)
COMPANY_TAILS = (
    "科技有限公司",
    "智能装备有限公司",
    "生物医药有限公司",
    "新材料股份有限公司",
    "信息技术有限公司",
)
CHALLENGES = (
    ("化合物半导体材料", "materials"),
    ("超导量子信息材料", "materials"),
    ("碳化硅功率器件", "it"),
    ("高端数控机床主轴", "equipment"),
    ("工业软件内核", "it"),
    ("mRNA 递送系统", "biomed"),
    ("氢燃料电池电堆", "equipment"),
    ("光刻胶国产化", "materials"),
)


def _pick(rng, shares):
    r, acc = rng.random(), 0.0
    for value, share in shares:
        acc += share
        if r < acc:
            return value
    return shares[-1][0]


def _credit_code(rng) -> str:
    from orgwork.talent.rules import CREDIT_CHARS, credit_code_check_char

    head = "91320" + "".join(rng.choice("0123456789") for _ in range(3)) + "MA"
    body = head + "".join(rng.choice(CREDIT_CHARS) for _ in range(17 - len(head)))
    return body + credit_code_check_char(body)


def _next_id(model) -> int:
    from django.db.models import Max

    return (model.all_objects.aggregate(m=Max("id"))["m"] or 0) + 1


def seed_talent(ctx) -> dict:
    from orgwork.demo.writer import RowWriter
    from orgwork.orgs.models import Org
    from orgwork.people.models import Person
    from orgwork.talent.models import (
        Award,
        Challenge,
        ChallengeMilestone,
        ChallengeTeam,
        ContactLog,
        LiaisonPair,
        ProgramRound,
        Stay,
        Talent,
        TalentCard,
        TalentProgram,
        TalentStation,
        _add_years,
    )

    rng = ctx.rng("talent")
    today = ctx.today
    wanted = TALENTS_BY_SCALE.get(ctx.scale.name, TALENTS_BY_SCALE["small"])
    people = list(
        Person.objects.filter(registered_org__isnull=False)
        .order_by("pk")
        .values_list("pk", "registered_org_id", "registered_org__path")
    )
    if not people:
        return {}
    if len(people) > wanted:
        people = sorted(rng.sample(people, wanted))
    employers = [
        (rng.choice(COMPANY_HEADS) + rng.choice(COMPANY_TAILS), _credit_code(rng))
        for _ in range(max(20, wanted // 50))
    ]
    first_day = date(2012, 1, 1)
    span = (today - first_day).days
    fields = (
        "id",
        "person_id",
        "org_id",
        "org_path",
        "category",
        "level",
        "field",
        "industry",
        "employer_name",
        "employer_code",
        "origin",
        "arrived_on",
        "channel",
    )
    talents = RowWriter(Talent, fields, now=ctx.now)
    tid = _next_id(Talent)
    high, overseas = [], 0
    rows = []
    for pid, org_id, path in people:
        level = _pick(rng, LEVEL_SHARES)
        category = _pick(rng, CATEGORY_SHARES)
        origin = "domestic"
        if category == "overseas":
            origin = "overseas" if rng.random() < 0.4 else "returnee"
            overseas += 1
        elif rng.random() < 0.05:
            origin = "returnee"
        name, code = rng.choice(employers)
        arrived = first_day + timedelta(days=rng.randrange(span))
        row = (
            tid,
            pid,
            org_id,
            path,
            category,
            level,
            rng.choice(FIELDS),
            _pick(rng, INDUSTRY_SHARES),
            name,
            code,
            origin,
            arrived,
            rng.choice(CHANNELS),
        )
        talents.add(row)
        rows.append((tid, org_id, path, level, arrived))
        if level != "E":
            high.append((tid, org_id, path, level, arrived))
        tid += 1
    talents.flush()

    districts = list(Org.objects.filter(level="district").order_by("path").values_list("id", "path", "name"))
    towns = list(Org.objects.filter(level="town").order_by("path").values_list("id", "path", "name"))
    if not districts:
        districts = [rows[0][1:3] + ("",)] if rows else []
    d_id, d_path, d_name = districts[0]

    # Programs: the district's own (seed 001: 阳澄湖人才计划 up to 5,000万元), the province's 双创
    # and a national one, with yearly rounds and awards that never pass the budget.
    programs = TalentProgram.objects.bulk_create(
        [
            TalentProgram(
                org_id=d_id,
                org_path=d_path,
                name="阳澄湖人才计划",
                kind="district",
                budget=Decimal("5000"),
                year=2018,
            ),
            TalentProgram(
                org_id=d_id,
                org_path=d_path,
                name="江苏省“双创计划”",
                kind="shuangchuang",
                budget=Decimal("3600"),
                year=2018,
            ),
            TalentProgram(
                org_id=d_id,
                org_path=d_path,
                name="国家级人才计划（推荐）",
                kind="national",
                budget=Decimal("2000"),
                year=2018,
            ),
        ]
    )
    rounds = []
    for p in programs:
        for y in range(2018, min(today.year, 2024) + 1):
            rounds.append(
                ProgramRound(
                    program=p,
                    org_id=d_id,
                    org_path=d_path,
                    name="{}年度申报".format(y),
                    opens_on=date(y, 3, 1),
                    closes_on=date(y, 4, 30),
                )
            )
    rounds = ProgramRound.objects.bulk_create(rounds)
    awards = []
    seen = set()
    applicants = sorted(high, key=lambda r: r[0])
    n_apps = min(len(applicants), 60 if ctx.scale.name == "city" else 15)
    committed = {p.pk: Decimal("0") for p in programs}
    for _i in range(n_apps):
        t = applicants[rng.randrange(len(applicants))]
        rnd = rounds[rng.randrange(len(rounds))]
        if (rnd.pk, t[0]) in seen:
            continue
        seen.add((rnd.pk, t[0]))
        program = next(p for p in programs if p.pk == rnd.program_id)
        amount = Decimal(rng.choice((50, 100, 100, 200, 300)))
        status = "applied"
        if rnd.closes_on < today and rng.random() < 0.7 and committed[program.pk] + amount <= program.budget:
            status = "awarded"
            committed[program.pk] += amount
        elif rnd.closes_on < today and rng.random() < 0.5:
            status = "declined"
        awards.append(
            Award(
                round=rnd,
                program=program,
                talent_id=t[0],
                org_id=d_id,
                org_path=d_path,
                project="{}产业化项目".format(rng.choice(FIELDS)),
                score=Decimal(rng.randint(60, 98)),
                status=status,
                amount=amount if status == "awarded" else None,
                awarded_on=rnd.closes_on + timedelta(days=45) if status == "awarded" else None,
            )
        )
    Award.objects.bulk_create(awards)

    # 人才一卡通 for high-level talents (tier from the level, three years' validity).
    tier = {"A": "gold", "B": "gold", "C": "silver", "D": "blue"}
    n_cards = min(len(high), 5000 if ctx.scale.name == "city" else 40)
    cards = []
    for t in high[:n_cards]:
        issued = max(t[4], date(2020, 1, 1))
        cards.append(
            TalentCard(
                talent_id=t[0],
                org_id=t[1],
                org_path=t[2],
                tier=tier[t[3]],
                number="RC{}{:08d}".format(issued.year, t[0]),
                issued_on=issued,
                expires_on=_add_years(issued, 3),
                status="active",
            )
        )
    TalentCard.objects.bulk_create(cards, batch_size=2000)

    # 百名领导干部联系服务百名重点人才: leaders are people of the district's own office.
    leaders = list(
        Person.objects.filter(registered_org__path__startswith=d_path)
        .order_by("pk")
        .values_list("pk", flat=True)[:100]
    )
    key = sorted(high, key=lambda r: r[3])[: min(100, len(high), len(leaders))]
    pairs = LiaisonPair.objects.bulk_create(
        [
            LiaisonPair(
                leader_id=leaders[i],
                leader_post=rng.choice(("区委常委", "副区长", "局长", "镇党委书记")),
                talent_id=t[0],
                org_id=t[1],
                org_path=t[2],
                started_on=date(today.year - 1, 3, 1),
            )
            for i, t in enumerate(key)
        ]
    )
    contacts = []
    for p in pairs:
        for _k in range(rng.randint(0, 5)):
            contacts.append(
                ContactLog(
                    pair=p,
                    org_id=p.org_id,
                    org_path=p.org_path,
                    date=today - timedelta(days=rng.randrange(400)),
                    way=rng.choice(("visit", "talk", "phone")),
                    asked=rng.choice(("子女入学", "配偶就业", "实验室用房", "融资对接", "人才公寓")),
                    done="已协调相关部门办理",
                )
            )
    ContactLog.objects.bulk_create(contacts)

    # 人才驿站 in towns, talent apartments in districts.
    stations = [
        TalentStation(
            org_id=o,
            org_path=p,
            name="{}人才驿站".format(n.replace("党委", "").replace("党工委", "")),
            kind="station",
            capacity=20,
        )
        for o, p, n in towns[: 60 if ctx.scale.name == "city" else 6]
    ] + [
        TalentStation(
            org_id=o,
            org_path=p,
            name="{}人才公寓".format(n.replace("区委", "区").replace("委", "")),
            kind="apartment",
            capacity=200,
        )
        for o, p, n in districts
    ]
    stations = TalentStation.objects.bulk_create(stations)
    stays = []
    for st in stations:
        if st.kind != "apartment":
            continue
        inside = [t for t in rows if t[2].startswith(st.org_path)][: st.capacity * 3 // 4]
        for j, t in enumerate(inside):
            stays.append(
                Stay(
                    station=st,
                    talent_id=t[0],
                    org_id=st.org_id,
                    org_path=st.org_path,
                    room="{}-{:03d}".format(j // 20 + 1, j % 20 + 1),
                    moved_in=date(2023, 9, 1),
                )
            )
    Stay.objects.bulk_create(stays, batch_size=2000)

    # 揭榜挂帅: 32 challenges over four years, bounties summing to nearly 600亿元 (5,980,000万元).
    bounties = [Decimal(rng.randint(50_000, 300_000)) for _ in range(32)]
    scale = Decimal("5980000") / sum(bounties)
    bounties = [(b * scale).quantize(Decimal("1")) for b in bounties]
    bounties[-1] += Decimal("5980000") - sum(bounties)
    challenges = []
    for i, bounty in enumerate(bounties):
        title, industry = CHALLENGES[i % len(CHALLENGES)]
        published = date(today.year - 3, 1, 1) + timedelta(days=rng.randrange(3 * 365))
        status = (
            rng.choice(("open", "review", "awarded", "awarded", "completed")) if published < today else "open"
        )
        challenges.append(
            Challenge(
                org_id=d_id,
                org_path=d_path,
                title="{}攻关（第{}批）".format(title, i // len(CHALLENGES) + 1),
                issuer=rng.choice(COMPANY_HEADS) + rng.choice(COMPANY_TAILS),
                field=title,
                industry=industry,
                bounty=bounty,
                published_on=published,
                deadline=published + timedelta(days=90),
                status=status,
            )
        )
    challenges = Challenge.objects.bulk_create(challenges)
    teams, milestones = [], []
    for ch in challenges:
        for k in range(rng.randint(1, 4)):
            won = ch.status in ("awarded", "completed") and k == 0
            teams.append(
                ChallengeTeam(
                    challenge=ch,
                    org_id=ch.org_id,
                    org_path=ch.org_path,
                    name="{}攻关团队{}".format(ch.field, k + 1),
                    leader_name=rng.choice("王李张刘陈杨黄赵") + "教授",
                    institution=rng.choice(("苏州大学", "东南大学", "中科院苏州纳米所", "南京大学")),
                    score=Decimal(rng.randint(70, 96)),
                    status="won" if won else "applied",
                )
            )
        if ch.status in ("awarded", "completed"):
            for k, share in enumerate((Decimal("0.3"), Decimal("0.4"), Decimal("0.3"))):
                due = ch.deadline + timedelta(days=120 * (k + 1))
                done = due if ch.status == "completed" or due < today else None
                milestones.append(
                    ChallengeMilestone(
                        challenge=ch,
                        org_id=ch.org_id,
                        org_path=ch.org_path,
                        title=("方案评审", "样机验收", "产业化验收")[k],
                        due_on=due,
                        done_on=done,
                        payment=(ch.bounty * share).quantize(Decimal("0.01")),
                        paid_on=done,
                    )
                )
    ChallengeTeam.objects.bulk_create(teams)
    ChallengeMilestone.objects.bulk_create(milestones)

    sql = connection.ops.sequence_reset_sql(no_style(), [Talent])
    if sql:
        with connection.cursor() as cur:
            for stmt in sql:
                cur.execute(stmt)
    n_requests = _seed_service_requests(rng, today, [t[0] for t in high], d_path)
    ctx.analyze.extend([Talent, TalentCard, Award, LiaisonPair, ContactLog])
    return {
        "talents": talents.count,
        "high_level": len(high),
        "overseas": overseas,
        "awards": len(awards),
        "cards": len(cards),
        "pairs": len(pairs),
        "stations": len(stations),
        "challenges": len(challenges),
        "service_requests": n_requests,
    }


# Service requests of the demo (一站式服务), filed and handled through the real verbs so each has a
# consistent casework history. The first talent's requests go through every state (the demo login
# ``talent_demo`` is linked to that talent: ``demo_accounts``), a few other talents have some too.
# (category, title, what is needed, state to reach, days ago filed)
SERVICE_STORIES = (
    ("schooling", "子女入学", "女儿今年秋季入读小学一年级，希望就近安排。", "feedback", 120),
    ("schooling", "子女转学", "儿子初二，随迁转入本区初级中学。", "verified", 60),
    ("housing", "申请人才公寓", "来区工作，申请两居室人才公寓。", "close_requested", 40),
    ("spouse_job", "配偶就业", "配偶为会计师，希望推荐就业岗位。", "overdue", 60),
    ("medical", "就医绿色通道", "父亲需在区人民医院复诊，申请绿色通道。", "assigned", 3),
    ("residence", "办理落户", "本人及家属落户。", "registered", 0),
)
OTHER_STORIES = (
    ("startup", "创业场地支持", "初创企业需要孵化器场地约200平方米。"),
    ("housing", "租房补贴", "申请人才租房补贴。"),
    ("schooling", "子女入园", "孩子三岁，申请入读公办幼儿园。"),
    ("medical", "年度体检", "预约人才年度健康体检。"),
)
LEAD_DEPARTMENTS = {
    "schooling": "教育局",
    "spouse_job": "人力资源和社会保障局",
    "housing": "住房和城乡建设局",
    "medical": "卫生健康委员会",
    "residence": "公安局",
    "startup": "科学技术局",
}


def _seed_service_requests(rng, today, talent_ids, district_path) -> int:
    from orgwork.casework import services as casework
    from orgwork.orgs.models import Org
    from orgwork.talent.models import Talent
    from orgwork.talent.services import file_service_request

    if not talent_ids:
        return 0
    depts = {}
    for category, name in LEAD_DEPARTMENTS.items():
        depts[category] = Org.objects.filter(path__startswith=district_path, name__contains=name).order_by(
            "path"
        ).first() or Org.objects.get(path=district_path)
    by_id = Talent.objects.select_related("person", "org").in_bulk(talent_ids[:12])
    showcase = by_id[talent_ids[0]]
    stories = [(showcase, *story) for story in SERVICE_STORIES]
    for tid in talent_ids[1:12]:
        category, title, text = OTHER_STORIES[rng.randrange(len(OTHER_STORIES))]
        state = rng.choice(("assigned", "close_requested", "verified", "feedback", "overdue"))
        stories.append((by_id[tid], category, title, text, state, rng.randint(5, 90)))
    n = 0
    for talent, category, title, text, state, ago in stories:
        filed = today - timedelta(days=ago)
        case = file_service_request(
            talent,
            actor=None,
            category=category,
            title=title,
            description=text,
            source="talent" if state == "registered" else "talent_office",
            raised_on=filed,
        )
        n += 1
        if state == "registered":
            continue
        # Overdue: a one-working-day deadline from a day long past.
        case = casework.assign_case(
            case, actor=None, lead=depts[category], start=filed, lead_days=1 if state == "overdue" else None
        )
        if state == "overdue":
            continue
        if state == "assigned":
            continue
        case = casework.request_close(
            case, actor=None, reply="已协调{}办理完毕。".format(depts[category].name)
        )
        if state == "close_requested":
            continue
        case = casework.verify_case(case, actor=None)
        if state == "feedback":
            casework.record_feedback(case, actor=None, satisfaction=rng.choice((3, 3, 2)), note="回访：满意")
    return n
