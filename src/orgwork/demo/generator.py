"""The demo and benchmark data generator behind ``manage.py seed_demo``.

Deterministic: a seed and a scale give the same orgs, people, ID numbers and seats (dates are
relative to ``today`` so that terms due and ages stay realistic whenever it runs).

Three phases:
1. the org tree in memory (``build_tree``): 苏州市委 → districts and county-level cities from
   ``data/divisions-demo.csv`` → towns / streets → villages and communities, plus in every
   district 机关, 事业单位, 国企, 非公企业, 社会组织, 学校, 医院 orgs; team sizes decided here;
2. people per org so that the total hits the scale's target (largest remainder);
3. rows streamed to the database in path order by ``writer.RowWriter`` (COPY on PostgreSQL):
   orgs, people, terms (current and previous), team seats (current and ended), then the
   affiliations rebuilt in one INSERT … SELECT that applies the rules of
   ``people.services._compute`` (or that function itself when other sources are registered).

No per-row services and no audit rows: one ChangeLog event records the run.
"""

from __future__ import annotations

import csv
import math
import random
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from orgwork.core.paths import STEP, child_path
from orgwork.demo import names as N
from orgwork.orgs.choices import OrgKind, OrgLevel, SeatRole, Sector, TeamKind
from orgwork.orgs.models import Org, TeamSeat, Term
from orgwork.orgs.rules import add_years, term_years
from orgwork.people.idnumber import check_char
from orgwork.people.models import Affiliation, Person
from orgwork.people.pinyin import name_initials, name_pinyin

__all__ = ["Scale", "SCALES", "SeedResult", "build_tree", "seed", "bulk_rebuild_affiliations"]

DIVISIONS_CSV = Path(__file__).with_name("data") / "divisions-demo.csv"

C, GB, BR, JB = OrgKind.COMMITTEE, OrgKind.GENERAL_BRANCH, OrgKind.BRANCH, OrgKind.JOINT_BRANCH
ORDINALS = "一二三四五六七八九十"
ROADS = "人民 中山 长安 太湖 友谊 解放 学府 东环 西环 南环 北环 新华 建设 团结 振兴 开发 滨湖 运河 迎春 府前".split()
Range = tuple[int, int]


@dataclass(frozen=True)
class Scale:
    """How big the demo is. Ranges are inclusive (``rng.randint``)."""

    name: str
    districts: tuple[tuple[str, int | None], ...]  # (division code, how many of its towns; None: all)
    people: int  # total people to create
    vc_street: Range  # villages + communities under a 街道
    vc_town: Range  # … under a 镇
    vc_subs: dict[str, Range]  # sub-branches under a village / community org, by its kind
    town_organ_subs: Range  # branches under the town's 机关党总支 (0: the 机关 has a branch only)
    town_institutions: Range
    town_enterprises: Range
    town_social: Range
    town_soe: Range
    town_schools: int  # schools per town (under the district's 教育局党委)
    town_health: float  # chance a town has a 卫生院 / 社区卫生服务中心 org
    departments: int
    institutions: int
    district_schools: int
    hospitals: int
    soe_groups: int
    soe_subs: Range
    district_enterprises: int
    district_social: int
    unit_subs: dict[str, Range]  # sub-branches of a unit org (enterprise, school …) by its kind


SCALES: dict[str, Scale] = {
    # 吴江区 and 相城区 in full, three towns of 张家港市: ~500 orgs, ~6,000 people, a few seconds.
    "small": Scale(
        name="small",
        districts=(("320509", None), ("320507", None), ("320582", 3)),
        people=6000,
        vc_street=(4, 6),
        vc_town=(5, 8),
        vc_subs={C: (1, 2), GB: (0, 1), BR: (0, 0)},
        town_organ_subs=(0, 0),
        town_institutions=(0, 1),
        town_enterprises=(1, 3),
        town_social=(0, 1),
        town_soe=(0, 0),
        town_schools=1,
        town_health=0.3,
        departments=5,
        institutions=2,
        district_schools=1,
        hospitals=1,
        soe_groups=1,
        soe_subs=(2, 2),
        district_enterprises=2,
        district_social=1,
        unit_subs={C: (1, 2), GB: (1, 1), BR: (0, 0), JB: (0, 0)},
    ),
    # Every district of the CSV (and 蓬江区 under 江门市委): ~20,000 orgs, 700,000 people.
    "city": Scale(
        name="city",
        districts=(),
        people=700_000,
        vc_street=(12, 24),
        vc_town=(18, 32),
        vc_subs={C: (3, 6), GB: (2, 4), BR: (0, 0)},
        town_organ_subs=(2, 4),
        town_institutions=(2, 4),
        town_enterprises=(30, 60),
        town_social=(3, 8),
        town_soe=(1, 2),
        town_schools=3,
        town_health=1.0,
        departments=len(N.DEPARTMENTS),
        institutions=len(N.INSTITUTIONS),
        district_schools=8,
        hospitals=4,
        soe_groups=6,
        soe_subs=(3, 8),
        district_enterprises=40,
        district_social=12,
        unit_subs={C: (3, 6), GB: (2, 3), BR: (0, 0), JB: (0, 0)},
    ),
}


class Node:
    """One org of the tree being built, with the plan of its team and people."""

    __slots__ = (
        "id",
        "parent",
        "path",
        "depth",
        "position",
        "name",
        "short_name",
        "code",
        "kind",
        "level",
        "sector",
        "division",
        "area",
        "place",
        "established",
        "n_children",
        "party",
        "residents",
        "shared",
        "left",
        "mid_change",
        "registered",
        "weight",
        "region",
        "one_shoulder",
        "internal",
    )

    def __init__(self, **kw):
        for k in self.__slots__:
            setattr(self, k, kw.get(k))
        self.n_children = 0

    @property
    def team_people(self) -> int:
        return len(self.party) + len(self.residents) - self.shared + self.left + (1 if self.mid_change else 0)


