"""Demo data of the member registry, run by ``seed_demo`` after the people (MembersConfig.ready).

* a Member for every person whose political status is 01 (正式) or 02 (预备): branch = the org that
  registered them (or of their seat), joined at 18–40, confirmed a year later; category by age and
  sector; a declared dues base;
* recruitments: every probationary member has one at the probation stage (steps 1–19+ dated back
  from the 支部大会 that admitted them); about 3 % of the members again in applicants, activists and
  candidates drawn from the non-members aged 18–45;
* dues of the last 6 months for the members of one org in five (the ledgers' demo), most paid,
  some in arrears and a few six months unpaid (the lapse alert);
* a transfer for about 0.5 % of the members, in every state;
* 三会一课 meetings of every branch over the last four quarters, most complete.

Deterministic (``ctx.rng``), written with RowWriter (COPY on PostgreSQL)."""

from datetime import timedelta
from decimal import Decimal

from django.db import connection
from django.db.models import Max

__all__ = ["seed_members", "STEP_OFFSETS"]

# Days from the application to each step in an unhurried recruitment that keeps every rule
# (1 year as activist, approval within 3 months, a year's probation).
STEP_OFFSETS = {
    1: 0, 2: 10, 3: 50, 4: 54, 5: 55, 6: 234, 7: 416, 8: 420, 9: 421, 10: 425, 11: 447, 12: 456,
    13: 461, 14: 466, 15: 486, 16: 496, 17: 517, 18: 522, 19: 523, 20: 538, 21: 691, 22: 821,
    23: 851, 24: 872, 25: 881,
}  # fmt: skip
ADMIT = STEP_OFFSETS[15]
STAGE_OF = {1: "applicant", 2: "applicant", 3: "activist", 4: "activist", 5: "activist", 6: "activist"}
MENTORS = ("王建华", "李国强", "张志明", "陈秀英", "刘海峰", "周丽娟", "吴建军", "徐晓东")


def _stage(last):
    if last <= 6:
        return STAGE_OF.get(last, "applicant")
    if last <= 16:
        return "candidate"
    if last <= 23:
        return "probationary"
    return "full"


def _add_months(d, n):
    from orgwork.orgs.rules import add_months

    return add_months(d, n)


