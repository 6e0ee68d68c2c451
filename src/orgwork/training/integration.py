"""What the training app offers the cadres app (issue 6), wired in ``TrainingConfig.ready()`` when
``orgwork.cadres`` is installed. Nothing here imports the cadres app at module level, so training
works alone; the names follow the cadres branch as of its first commit:

- ``cadres.services.register_training_hours_provider(fn)``: ``fn(person_ids, start, end)`` →
  ``{person_id: hours}``; we give ``training.services.hours_for``.
- ``cadres.services.register_archive_source(fn)``: ``fn(cadre_ids)`` yields
  ``cadres.services.ArchiveItem(cadre_id, on, kind, title, detail, url)``; we give
  ``cadre_archive_source`` (one item per class a cadre attended, with the hours credited).
- ``training.services.register_tier_provider``: we register ``cadre_tier_provider`` so a cadre's
  requirement tier comes from their rank (县处级 and above, 四级调研员 and above: 550 hours in
  five years; below: 90 a year) instead of the tier typed on an enrollment.
"""

from __future__ import annotations

__all__ = ["connect_cadres", "cadre_archive_source", "cadre_tier_provider", "COUNTY_LEVEL"]

# cadres.choices.RANK_LEVEL: 5 = 县处级副职 / 四级调研员 and above (《干部教育培训工作条例》 第二十七条).
COUNTY_LEVEL = 5


def cadre_archive_source(cadre_ids):
    from orgwork.cadres.models import Cadre
    from orgwork.cadres.services import ArchiveItem
    from orgwork.training.services import archive_entries

    by_person = dict(Cadre.objects.filter(pk__in=list(cadre_ids)).values_list("person_id", "pk"))
    for e in archive_entries(list(by_person)):
        yield ArchiveItem(by_person[e["person_id"]], e["date"], "training", e["title"], e["detail"], e["url"])


def cadre_tier_provider(person_ids):
    from django.db.models import QuerySet

    from orgwork.cadres.choices import RANK_LEVEL
    from orgwork.cadres.models import Cadre

    out = {}
    if isinstance(person_ids, QuerySet):  # a subtree's trainees: one query, the ids as a subquery
        groups = [person_ids]
    else:
        ids = list(person_ids)
        groups = [ids[i : i + 500] for i in range(0, len(ids), 500)]
    for group in groups:
        for pid, rank in (
            Cadre.objects.filter(person_id__in=group).order_by().values_list("person_id", "rank")
        ):
            level = RANK_LEVEL.get(rank, 0)
            if level:
                out[pid] = "county" if level >= COUNTY_LEVEL else "township"
    return out


def connect_cadres() -> bool:
    """Register with the cadres app; False when it (or the hooks it announced) is missing."""
    try:
        from orgwork.cadres import services as cadres_services
    except ImportError:
        return False
    from orgwork.training import services

    hours = getattr(cadres_services, "register_training_hours_provider", None)
    archive = getattr(cadres_services, "register_archive_source", None)
    if hours is None or archive is None:
        return False
    hours(services.hours_for)
    archive(cadre_archive_source)
    services.register_tier_provider(cadre_tier_provider)
    return True