@dataclass
class SeedResult:
    scale: str
    seed: int
    orgs: int = 0
    people: int = 0
    seats: int = 0
    terms: int = 0
    affiliations: int = 0
    seconds: float = 0.0
    modules: dict = field(default_factory=dict)  # seeder name -> {what: rows}
    timings: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return self.__dict__.copy()


# ---------------------------------------------------------------- phase 1: the tree


def load_divisions() -> list[dict]:
    with DIVISIONS_CSV.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for r in rows:
        r["towns"] = [t for t in (r.get("towns") or "").split(";") if t]
    return rows


class TreeBuilder:
    def __init__(self, rng: random.Random, scale: Scale, first_id: int, root_position: int):
        self.rng = rng
        self.scale = scale
        self.nodes: list[Node] = []
        self.next_id = first_id
        self.root_count = root_position
        self.codes: set[str] = set()
        self.firm_names: set[str] = set()

    # -- nodes
    def add(
        self,
        parent: Node | None,
        name: str,
        kind: str,
        level: str,
        sector: str,
        code: str,
        *,
        division: str = "",
        place: str = "",
        established: date | None = None,
        short_name: str = "",
    ) -> Node:
        if code in self.codes:
            raise ValueError(f"duplicate org code {code}")
        self.codes.add(code)
        if parent is None:
            self.root_count += 1
            n, prefix = self.root_count, ""
        else:
            parent.n_children += 1
            n, prefix = parent.n_children, parent.path
        node = Node(
            id=self.next_id,
            parent=parent,
            path=child_path(prefix, n),
            position=n,
            name=name,
            short_name=short_name,
            code=code,
            kind=kind,
            level=level,
            sector=sector,
            division=division or (parent.division if parent else ""),
            area=parent.area if parent else "",
            place=place or (parent.place if parent else ""),
            region=parent.region if parent else "",
            established=established,
        )
        node.depth = len(node.path) // STEP
        self.next_id += 1
        self.plan_team(node)
        self.nodes.append(node)
        return node

    def unit(
        self,
        parent: Node,
        name: str,
        kind: str,
        sector: str,
        *,
        subs: Range | None = None,
        sub_names: list[str] | None = None,
    ) -> Node:
        """A unit's org; committees and general branches get sub-branches."""
        rng = self.rng
        seq = parent.n_children + 1
        code = parent.code + (f"{500 + seq:03d}" if parent.level != OrgLevel.UNIT else f"{seq:02d}")
        node = self.add(
            parent,
            name,
            kind,
            OrgLevel.UNIT,
            sector,
            code,
            established=date(rng.randint(1985, 2020), rng.randint(1, 12), rng.randint(1, 28)),
        )
        lo, hi = subs if subs is not None else self.scale.unit_subs.get(kind, (0, 0))
        k = rng.randint(lo, hi) if hi else 0
        base = name.removesuffix("党委").removesuffix("党总支")
        for i in range(k):
            label = sub_names[i] if sub_names and i < len(sub_names) else f"第{ORDINALS[i % 10]}党支部"
            self.unit(node, base + label, BR, sector, subs=(0, 0)).internal = True
        return node

    def plan_team(self, node: Node) -> None:
        """Team sizes (seed 004: 264 村(社区) orgs, 1,323 委员, about 5 each)."""
        rng = self.rng
        level, kind = node.level, node.kind
        if level in (OrgLevel.CITY, OrgLevel.DISTRICT):
            size, deputies = rng.randint(11, 13), 2
        elif level == OrgLevel.TOWN:
            size, deputies = rng.randint(7, 9), 2
        elif level in (OrgLevel.VILLAGE, OrgLevel.COMMUNITY):
            size = {C: rng.choice((5, 7, 7)), GB: 5}.get(kind, rng.choice((3, 5, 5)))
            deputies = 1 if size >= 5 else rng.randint(0, 1)
        elif kind == C:
            size, deputies = rng.choice((5, 7, 7, 9)), rng.randint(1, 2)
        elif kind == GB:
            size, deputies = rng.choice((5, 5, 7)), 1
        else:  # branches with fewer than seven members elect a secretary (and a deputy) only
            size = rng.choice((1, 3, 3, 3, 5))
            deputies = 0 if size == 1 else rng.randint(0, 1)
        node.party = (
            [SeatRole.SECRETARY]
            + [SeatRole.DEPUTY_SECRETARY] * deputies
            + [SeatRole.MEMBER] * (size - 1 - deputies)
        )
        node.residents, node.shared, node.one_shoulder = [], 0, False
        if level in (OrgLevel.VILLAGE, OrgLevel.COMMUNITY):
            rsize = rng.choice((5, 5, 7)) if level == OrgLevel.VILLAGE else rng.choice((5, 7, 7))
            node.residents = [SeatRole.DIRECTOR, SeatRole.DEPUTY_DIRECTOR] + [SeatRole.MEMBER] * (rsize - 2)
            # 一肩挑: the secretary chairs the committee (most since 2021); 交叉任职 of 1–2 members.
            node.one_shoulder = rng.random() < 0.9
            node.shared = int(node.one_shoulder) + min(rng.randint(1, 2), size - 1)
        node.left = rng.choice((0, 1, 1, 2)) if size > 1 else rng.randint(0, 1)
        node.mid_change = rng.random() < 0.05

    # -- the tree
    def build(self, divisions: list[dict]) -> list[Node]:
        by_code = {d["division_code"]: d for d in divisions}
        wanted = self.scale.districts or tuple(
            (d["division_code"], None) for d in divisions if d["level"] != "city"
        )
        roots: dict[str, Node] = {}
        for code, limit in wanted:
            d = by_code[code]
            parent_code = d["parent_code"]
            if parent_code not in roots:
                city_name = (
                    by_code[parent_code]["name"]
                    if parent_code in by_code
                    else {"440700": "江门市"}.get(parent_code, parent_code)
                )
                roots[parent_code] = self.add(
                    None,
                    f"{city_name}委",
                    C,
                    OrgLevel.CITY,
                    Sector.ORGAN,
                    parent_code,
                    division=parent_code,
                    place=city_name,
                    established=date(1949, 4, 27) if parent_code == "320500" else date(1949, 10, 23),
                )
                root = roots[parent_code]
                # People of the city committee's own office: 姑苏区 / 蓬江区 ID area codes.
                root.area, root.region = (
                    {"320500": "320508", "440700": "440703"}.get(parent_code, parent_code),
                    parent_code[:2],
                )
            self.district(roots[parent_code], d, limit)
        return self.nodes

    def district(self, root: Node, d: dict, limit: int | None) -> None:
        rng, sc = self.rng, self.scale
        dname = d["name"]
        committee = f"{dname}党工委" if dname.endswith("园区") else f"{dname}委"
        dn = self.add(
            root,
            committee,
            C,
            OrgLevel.DISTRICT,
            Sector.ORGAN,
            d["division_code"],
            division=d["division_code"],
            place=dname,
            established=date(rng.randint(1983, 2012), 1, 1),
        )
        dn.area = d["division_code"]
        # The district's own 机关 and 事业单位 under its 机关工委.
        organ = self.unit(dn, f"{dname}级机关工委", C, Sector.ORGAN, subs=(0, 0))
        for dept in rng.sample(N.DEPARTMENTS, min(sc.departments, len(N.DEPARTMENTS))):
            kind = rng.choices((C, GB, BR), (2, 3, 5))[0]
            self.unit(
                organ,
                f"{dname}{dept}机关{'党委' if kind == C else '党总支' if kind == GB else '党支部'}",
                kind,
                Sector.ORGAN,
            )
        for inst in rng.sample(N.INSTITUTIONS, min(sc.institutions, len(N.INSTITUTIONS))):
            kind = rng.choices((GB, BR), (1, 3))[0]
            self.unit(organ, f"{dname}{inst}{'党总支' if kind == GB else '党支部'}", kind, Sector.INSTITUTION)
        # Schools and hospitals are led by their system's party committee (条线管理).
        towns = d["towns"] if limit is None else d["towns"][:limit]
        edu = self.unit(dn, f"{dname}教育局党委", C, Sector.ORGAN, subs=(0, 0))
        school_kinds = (
            "高级中学",
            "实验初级中学",
            "实验小学",
            "中等专业学校",
            "外国语学校",
            "第一中学",
            "第二中学",
            "实验幼儿园",
            "第三中学",
            "特殊教育学校",
        )
        for s in school_kinds[: sc.district_schools]:
            kind = C if "高级中学" in s or "专业" in s else rng.choices((GB, BR), (1, 2))[0]
            self.unit(
                edu,
                f"{dname}{s}{'党委' if kind == C else '党总支' if kind == GB else '党支部'}",
                kind,
                Sector.SCHOOL,
                sub_names=[
                    "行政党支部",
                    "高一年级党支部",
                    "高二年级党支部",
                    "高三年级党支部",
                    "退休教师党支部",
                    "后勤党支部",
                ]
                if kind == C
                else None,
            )
        for t in towns:
            short = t.removesuffix("街道").removesuffix("镇")
            for s in ("中心小学", "初级中学", "中心幼儿园", "实验小学")[: sc.town_schools]:
                self.unit(edu, f"{dname}{short}{s}党支部", BR, Sector.SCHOOL)
        health = self.unit(dn, f"{dname}卫生健康委员会党委", C, Sector.ORGAN, subs=(0, 0))
        for h in ("第一人民医院", "中医医院", "第二人民医院", "妇幼保健院", "第三人民医院", "精神卫生中心")[
            : sc.hospitals
        ]:
            self.unit(
                health,
                f"{dname}{h}党委",
                C,
                Sector.HOSPITAL,
                subs=(3, 6),
                sub_names=[
                    "内科党支部",
                    "外科党支部",
                    "医技党支部",
                    "护理党支部",
                    "行政后勤党支部",
                    "离退休党支部",
                ],
            )
        for t in towns:
            if rng.random() < sc.town_health:
                label = "社区卫生服务中心" if t.endswith("街道") else "卫生院"
                self.unit(health, f"{dname}{t}{label}党支部", BR, Sector.HOSPITAL)
        soe = self.unit(dn, f"{dname}国资委党委", C, Sector.ORGAN, subs=(0, 0))
        short_d = "园区" if dname.endswith("园区") else dname.removesuffix("区").removesuffix("市")
        for g in N.SOE_GROUPS[: sc.soe_groups]:
            group = self.unit(soe, f"{short_d}{g}党委", C, Sector.SOE, subs=(0, 0))
            for i in range(rng.randint(*sc.soe_subs)):
                firm = self.firm_name(short_d)
                self.unit(group, f"{firm}党{'总支' if i == 0 else '支部'}", GB if i == 0 else BR, Sector.SOE)
        if sc.district_enterprises or sc.district_social:
            two_new = self.unit(
                dn, f"{dname}非公有制经济组织和社会组织工作委员会", C, Sector.ENTERPRISE, subs=(0, 0)
            )
            two_new.short_name = f"{dname}两新工委"
            for _ in range(sc.district_enterprises):
                self.enterprise(two_new, short_d, weights=(3, 4, 12, 0))
            for s in rng.sample(N.SOCIAL_ORGS, min(sc.district_social, len(N.SOCIAL_ORGS))):
                self.unit(two_new, f"{dname}{s}党支部", BR, Sector.SOCIAL_ORG)
        n_street = n_town = 0
        for t in towns:
            street = t.endswith("街道")
            if street:
                n_street += 1
                code = f"{d['division_code']}{n_street:03d}"
            else:
                n_town += 1
                code = f"{d['division_code']}{99 + n_town:03d}"
            self.town(dn, t, code, street, short_d)

    def town(self, dn: Node, tname: str, code: str, street: bool, short_d: str) -> None:
        rng, sc = self.rng, self.scale
        tn = self.add(
            dn,
            f"{tname}党工委" if street else f"{tname}党委",
            C,
            OrgLevel.TOWN,
            Sector.ORGAN,
            code,
            division=code,
            place=dn.place + tname,
            established=date(rng.randint(1950, 2012), 1, 1),
        )
        n = rng.randint(*(sc.vc_street if street else sc.vc_town))
        share_comm = 0.85 if street else 0.3
        n_comm = max(1, round(n * share_comm)) if n else 0
        comm_names = N.unique_names(
            rng, lambda r: r.choice(N.VILLAGE_HEADS) + r.choice(N.COMMUNITY_TAILS), n_comm
        )
        vill_names = N.unique_names(
            rng, lambda r: r.choice(N.VILLAGE_HEADS) + r.choice(N.VILLAGE_TAILS), n - n_comm
        )
        for i, cname in enumerate(comm_names, 1):
            self.village(tn, cname + "社区", f"{code}{i:03d}", OrgLevel.COMMUNITY)
        for i, vname in enumerate(vill_names, 1):
            self.village(tn, vname + "村", f"{code}{199 + i:03d}", OrgLevel.VILLAGE)
        # The town's own units.
        k = rng.randint(*sc.town_organ_subs)
        self.unit(tn, f"{tname}机关党{'总支' if k else '支部'}", GB if k else BR, Sector.ORGAN, subs=(k, k))
        for inst in rng.sample(
            ("便民服务中心", "农业服务中心", "文体站", "综合执法局", "经济发展服务中心", "退役军人服务站"),
            rng.randint(*sc.town_institutions),
        ):
            self.unit(tn, f"{tname}{inst}党支部", BR, Sector.INSTITUTION)
        for _ in range(rng.randint(*sc.town_soe)):
            self.unit(tn, f"{self.firm_name(short_d)}党支部", BR, Sector.SOE)
        n_ent = rng.randint(*sc.town_enterprises)
        for i in range(n_ent):
            if i and i % 12 == 0:
                area = rng.choice(("工业园", "创业园", "商务楼宇", "科技园", "商贸城"))
                self.unit(tn, f"{tname}{area}非公企业联合党支部", JB, Sector.ENTERPRISE)
            else:
                self.enterprise(tn, short_d)
        for s in rng.sample(N.SOCIAL_ORGS, min(rng.randint(*sc.town_social), len(N.SOCIAL_ORGS))):
            self.unit(tn, f"{tname}{s}党支部", BR, Sector.SOCIAL_ORG)

    def village(self, tn: Node, vname: str, code: str, level: str) -> None:
        rng, sc = self.rng, self.scale
        kind = rng.choices((C, GB, BR), (35, 40, 25) if level == OrgLevel.VILLAGE else (30, 45, 25))[0]
        suffix = {C: "党委", GB: "党总支", BR: "党支部"}[kind]
        sector = Sector.VILLAGE if level == OrgLevel.VILLAGE else Sector.COMMUNITY
        founded = (
            date(rng.randint(1950, 2005), 1, 1)
            if level == OrgLevel.VILLAGE
            else date(rng.randint(1995, 2020), 1, 1)
        )
        vn = self.add(
            tn,
            vname + suffix,
            kind,
            level,
            sector,
            code,
            division=code,
            place=tn.place + vname,
            established=founded,
        )
        lo, hi = sc.vc_subs.get(kind, (0, 0))
        for i in range(rng.randint(lo, hi) if hi else 0):
            if level == OrgLevel.VILLAGE:
                label = (
                    f"第{ORDINALS[i % 10]}党支部"
                    if i < 4
                    else ("老党员党支部", "流动党员党支部", "企业党支部")[(i - 4) % 3]
                )
            else:
                label = (
                    f"第{ORDINALS[i % 10]}网格党支部"
                    if i < 3
                    else ("退休党员党支部", "物业党支部", "在职党员党支部")[(i - 3) % 3]
                )
            sub = self.add(
                vn,
                vname + label,
                BR,
                OrgLevel.UNIT,
                sector,
                f"{code}{i + 1:02d}",
                established=date(rng.randint(2000, 2022), rng.randint(1, 12), 1),
            )
            sub.internal = True

    def firm_name(self, place: str) -> str:
        rng = self.rng
        for _ in range(200):
            w = rng.choice(N.FIRM_WORDS) + rng.choice(N.FIRM_WORDS)
            if w[0] == w[1]:
                continue
            name = f"{place}{w}{rng.choice(N.FIRM_TRADES)}有限公司"
            if name not in self.firm_names:
                self.firm_names.add(name)
                return name
        name = f"{place}{len(self.firm_names) + 1}号有限公司"
        self.firm_names.add(name)
        return name

    def enterprise(self, parent: Node, place: str, weights=(1, 3, 12, 0)) -> Node:
        kind = self.rng.choices((C, GB, BR, JB), weights)[0]
        suffix = {C: "党委", GB: "党总支", BR: "党支部"}[kind]
        return self.unit(
            parent,
            self.firm_name(place) + suffix,
            kind,
            Sector.ENTERPRISE,
            sub_names=[
                "生产党支部",
                "技术研发党支部",
                "营销党支部",
                "管理党支部",
                "质量党支部",
                "后勤党支部",
            ],
        )


