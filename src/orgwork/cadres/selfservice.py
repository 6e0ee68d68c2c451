"""The cadre's own record in the self-service portal (app selfservice, ``/me/``): current post and
rank, training hours this year against the requirement (``training.services.requirement_rows``,
when the training app is installed), the last entries of the growth archive and the assignments in
progress. Read-only; every query starts from the person linked to the logged-in user.

The growth archive shown to the cadre leaves out what the organization keeps for itself: the reserve
pool (后备干部, 组织掌握), organizers' notes and the five-dimension evaluations with their assessors."""

from __future__ import annotations

from django.apps import apps
from django.utils import timezone
from django.utils.translation import gettext_lazy

from orgwork.cadres.choices import ArchiveKind
from orgwork.cadres.models import Assignment, Cadre, CadrePost
from orgwork.cadres.services import archive_for

__all__ = ["cadre_panel", "PANEL", "ORGANIZERS_ONLY", "ARCHIVE_ENTRIES"]

ORGANIZERS_ONLY = frozenset({ArchiveKind.RESERVE, ArchiveKind.NOTE, ArchiveKind.EVALUATION})
ARCHIVE_ENTRIES = 10


def _training(person, year):
    if not apps.is_installed("orgwork.training"):
        return None
    from orgwork.training.services import requirement_rows

    return requirement_rows([person.pk], year)[0]


def cadre_panel(request, person):
    cadre = Cadre.objects.filter(person=person).select_related("org").first()
    if cadre is None:
        return None
    today = timezone.localdate()
    posts = CadrePost.objects.filter(cadre=cadre, ended_on__isnull=True).select_related("org")
    archive = [i for i in archive_for([cadre.pk]) if i.kind not in ORGANIZERS_ONLY][:ARCHIVE_ENTRIES]
    kinds = dict(ArchiveKind.choices)
    assignments = (
        Assignment.objects.filter(cadre=cadre, starts_on__lte=today, ends_on__gte=today)
        .select_related("org", "batch")
        .order_by("ends_on", "pk")
    )
    return {
        "cadre": cadre,
        "posts": list(posts.order_by("-started_on", "-pk")),
        "year": today.year,
        "training": _training(person, today.year),
        "archive": [(i, kinds.get(i.kind, i.kind)) for i in archive],
        "assignments": list(assignments),
    }


PANEL = dict(
    code="cadre",
    title=gettext_lazy("My cadre record"),
    template="cadres/me_panel.html",
    context=cadre_panel,
    order=40,
)
