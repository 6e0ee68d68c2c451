"""Demo data of the modules built on the core tree: each app registers a seeder in its ``ready()``.

    from orgwork.demo.extensions import register_seeder
    register_seeder("members", seed_members, order=10)

``seed_demo`` runs the seeders in ``order`` after the orgs, people, terms, seats and
affiliations are written, inside the same transaction, each with a :class:`SeedContext`. A seeder
writes with ``demo.writer.RowWriter`` (COPY on PostgreSQL) and reads what it needs with SQL; it
must be deterministic (draw only from ``ctx.rng(name)``), proportionate to ``ctx.scale`` and finish
``city`` in a minute or two. It returns a dict of row counts, shown by ``seed_demo`` and recorded
in the seed's change-log event. Tables it wrote are listed in ``ctx.analyze`` for ANALYZE."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

__all__ = ["SeedContext", "register_seeder", "run_seeders", "seeder_names"]


@dataclass
class SeedContext:
    scale: object  # generator.Scale; ``scale.name`` is "small" or "city"
    seed: int
    today: date
    now: datetime
    say: Callable[[str], None]
    analyze: list = field(default_factory=list)  # models whose tables want fresh statistics

    def rng(self, name: str) -> random.Random:
        """A generator of its own per seeder, so one module's draws do not shift another's."""
        return random.Random(f"orgwork-demo-{name}-{self.seed}")


_SEEDERS: list[tuple[int, str, Callable[[SeedContext], dict]]] = []


def register_seeder(name: str, fn: Callable[[SeedContext], dict], *, order: int = 50) -> None:
    if any(n == name for _, n, _ in _SEEDERS):
        return
    _SEEDERS.append((order, name, fn))
    _SEEDERS.sort(key=lambda t: (t[0], t[1]))


def seeder_names() -> list[str]:
    return [name for _, name, _ in _SEEDERS]


def run_seeders(ctx: SeedContext, only=None) -> dict[str, dict]:
    """Run every registered seeder in order, or only those named in ``only``."""
    unknown = set(only or ()) - set(seeder_names())
    if unknown:
        raise ValueError("unknown demo seeder(s): " + ", ".join(sorted(unknown)))
    out = {}
    for _, name, fn in _SEEDERS:
        if only is not None and name not in only:
            continue
        ctx.say(f"{name}: seeding")
        out[name] = fn(ctx) or {}
        ctx.say(f"{name}: {out[name]}")
    return out