def build_tree(scale: Scale, seed: int, *, first_id: int = 1, root_position: int = 0) -> list[Node]:
    """The org tree of ``scale`` with team plans, deterministic for ``seed``."""
    rng = random.Random(f"orgwork-demo-tree-{seed}")
    nodes = TreeBuilder(rng, scale, first_id, root_position).build(load_divisions())
    _plan_registered(nodes, scale, random.Random(f"orgwork-demo-weights-{seed}"))
    return nodes


# ---------------------------------------------------------------- phase 2: people per org


def _plan_registered(nodes: list[Node], scale: Scale, rng: random.Random) -> None:
    """Spread the people who hold no seat over the orgs by a weight (party members per org kind),
    so that the total is exactly ``scale.people`` (largest remainder)."""
    for n in nodes:
        if n.level == OrgLevel.CITY:
            w = 40
        elif n.level == OrgLevel.DISTRICT:
            w = 30
        elif n.level == OrgLevel.TOWN:
            w = 25
        elif n.level in (OrgLevel.VILLAGE, OrgLevel.COMMUNITY):
            vill = n.level == OrgLevel.VILLAGE
            w = {
                C: rng.uniform(120, 250) if vill else rng.uniform(100, 200),
                GB: rng.uniform(60, 130) if vill else rng.uniform(50, 110),
            }.get(n.kind, rng.uniform(25, 60) if vill else rng.uniform(20, 50))
        else:
            w = {C: rng.uniform(60, 300), GB: rng.uniform(30, 90), JB: rng.uniform(15, 45)}.get(
                n.kind, rng.uniform(8, 40)
            )
        n.weight = w
    # An org with its own sub-branches keeps a quarter of its members; the branches share the rest.
    children: dict[int, list[Node]] = {}
    for n in nodes:
        if n.internal:
            children.setdefault(n.parent.id, []).append(n)
    for n in nodes:
        subs = children.get(n.id)
        if subs:
            total, share = n.weight, 0.75 / len(subs)
            n.weight = total * 0.25
            for s in subs:
                s.weight = total * share
    need = scale.people - sum(n.team_people for n in nodes)
    weight = sum(n.weight for n in nodes)
    if need <= 0 or weight <= 0:
        for n in nodes:
            n.registered = 0
        return
    exact = [n.weight * need / weight for n in nodes]
    floors = [math.floor(x) for x in exact]
    rest = need - sum(floors)
    order = sorted(range(len(nodes)), key=lambda i: (floors[i] - exact[i], i))
    for i in order[:rest]:
        floors[i] += 1
    for n, k in zip(nodes, floors, strict=True):
        n.registered = k


