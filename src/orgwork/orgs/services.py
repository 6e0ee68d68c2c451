"""Verbs and figures of the org tree: create and move nodes, terms due, team-structure statistics."""

from dataclasses import dataclass
from datetime import date

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Avg, Count, F, Func, IntegerField, Max, Q, Value
from django.db.models.functions import Concat, Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from orgwork.core.audit import record_change, snapshot
from orgwork.core.models import ChangeLogAction
from orgwork.core.paths import STEP, child_path, subtree_q
from orgwork.orgs.models import Org, TeamSeat, Term
from orgwork.orgs.rules import COLLEGE_CODES, REMINDER_MONTHS, UNDER_AGES, add_months

__all__ = [
    "allocate_path",
    "create_org",
    "move_org",
    "seat_affiliations",
    "TermStatus",
    "term_status",
    "terms_due",
    "TeamStats",
    "team_stats",
    "subtree_counts",
    "subtree_figures",
]

MOVE_LOCK_KEY = 7_301_001  # pg_advisory_xact_lock key serializing tree moves


def _lock_tree():
    """Serialize path allocation and moves: an advisory lock on PostgreSQL; SQLite's write
    transactions are already exclusive (transaction_mode IMMEDIATE)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", [MOVE_LOCK_KEY])


def allocate_path(parent: Org | None) -> str:
    prefix = parent.path if parent else ""
    depth = len(prefix) // STEP + 1
    siblings = Org.all_objects.filter(subtree_q(prefix, "path") if prefix else Q(), depth=depth)
    last = siblings.aggregate(m=Max("path"))["m"]
    n = int(last[-STEP:]) + 1 if last else 1
    return child_path(prefix, n)


@transaction.atomic
def create_org(org: Org, *, actor) -> Org:
    """Create ``org`` under ``org.parent`` with the next free path."""
    _lock_tree()
    org.path = allocate_path(org.parent)
    org.depth = len(org.path) // STEP
    org.full_clean()
    org.save()
    record_change(org, ChangeLogAction.CREATE, actor=actor)
    return org


def _path_models():
    """Every model carrying a copy of an org path that must follow a move."""
    out = []
    for model in apps.get_models():
        for f in model._meta.concrete_fields:
            if f.name == "org_path":
                out.append(model)
    return out


@transaction.atomic
def move_org(org: Org, new_parent: Org, *, actor) -> Org:
    """Move ``org`` and its whole subtree under ``new_parent``; copies of paths follow. Audited."""
    _lock_tree()
    org = Org.all_objects.select_for_update().get(pk=org.pk)
    new_parent = Org.all_objects.get(pk=new_parent.pk)
    if new_parent.path.startswith(org.path):
        raise ValidationError(
            _("An organization cannot be moved under itself or one of its subordinate organizations.")
        )
    if org.parent_id == new_parent.pk:
        return org
    before = snapshot(org)
    old = org.path
    new = allocate_path(new_parent)
    delta = len(new) // STEP - len(old) // STEP
    tail = Substr("path", len(old) + 1)
    Org.all_objects.filter(subtree_q(old, "path")).update(
        path=Concat(Value(new), tail), depth=F("depth") + delta
    )
    Org.all_objects.filter(pk=org.pk).update(parent=new_parent, version=F("version") + 1)
    for model in _path_models():
        manager = getattr(model, "all_objects", model._default_manager)
        manager.filter(subtree_q(old, "org_path")).update(
            org_path=Concat(Value(new), Substr("org_path", len(old) + 1))
        )
    org.refresh_from_db()
    record_change(org, ChangeLogAction.MOVE, actor=actor, before=before, note=f"{old} → {new}")
    return org


def seat_affiliations(person_ids):
    """Affiliation source: a person holding a current seat is attached to that org."""
    today = timezone.localdate()
    qs = TeamSeat.objects.filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
    if person_ids is not None:
        qs = qs.filter(person_id__in=person_ids)
    return [
        (p, o, path, "seat") for p, o, path in qs.values_list("person_id", "org_id", "org_path").distinct()
    ]


@dataclass
class TermStatus:
    code: str  # "ok", "due" (within the reminder window), "overdue", "ended"
    label: str
    days_left: int | None


def term_status(term: Term, today: date | None = None) -> TermStatus:
    today = today or timezone.localdate()
    if term.ended_on:
        return TermStatus("ended", _("term ended"), None)
    days = (term.ends_on - today).days
    if days < 0:
        return TermStatus("overdue", _("overdue"), days)
    if term.ends_on <= add_months(today, REMINDER_MONTHS):
        return TermStatus("due", _("due soon"), days)
    return TermStatus("ok", _("on schedule"), days)


def terms_due(queryset, today: date | None = None):
    """Current terms ending within the reminder window (6 months) or already overdue, soonest first."""
    today = today or timezone.localdate()
    return (
        queryset.filter(ended_on__isnull=True, ends_on__lte=add_months(today, REMINDER_MONTHS))
        .select_related("org")
        .order_by("ends_on")
    )


@dataclass
class TeamStats:
    orgs: int
    seats: int
    people: int
    mean_age: float | None
    under_35: float | None
    under_40: float | None
    college: float | None
    women: float | None
    as_of: date

    def as_dict(self):
        return self.__dict__.copy()


class AgeOn(Func):
    """Completed years on ``as_of`` from a birth-date column: (yyyymmdd(as_of) − yyyymmdd(birth)) ÷ 10000,
    integer division. Written per database so that SQLite does not call back into Python per row."""

    output_field = IntegerField()

    def __init__(self, field: str, as_of: date):
        self.as_of_number = as_of.year * 10000 + as_of.month * 100 + as_of.day
        super().__init__(F(field))

    def as_sqlite(self, compiler, connection, **extra):
        column, params = compiler.compile(self.source_expressions[0])
        return "((%s - CAST(REPLACE({}, '-', '') AS INTEGER)) / 10000)".format(column), [
            self.as_of_number,
            *params,
        ]

    def as_postgresql(self, compiler, connection, **extra):
        column, params = compiler.compile(self.source_expressions[0])
        return "((%s - CAST(to_char({}, 'YYYYMMDD') AS INTEGER)) / 10000)".format(column), [
            self.as_of_number,
            *params,
        ]

    def as_sql(self, compiler, connection, **extra):
        raise NotImplementedError("AgeOn supports SQLite and PostgreSQL")


def team_stats(seats, as_of: date | None = None) -> TeamStats:
    """Team structure of the seats held on ``as_of``: counts, mean age, shares under 35 and 40,
    share with 大专 or above (ZB64 codes in ``rules.COLLEGE_CODES``), share of women.

    Each person counts once however many seats they hold (a secretary who also chairs the
    villagers' committee is one 委员 in seed 004's sense). Shares are of the people whose
    attribute is known."""
    from orgwork.people.models import Person

    as_of = as_of or timezone.localdate()
    held = seats.filter(started_on__lte=as_of).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=as_of))
    people = Person.objects.filter(pk__in=held.values("person_id"))
    cut35 = add_months(as_of, -12 * UNDER_AGES[0])
    cut40 = add_months(as_of, -12 * UNDER_AGES[1])
    agg = people.aggregate(
        n=Count("id"),
        n_birth=Count("id", filter=Q(birth_date__isnull=False)),
        mean_age=Avg(AgeOn("birth_date", as_of), filter=Q(birth_date__isnull=False)),
        u35=Count("id", filter=Q(birth_date__gt=cut35)),
        u40=Count("id", filter=Q(birth_date__gt=cut40)),
        n_edu=Count("id", filter=~Q(education="")),
        college=Count("id", filter=Q(education__in=COLLEGE_CODES)),
        n_sex=Count("id", filter=~Q(sex="")),
        women=Count("id", filter=Q(sex="F")),
    )
    seat_agg = held.aggregate(seats=Count("id"), orgs=Count("org_id", distinct=True))

    def share(k, base):
        return round(agg[k] / agg[base], 4) if agg[base] else None

    return TeamStats(
        orgs=seat_agg["orgs"],
        seats=seat_agg["seats"],
        people=agg["n"],
        mean_age=round(float(agg["mean_age"]), 1) if agg["mean_age"] is not None else None,
        under_35=share("u35", "n_birth"),
        under_40=share("u40", "n_birth"),
        college=share("college", "n_edu"),
        women=share("women", "n_sex"),
        as_of=as_of,
    )


def subtree_counts(org: Org) -> dict:
    """Counts of the subtree under ``org`` by kind and level, and the people attached to it."""
    from orgwork.people.models import Affiliation

    orgs = Org.objects.filter(subtree_q(org.path, "path"))
    by_kind = dict(orgs.values_list("kind").annotate(n=Count("id")).order_by())
    by_level = dict(orgs.values_list("level").annotate(n=Count("id")).order_by())
    people = (
        Affiliation.objects.filter(subtree_q(org.path, "org_path")).values("person_id").distinct().count()
    )
    return {"orgs": sum(by_kind.values()), "by_kind": by_kind, "by_level": by_level, "people": people}


def subtree_figures(org: Org, as_of: date) -> dict:
    """The org page's figures for the subtree under ``org``: team structure of all teams and of
    village/community teams on ``as_of``, and counts. Cached per data generation (exact)."""
    from orgwork.core.figures import cached_figures

    def compute():
        seats = TeamSeat.objects.filter(subtree_q(org.path, "org_path"))
        return {
            "stats": team_stats(seats, as_of),
            "village_stats": team_stats(seats.filter(org__level__in=["village", "community"]), as_of),
            "counts": subtree_counts(org),
        }

    return cached_figures("org:{}:{}".format(org.path, as_of.isoformat()), compute)