def seed_members(ctx):
    from orgwork.demo.writer import RowWriter
    from orgwork.members.models import Due, Meeting, Member, Recruitment, RecruitmentStep, Transfer
    from orgwork.members.rules import monthly_due
    from orgwork.orgs.models import Org
    from orgwork.people.models import Affiliation, Person

    rng = ctx.rng("members")
    today, now = ctx.today, ctx.now
    counts = {}
    orgs = {o[0]: o for o in Org.all_objects.values_list("id", "path", "kind", "level", "sector")}
    first_member = (Member.all_objects.aggregate(m=Max("id"))["m"] or 0) + 1

    # ---- members
    mw = RowWriter(
        Member,
        ("id", "person_id", "org_id", "org_path", "status", "category", "joined_on", "confirmed_on", "post",
         "lost_contact", "lost_contact_on", "floating", "float_destination", "dues_base"),
        now=now,
    )  # fmt: skip
    people = Person.objects.filter(political_status__in=["01", "02"]).order_by("id")
    members = []  # (member id, person id, org id, path, status, category, joined, base, birth)
    mid = first_member
    posts = ("职员", "教师", "医生", "工程师", "村民", "社区工作者", "公务员", "技术员", "会计", "个体经营")
    places = ("浙江省杭州市", "上海市", "广东省深圳市", "江苏省南京市", "安徽省合肥市")
    for pid, org_id, birth, status in people.values_list(
        "id", "registered_org_id", "birth_date", "political_status"
    ).iterator(chunk_size=20000):
        path, kind, level, sector = orgs[org_id][1:]
        age = (today - birth).days / 365.2425 if birth else 40
        if status == "02":
            joined = today - timedelta(days=rng.randint(20, 360))
            confirmed, st = None, "probationary"
        else:
            join_age = min(age - 1.2, rng.uniform(18.5, 40))
            joined = (
                birth + timedelta(days=int(join_age * 365.2425)) if birth else today - timedelta(days=3650)
            )
            confirmed, st = _add_months(joined, 12), "full"
            if confirmed >= today:
                joined, confirmed = today - timedelta(days=400), today - timedelta(days=35)
        r = rng.random()
        if age >= 60 and r < 0.8:
            cat = "retired"
        elif sector == "village" and r < 0.55:
            cat = "farmer"
        elif age < 24 and r < 0.5:
            cat = "student"
        elif r < 0.02:
            cat = "migrant"
        elif r < 0.03:
            cat = "unemployed"
        else:
            cat = "in_service"
        if cat == "retired":
            base = Decimal(rng.randint(2500, 9000))
        elif cat in ("in_service", "migrant"):
            base = Decimal(int(rng.lognormvariate(8.7, 0.45)))
        else:
            base = Decimal(0)
        lost = rng.random() < 0.002
        floating = cat == "migrant" or rng.random() < 0.01
        mw.add(
            (mid, pid, org_id, path, st, cat, joined, confirmed, rng.choice(posts) if cat == "in_service" else "",
             lost, today - timedelta(days=rng.randint(200, 2000)) if lost else None, floating,
             rng.choice(places) if floating else "", base)
        )  # fmt: skip
        members.append((mid, pid, org_id, path, st, cat, joined, base, birth))
        mid += 1
    mw.flush()
    counts["members"] = mw.count
    _member_affiliations()

    # ---- recruitments
    rw = RowWriter(
        Recruitment,
        ("id", "person_id", "org_id", "org_path", "stage", "last_step", "applied_on", "activist_on", "candidate_on",
         "admitted_on", "approved_on", "training_days", "training_hours", "mentors", "sponsors"),
        now=now,
    )  # fmt: skip
    sw = RowWriter(
        RecruitmentStep,
        ("recruitment_id", "org_id", "org_path", "step", "done_on", "people", "expected", "present", "in_favour",
         "against", "abstained", "publicity_from", "publicity_to"),
        now=now,
    )  # fmt: skip
    rid = (Recruitment.all_objects.aggregate(m=Max("id"))["m"] or 0) + 1

    def write_recruitment(pid, org_id, path, applied, last):
        nonlocal rid
        d = {s: applied + timedelta(days=off) for s, off in STEP_OFFSETS.items()}
        mentors = "、".join(rng.sample(MENTORS, 2)) if last >= 5 else ""
        sponsors = "、".join(rng.sample(MENTORS, 2)) if last >= 9 else ""
        rw.add(
            (rid, pid, org_id, path, _stage(last), last, applied, d[3] if last >= 3 else None,
             d[8] if last >= 8 else None, d[15] if last >= 15 else None, d[17] if last >= 17 else None,
             Decimal(3) if last >= 11 else Decimal(0), 24 if last >= 11 else 0, mentors, sponsors)
        )  # fmt: skip
        for s in range(1, last + 1):
            vote = (None,) * 5
            pub = (None, None)
            if s in (15, 23):
                exp = rng.randint(12, 60)
                pres = exp - rng.randint(0, exp // 4)
                fav = pres - rng.randint(0, 1)
                vote = (exp, pres, fav, pres - fav, 0)
                pub = (d[s] - timedelta(days=14), d[s] - timedelta(days=7))
            people_ = mentors if s == 5 else sponsors if s == 9 else ""
            sw.add((rid, org_id, path, s, d[s], people_, *vote, *pub))
        rid += 1

    for m in members:
        if m[4] == "probationary":
            applied = m[6] - timedelta(days=ADMIT)
            last = max(s for s, off in STEP_OFFSETS.items() if applied + timedelta(days=off) <= today)
            write_recruitment(m[1], m[2], m[3], applied, min(last, 22))
    wanted = max(3, len(members) * 3 // 100)
    cutoff = today - timedelta(days=int(19.8 * 365.2425))
    young = today - timedelta(days=int(45 * 365.2425))
    candidates = list(
        Person.objects.filter(
            political_status__in=["13", "03"], birth_date__lte=cutoff, birth_date__gte=young
        )
        .order_by("id")
        .values_list("id", "registered_org_id")[:wanted]
    )
    for pid, org_id in candidates:
        applied = today - timedelta(days=rng.randint(5, 470))
        last = max(s for s, off in STEP_OFFSETS.items() if applied + timedelta(days=off) <= today)
        write_recruitment(pid, org_id, orgs[org_id][1], applied, min(last, 14))
    rw.flush()
    sw.flush()
    counts["recruitments"], counts["recruitment_steps"] = rw.count, sw.count

    # ---- dues: last 6 months for the members of one org in five
    dw = RowWriter(
        Due, ("member_id", "org_id", "org_path", "month", "base", "amount", "paid", "paid_on"), now=now
    )
    months = [_add_months(today.replace(day=1), -i) for i in range(6, 0, -1)]
    for m in members:
        if m[2] % 5:
            continue
        amount = monthly_due(m[5], m[7])
        lapsed = rng.random() < 0.004
        for month in months:
            if month < m[6].replace(day=1):
                continue
            unpaid = lapsed or (month == months[-1] and rng.random() < 0.08) or rng.random() < 0.01
            paid_on = None if unpaid else month + timedelta(days=rng.randint(0, 25))
            dw.add((m[0], m[2], m[3], month, m[7], amount, Decimal(0) if unpaid else amount, paid_on))
    dw.flush()
    counts["dues"] = dw.count

    # ---- transfers
    tw = RowWriter(
        Transfer,
        ("member_id", "person_id", "kind", "org_id", "org_path", "to_org_id", "to_org_path", "outside_org", "state",
         "letter_kind", "issued_on", "valid_days", "accepted_on", "receipt_on"),
        now=now,
    )  # fmt: skip
    branch_ids = [o for o, v in orgs.items() if v[2] in ("branch", "joint_branch")] or list(orgs)
    states = (
        "applied",
        "approved",
        "issued",
        "issued",
        "accepted",
        "receipted",
        "archived",
        "archived",
        "returned",
    )
    for m in rng.sample(members, min(len(members), max(2, len(members) // 200))):
        state = rng.choice(states)
        kind = "out" if rng.random() < 0.2 else "within"
        to = None if kind == "out" else rng.choice(branch_ids)
        issued = today - timedelta(days=rng.randint(1, 120)) if state not in ("applied", "approved") else None
        accepted = (
            issued + timedelta(days=rng.randint(1, 9))
            if issued and state in ("accepted", "receipted", "archived")
            else None
        )
        receipt = (
            accepted + timedelta(days=rng.randint(3, 25))
            if accepted and state in ("receipted", "archived")
            else None
        )
        if accepted and kind == "within":
            continue  # an accepted transfer within the system would have moved the member: keep the data consistent
        tw.add(
            (m[0], m[1], kind, m[2], m[3], to, orgs[to][1] if to else "", "外省某党组织" if kind == "out" else "",
             state, "online" if kind == "within" else "introduction", issued, 30, accepted, receipt)
        )  # fmt: skip
    tw.flush()
    counts["transfers"] = tw.count

    # ---- meetings: the last four quarters of every branch
    ew = RowWriter(
        Meeting, ("org_id", "org_path", "kind", "held_on", "topic", "expected", "present"), now=now
    )
    topics = (
        "学习贯彻党的二十大精神",
        "学习党章党规",
        "主题党日：志愿服务",
        "讨论发展党员",
        "党费收缴情况通报",
        "专题学习",
    )
    start = _add_months(today.replace(day=1), -12)
    per_branch = {}
    for _id, _pid, org_id, *_rest in members:
        per_branch[org_id] = per_branch.get(org_id, 0) + 1
    for b in branch_ids:
        n = max(3, per_branch.get(b, 5))
        diligence = rng.random()
        for i in range(12):
            month = _add_months(start, i)
            plan = [("committee_meeting", 0.9), ("theme_day", 0.92), ("group_meeting", 0.5)]
            if month.month in (3, 6, 9, 12):
                plan.append(("general_meeting", 0.95))
            if month.month in (6, 12):
                plan.append(("party_lecture", 0.7))
            if month.month == 12:
                plan += [("life_meeting", 0.9), ("appraisal", 0.9)]
            for kind, p in plan:
                if rng.random() < p * (0.7 + 0.3 * diligence):
                    day = month + timedelta(days=rng.randint(0, 26))
                    if day <= today:
                        ew.add(
                            (
                                b,
                                orgs[b][1],
                                kind,
                                day,
                                rng.choice(topics),
                                n,
                                max(1, n - rng.randint(0, max(1, n // 5))),
                            )
                        )
    ew.flush()
    counts["meetings"] = ew.count
    _reset_sequences((Member, Recruitment, RecruitmentStep, Due, Transfer, Meeting))
    ctx.analyze.extend([Member, Recruitment, RecruitmentStep, Due, Transfer, Meeting, Affiliation])
    return counts


def _member_affiliations():
    """The affiliation rows ``members.services.member_affiliations`` gives, written in SQL: a member
    is attached to their branch, and a person attached that way has no 'registered' row."""
    from orgwork.members.models import Member
    from orgwork.people.models import Affiliation

    aff, mem = Affiliation._meta.db_table, Member._meta.db_table
    with connection.cursor() as cur:
        cur.execute(
            f'DELETE FROM "{aff}" WHERE kind = %s AND person_id IN (SELECT person_id FROM "{mem}" WHERE deleted_at IS NULL)',
            ["registered"],
        )
        cur.execute(
            f'INSERT INTO "{aff}" (person_id, org_id, org_path, kind) '
            f'SELECT person_id, org_id, org_path, %s FROM "{mem}" WHERE deleted_at IS NULL AND membership_state IN (%s, %s)',
            ["member", "normal", "suspended"],
        )


def _reset_sequences(models):
    from django.core.management.color import no_style

    sql = connection.ops.sequence_reset_sql(no_style(), list(models))
    if sql:
        with connection.cursor() as cur:
            for stmt in sql:
                cur.execute(stmt)