# ---------------------------------------------------------------- phase 3: people, terms, seats


class PeopleMaker:
    """Persons with valid ID numbers (GB 11643), names by era and region, education by role."""

    def __init__(self, rng: random.Random, today: date, writer, first_id: int):
        self.rng = rng
        self.today = today
        self.writer = writer
        self.next_id = first_id
        self.used_ids: set[int] = set()
        self.pools = N.given_name_pools()
        self.pinyin: dict[str, tuple[str, str]] = {}
        self.count = 0

    def make(self, node: Node, *, age: float, female: float, edu: str, status: str) -> int:
        rng = self.rng
        age = max(18.2, min(age, 95.0))
        birth = self.today - timedelta(days=int(age * 365.2425))
        sex = "F" if rng.random() < female else "M"
        era = "old" if birth.year < 1966 else "mid" if birth.year < 1986 else "young"
        surnames = N.SURNAMES_GUANGDONG if node.region == "44" else N.SURNAMES_JIANGSU
        name = surnames.pick(rng) + rng.choice(self.pools[(era, sex)])
        py = self.pinyin.get(name)
        if py is None:
            py = self.pinyin[name] = (name_pinyin(name), name_initials(name))
        # Born here (the district's code; 吴江 was 吴江市 320584 until 2012) or elsewhere.
        if rng.random() < 0.8:
            area = node.area
            if area == "320509" and birth.year < 2012:
                area = "320584"
            native = "江苏苏州" if node.region == "32" else "广东江门"
        else:
            native, area = rng.choice(N.OUTSIDE_ORIGINS.get(node.region, N.OUTSIDE_ORIGINS["32"]))
        id_number = self._id_number(area, birth, sex)
        degree = ""
        if edu in ("11", "13", "1A", "1B"):
            degree = "2" if rng.random() < 0.06 else "3"
        elif edu == "21" and rng.random() < 0.9:
            degree = "4"
        phone = rng.choice(N.MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}" if rng.random() < 0.96 else ""
        ethnicity = "01" if rng.random() < 0.985 else rng.choice(("03", "08", "02", "06", "04", "05", "10"))
        if node.level == OrgLevel.VILLAGE:
            address = f"{node.place}{rng.randint(1, 18)}组{rng.randint(1, 120)}号"
        elif node.level == OrgLevel.COMMUNITY:
            address = f"{node.place}{rng.randint(1, 40)}幢{rng.randint(1, 30)}0{rng.randint(1, 4)}室"
        else:
            address = f"{node.place}{rng.choice(ROADS)}路{rng.randint(1, 999)}号"
        pid = self.next_id
        self.next_id += 1
        self.count += 1
        self.writer.add(
            (
                pid,
                name,
                py[0],
                py[1],
                id_number,
                sex,
                birth,
                ethnicity,
                native,
                edu,
                degree,
                status,
                phone,
                address[:200],
                node.id,
            )
        )
        return pid

    def _id_number(self, area: str, birth: date, sex: str) -> str:
        rng = self.rng
        head = f"{area}{birth:%Y%m%d}"
        for _ in range(1000):
            order = rng.randrange(0, 1000)
            if (order % 2 == 1) != (sex == "M"):
                order = order ^ 1
            body = f"{head}{order:03d}"
            key = int(body)
            if key not in self.used_ids:
                self.used_ids.add(key)
                return body + check_char(body)
        raise RuntimeError(f"ran out of ID sequence numbers for {head}")


