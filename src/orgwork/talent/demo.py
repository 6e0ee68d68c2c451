"""Demo data of talent work, in the proportions of the seeds: at ``city`` scale about 350,000
talents (seed 002: 343万 talents in a city of ten million, scaled to the demo's population), with
programs, awards within budget, cards, pairs, stations and about 30 challenges worth nearly
600亿元; at ``small`` a few hundred talents. Written with ``bulk_create``; deterministic for the
seed and always finite."""

from __future__ import annotations

__all__ = ["seed_talent", "TALENTS_BY_SCALE"]

TALENTS_BY_SCALE = {"small": 300, "city": 350_000}


def seed_talent(ctx):
    from orgwork.talent.seed import run

    return run(ctx)