# Education (ZB64) by profile: seed 004 reports 94% 大专 and above for village teams.
EDU = {
    "village_team": N.WeightedPicker(
        [("11", 4), ("21", 38), ("31", 42), ("2B", 3), ("37", 5), ("41", 4), ("61", 4)]
    ),
    "leader": N.WeightedPicker([("11", 28), ("1B", 4), ("21", 56), ("2B", 5), ("31", 5), ("37", 2)]),
    "unit_team": N.WeightedPicker(
        [("11", 15), ("21", 55), ("31", 20), ("2B", 2), ("37", 2), ("41", 3), ("61", 3)]
    ),
    "young": N.WeightedPicker([("11", 12), ("21", 48), ("31", 25), ("41", 5), ("47", 3), ("61", 7)]),
    "middle": N.WeightedPicker(
        [("11", 5), ("21", 28), ("31", 25), ("37", 2), ("41", 10), ("61", 19), ("71", 11)]
    ),
    "old": N.WeightedPicker([("21", 7), ("31", 9), ("41", 10), ("61", 25), ("71", 36), ("81", 13)]),
}
FEMALE_BY_SECTOR = {Sector.SCHOOL: 0.55, Sector.HOSPITAL: 0.6, Sector.COMMUNITY: 0.38}


def _clip(x: float, lo: float, hi: float) -> float:
    return lo if x < lo else hi if x > hi else x


def _member_age(rng: random.Random) -> float:
    """Party members' ages: about 15% under 31, 28% over 60 (national statistics, 2023)."""
    r = rng.random()
    if r < 0.15:
        return rng.uniform(19, 31)
    if r < 0.45:
        return rng.uniform(31, 46)
    if r < 0.72:
        return rng.uniform(46, 61)
    return rng.uniform(61, 92)


def _term_start(rng: random.Random, node: Node, years: int, today: date) -> date:
    """Current term's election date. Village and community elections are synchronized
    (Jiangsu: January 2021, then the 2026 wave); others are spread so that some terms are due
    within six months and a few are overdue."""
    if node.level in (OrgLevel.VILLAGE, OrgLevel.COMMUNITY):
        wave = 2021 + 5 * ((today.year - 2021) // 5)
        start, end = date(wave - 1, 12, 1), min(date(wave, 3, 31), today - timedelta(days=1))
        if end < start:
            start, end = date(wave - 6, 12, 1), date(wave - 5, 3, 31)
        r = rng.random()
        if r < 0.04:  # not re-elected yet: overdue
            start, end = add_years(start, -years), add_years(end, -years)
        elif r < 0.14:  # off-cycle (new community, early re-election): anywhere in the term
            start, end = add_years(today, -years) + timedelta(days=1), today - timedelta(days=30)
        return start + timedelta(days=rng.randint(0, max(0, (end - start).days)))
    if rng.random() < 0.03:
        return add_years(today, -years) - timedelta(days=rng.randint(1, 240))
    span = (today - add_years(today, -years)).days - 16
    return today - timedelta(days=15 + rng.randint(0, span))


def _write_org_people(
    node: Node, rng: random.Random, today: date, people: PeopleMaker, seats, terms, years_for: dict
) -> None:
    vc = node.level in (OrgLevel.VILLAGE, OrgLevel.COMMUNITY)
    area = node.level in (OrgLevel.CITY, OrgLevel.DISTRICT, OrgLevel.TOWN)
    years = years_for[(node.kind, node.level)]
    start = _term_start(rng, node, years, today)
    prev_start, prev_end = add_years(start, -years), start - timedelta(days=1)
    female_base = FEMALE_BY_SECTOR.get(node.sector, 0.3)
    edu_team = EDU["village_team"] if vc else EDU["leader"] if area else EDU["unit_team"]

    def team_person(role: str, team: str) -> int:
        if area:
            age = {SeatRole.SECRETARY: rng.gauss(53, 3), SeatRole.DEPUTY_SECRETARY: rng.gauss(49, 4)}.get(
                role, rng.gauss(48, 5)
            )
            age = _clip(age, 36, 59)
        elif vc:
            age = {
                SeatRole.SECRETARY: rng.gauss(45, 6),
                SeatRole.DEPUTY_SECRETARY: rng.gauss(41, 6),
                SeatRole.DIRECTOR: rng.gauss(44, 6),
                SeatRole.DEPUTY_DIRECTOR: rng.gauss(40, 6),
            }.get(role, rng.gauss(38, 6.5))
            age = _clip(age, 24, 58)
        else:
            age = _clip(rng.gauss(46 if role == SeatRole.SECRETARY else 42, 7), 25, 59)
        female = female_base * (0.6 if role in (SeatRole.SECRETARY, SeatRole.DIRECTOR) else 1.0)
        status = "01"
        if team == TeamKind.RESIDENTS:
            r = rng.random()
            status = "01" if r < 0.62 else "13" if r < 0.95 else "12"
        return people.make(node, age=age, female=female, edu=edu_team.pick(rng), status=status)

    # Current party team.
    party = [(role, team_person(role, TeamKind.PARTY)) for role in node.party]
    rows: list[tuple] = []  # (team, role, person, started, ended)
    for role, pid in party:
        rows.append((TeamKind.PARTY, role, pid, start, None))
    # Residents' committee: the director is the secretary (一肩挑) when shared, then cross-serving members.
    if node.residents:
        cross = node.shared - int(node.one_shoulder)
        others = [pid for role, pid in party if role != SeatRole.SECRETARY][:cross]
        for i, role in enumerate(node.residents):
            if i == 0 and node.one_shoulder:
                pid = party[0][1]
            elif role == SeatRole.MEMBER and others:
                pid = others.pop(0)
            else:
                pid = team_person(role, TeamKind.RESIDENTS)
            rows.append((TeamKind.RESIDENTS, role, pid, start, None))
    # A secretary replaced during the term.
    if node.mid_change:
        old = people.make(
            node,
            age=_clip(rng.gauss(55, 4), 40, 62),
            female=female_base * 0.6,
            edu=edu_team.pick(rng),
            status="01",
        )
        if (today - start).days > 240:
            change = start + timedelta(days=rng.randint(180, (today - start).days - 30))
            rows[0] = (TeamKind.PARTY, SeatRole.SECRETARY, rows[0][2], change, None)
            rows.append((TeamKind.PARTY, SeatRole.SECRETARY, old, start, change - timedelta(days=1)))
        else:
            rows.append((TeamKind.PARTY, SeatRole.SECRETARY, old, prev_start, prev_end))
    # The previous term: most of the team served then too; some who served then have left.
    for team, role, pid, started, ended in list(rows):
        if ended is None and started == start and rng.random() < 0.65:
            prev_role = (
                SeatRole.DEPUTY_SECRETARY if role == SeatRole.SECRETARY and rng.random() < 0.3 else role
            )
            if team == TeamKind.RESIDENTS and pid in {p for _r, p in party}:
                continue  # one past row per person and team is enough
            rows.append((team, prev_role, pid, prev_start, prev_end))
    for _ in range(node.left):
        pid = people.make(
            node, age=_clip(rng.gauss(57, 7), 35, 80), female=female_base, edu=edu_team.pick(rng), status="01"
        )
        rows.append((TeamKind.PARTY, SeatRole.MEMBER, pid, prev_start, prev_end))
    for team, role, pid, started, ended in rows:
        seats.add((node.id, node.path, team, role, pid, started, ended, ""))
    # Members registered by the org.
    for _ in range(node.registered):
        age = _member_age(rng)
        edu = EDU["young" if age < 35 else "middle" if age < 60 else "old"].pick(rng)
        r = rng.random()
        status = "01" if r < 0.94 else "02" if r < 0.97 else "13"
        people.make(
            node, age=age, female=female_base if age < 60 else female_base * 0.8, edu=edu, status=status
        )
    # Terms: the previous one (ended) and the current one.
    number = rng.randint(3, 12) if not area else rng.randint(10, 14)
    members = node.registered + len(node.party)
    expected = max(members, len(node.party))
    method = "党员代表大会选举" if area else "党员大会选举"
    for num, s, e, ended in (
        (number - 1, prev_start, start, start),
        (number, start, add_years(start, years), None),
    ):
        actual = max(1, round(expected * rng.uniform(0.86, 0.98)))
        terms.add((node.id, node.path, num, s, e, ended, method, expected, actual, len(node.party)))


# ---------------------------------------------------------------- the run


ORG_FIELDS = (
    "id",
    "name",
    "short_name",
    "code",
    "kind",
    "level",
    "sector",
    "division_code",
    "parent_id",
    "path",
    "depth",
    "position",
    "established_on",
    "address",
    "phone",
)
PERSON_FIELDS = (
    "id",
    "name",
    "name_pinyin",
    "name_initials",
    "id_number",
    "sex",
    "birth_date",
    "ethnicity",
    "native_place",
    "education",
    "degree",
    "political_status",
    "phone",
    "address",
    "registered_org_id",
)
SEAT_FIELDS = ("org_id", "org_path", "team", "role", "person_id", "started_on", "ended_on", "notes")
TERM_FIELDS = (
    "org_id",
    "org_path",
    "number",
    "started_on",
    "ends_on",
    "ended_on",
    "election_method",
    "expected_voters",
    "actual_voters",
    "approved_seats",
)


def seed(
    scale: str | Scale, seed: int = 1, *, today: date | None = None, progress=None, modules=None
) -> SeedResult:
    """Write the demo data of ``scale`` into an empty tree, in one transaction. ``modules`` names
    the module seeders to run (all of them when None; none for an empty list)."""
    from orgwork.demo.writer import RowWriter

    sc = SCALES[scale] if isinstance(scale, str) else scale
    today = today or timezone.localdate()
    now = timezone.now()
    say = progress or (lambda msg: None)
    result = SeedResult(scale=sc.name, seed=seed)
    t0 = time.perf_counter()
    with transaction.atomic():
        first_org = (Org.all_objects.aggregate(m=Max("id"))["m"] or 0) + 1
        first_person = (Person.all_objects.aggregate(m=Max("id"))["m"] or 0) + 1
        roots = Org.all_objects.filter(depth=1).count()
        nodes = build_tree(sc, seed, first_id=first_org, root_position=roots)
        nodes.sort(key=lambda n: n.path)
        result.timings["tree"] = round(time.perf_counter() - t0, 2)
        say(f"tree: {len(nodes)} orgs planned")
        orgs = RowWriter(Org, ORG_FIELDS, now=now)
        for n in nodes:
            orgs.add(
                (
                    n.id,
                    n.name,
                    n.short_name or "",
                    n.code,
                    n.kind,
                    n.level,
                    n.sector,
                    n.division or "",
                    n.parent.id if n.parent else None,
                    n.path,
                    n.depth,
                    n.position,
                    n.established,
                    n.place if n.level in (OrgLevel.VILLAGE, OrgLevel.COMMUNITY, OrgLevel.TOWN) else "",
                    _org_phone(n),
                )
            )
        orgs.flush()
        result.orgs = orgs.count
        result.timings["orgs"] = round(time.perf_counter() - t0, 2)
        years_for = {(k, lv): term_years(k, lv) for k in OrgKind.values for lv in OrgLevel.values}
        rng = random.Random(f"orgwork-demo-people-{seed}")
        persons = RowWriter(Person, PERSON_FIELDS, now=now)
        seats = RowWriter(TeamSeat, SEAT_FIELDS, now=now)
        terms = RowWriter(Term, TERM_FIELDS, now=now)
        maker = PeopleMaker(rng, today, persons, first_person)
        step = max(1, len(nodes) // 10)
        for i, n in enumerate(nodes):
            _write_org_people(n, rng, today, maker, seats, terms, years_for)
            if i % step == 0 and i:
                say(f"people: {i}/{len(nodes)} orgs, {maker.count} people")
        for w in (persons, seats, terms):
            w.flush()
        result.people, result.seats, result.terms = persons.count, seats.count, terms.count
        result.timings["people"] = round(time.perf_counter() - t0, 2)
        _reset_sequences()
        result.affiliations = bulk_rebuild_affiliations(today)
        result.timings["affiliations"] = round(time.perf_counter() - t0, 2)
        from orgwork.demo.extensions import SeedContext, run_seeders

        ctx = SeedContext(scale=sc, seed=seed, today=today, now=now, say=say)
        result.modules = run_seeders(ctx, only=modules)
        # Module seeders may attach people to orgs (members to their branches): count afresh.
        result.affiliations = Affiliation.objects.count()
        result.timings["modules"] = round(time.perf_counter() - t0, 2)
        _analyze(ctx.analyze)
        from orgwork.core.audit import record_event
        from orgwork.core.models import ChangeLogAction

        result.seconds = round(time.perf_counter() - t0, 2)
        record_event(
            ChangeLogAction.CREATE,
            actor=None,
            note=f"seed_demo --scale {sc.name} --seed {seed}: {result.orgs} orgs, {result.people} people, "
            f"{result.seats} seats, {result.terms} terms",
            data=result.as_dict(),
        )
    result.seconds = round(time.perf_counter() - t0, 2)
    return result


def _org_phone(n: Node) -> str:
    if n.level == OrgLevel.UNIT and n.kind == BR:
        return ""
    prefix = "0750" if n.region == "44" else "0512"
    # Deterministic from the code: no draw from the shared generator.
    return f"{prefix}-{6 if prefix == '0512' else 3}{int(n.code[-7:]) % 10**7:07d}"


def _reset_sequences() -> None:
    """Explicit ids were written: move PostgreSQL's sequences past them (SQLite needs nothing)."""
    sql = connection.ops.sequence_reset_sql(no_style(), [Org, Person])
    if sql:
        with connection.cursor() as cur:
            for stmt in sql:
                cur.execute(stmt)


def _analyze(extra=()) -> None:
    """Fresh planner statistics after a bulk load (PostgreSQL's autovacuum would get there later)."""
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            for model in (Org, Person, TeamSeat, Term, Affiliation, *extra):
                cur.execute(f'ANALYZE "{model._meta.db_table}"')
        elif connection.vendor == "sqlite":
            cur.execute("ANALYZE")


def bulk_rebuild_affiliations(today: date | None = None) -> int:
    """Rebuild every affiliation row in SQL; the same rows as ``people.services.rebuild_all_affiliations``.

    That function computes in Python the union of the registered sources (for now only
    ``orgs.services.seat_affiliations``: seats current on ``today``) and, for people attached by
    none, the registering org. This is the same rule as one INSERT … SELECT. When another app
    has registered a source the SQL would not know, fall back to the function itself."""
    from orgwork.orgs.services import seat_affiliations
    from orgwork.people import services as people_services

    # A source marked ``seeded_by_module`` is empty when the base seed runs: the app's own seeder
    # writes its affiliation rows together with its data (e.g. members.seed).
    sources = [s for s in people_services._SOURCES if not getattr(s, "seeded_by_module", False)]
    if sources != [seat_affiliations]:
        return people_services.rebuild_all_affiliations()
    today = today or timezone.localdate()
    aff, seat, person, org = (m._meta.db_table for m in (Affiliation, TeamSeat, Person, Org))
    day = connection.ops.adapt_datefield_value(today)
    current = "s.deleted_at IS NULL AND (s.ended_on IS NULL OR s.ended_on >= %s)"
    with connection.cursor() as cur:
        cur.execute(f'DELETE FROM "{aff}"')
        cur.execute(
            f'INSERT INTO "{aff}" (person_id, org_id, org_path, kind) '
            f'SELECT DISTINCT s.person_id, s.org_id, s.org_path, %s FROM "{seat}" s WHERE {current} '
            f"UNION ALL "
            f'SELECT p.id, p.registered_org_id, o.path, %s FROM "{person}" p '
            f'INNER JOIN "{org}" o ON o.id = p.registered_org_id '
            f"WHERE p.deleted_at IS NULL AND NOT EXISTS "
            f'(SELECT 1 FROM "{seat}" s WHERE s.person_id = p.id AND {current})',
            ["seat", day, "registered", day],
        )
        cur.execute(f'SELECT COUNT(*) FROM "{aff}"')
        return cur.fetchone()[0]
