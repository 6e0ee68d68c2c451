"""Verbs on people: keep affiliations derived, reveal an ID number (audited), find and merge duplicates."""

from collections.abc import Callable, Iterable

from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from orgwork.core.audit import record_change, record_event, snapshot
from orgwork.core.models import ChangeLogAction
from orgwork.core.services import insert_rows
from orgwork.people.choices import AffiliationKind
from orgwork.people.models import Affiliation, Person

__all__ = [
    "register_affiliation_source",
    "refresh_affiliations",
    "add_new_people_affiliations",
    "rebuild_all_affiliations",
    "reveal_id_number",
    "duplicate_groups",
    "merge_people",
]

# Each source maps person ids to (person_id, org_id, org_path, kind) rows. Apps that attach people to
# orgs (seats here; memberships, posts, employers later) register one in their AppConfig.ready().
_SOURCES: list[Callable[[Iterable[int] | None], Iterable[tuple[int, int, str, str]]]] = []


def register_affiliation_source(fn):
    if fn not in _SOURCES:
        _SOURCES.append(fn)
    return fn


def _compute(person_ids):
    rows = set()
    for source in _SOURCES:
        rows.update(source(person_ids))
    attached = {r[0] for r in rows}
    # A person with no attachment belongs to the org that registered them.
    # No ordering: Person's default (pinyin) order would make SQLite walk that index over the whole
    # table instead of looking the ids up.
    qs = (
        Person.objects.order_by()
        if person_ids is None
        else Person.objects.filter(pk__in=person_ids).order_by()
    )
    for pid, org_id, path in qs.values_list("pk", "registered_org_id", "registered_org__path"):
        if pid not in attached:
            rows.add(_registered(pid, org_id, path))
    return rows


def _registered(person_id, org_id, org_path):
    """The affiliation row of a person attached to no org: the org that registered them."""
    return (person_id, org_id, org_path, AffiliationKind.REGISTERED.value)


@transaction.atomic
def refresh_affiliations(person_ids):
    """Rebuild the affiliation rows of these people from their sources of truth."""
    person_ids = [p for p in person_ids if p]
    if not person_ids:
        return
    wanted = _compute(person_ids)
    existing = {
        (a.person_id, a.org_id, a.org_path, a.kind): a.pk
        for a in Affiliation.objects.filter(person_id__in=person_ids)
    }
    stale = [pk for key, pk in existing.items() if key not in wanted]
    if stale:
        Affiliation.objects.filter(pk__in=stale).delete()
    # Plain values, no model object per row: an import of 100,000 people adds as many rows here.
    _insert_affiliations(sorted(row for row in wanted if row not in existing))


def _insert_affiliations(rows):
    """Insert (person id, org id, org path, kind) rows, as ``_compute`` gives them."""
    insert_rows(
        Affiliation, [Affiliation._meta.get_field(n) for n in ("person", "org", "org_path", "kind")], rows
    )


def add_new_people_affiliations(people):
    """The affiliation rows of people just inserted: nothing can be attached to them yet, so
    each belongs to the org that registered them (what ``refresh_affiliations`` would find, without
    asking every source about ids that nothing refers to)."""
    _insert_affiliations(
        [
            _registered(p.pk, p.registered_org_id, p.registered_org.path)
            for p in people
            if p.registered_org_id
        ],
    )


@transaction.atomic
def rebuild_all_affiliations():
    """Rebuild every affiliation (after a bulk load). Returns the number of rows."""
    Affiliation.objects.all().delete()
    rows = sorted(_compute(None))
    _insert_affiliations(rows)
    return len(rows)


def reveal_id_number(person, *, user):
    """The unmasked ID number for a user who may see it; every reveal is logged."""
    from orgwork.accounts.scope import can_view_sensitive

    if not can_view_sensitive(user, person):
        return person.masked_id_number
    record_event(ChangeLogAction.VIEW_SENSITIVE, actor=user, obj=person, note="id_number")
    return person.id_number


def duplicate_groups(queryset):
    """Groups of people who share an ID number (case-insensitive) or, lacking one, name and birth date."""
    return (
        queryset.exclude(birth_date=None)
        .values("name", "birth_date")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .order_by("name")
    )


@transaction.atomic
def merge_people(keep: Person, drop: Person, *, actor):
    """Merge ``drop`` into ``keep``: every link to ``drop`` is moved to ``keep``, blank fields of
    ``keep`` are filled from ``drop``, and ``drop`` goes to the recycle bin marked as merged."""
    from orgwork.core.services import delete_object

    if keep.pk == drop.pk:
        raise ValueError(_("A person cannot be merged with themselves."))
    if keep.id_number and drop.id_number and keep.id_number != drop.id_number:
        raise ValueError(_("The two people have different ID numbers and cannot be merged."))
    before = snapshot(keep)
    moved = {}
    for rel in Person._meta.related_objects:
        if rel.related_model is Affiliation or rel.remote_field.name == "merged_into":
            continue
        if rel.many_to_many:
            continue
        model = rel.related_model
        manager = getattr(model, "all_objects", model._default_manager)
        n = manager.filter(**{rel.field.name: drop}).update(**{rel.field.name: keep})
        if n:
            moved[model._meta.label] = n
    for f in Person._meta.concrete_fields:
        if f.name in ("id", "id_number", "merged_into", "deleted_at", "deleted_by", "version"):
            continue
        if f.editable and not getattr(keep, f.attname) and getattr(drop, f.attname):
            setattr(keep, f.attname, getattr(drop, f.attname))
    drop_id_number = drop.id_number
    Person.all_objects.filter(pk=drop.pk).update(merged_into=keep, id_number=None)
    if not keep.id_number and drop_id_number:
        keep.id_number = drop_id_number
    keep.version += 1
    keep.save()
    drop.refresh_from_db()
    delete_object(drop, actor=actor)
    record_change(keep, ChangeLogAction.MERGE, actor=actor, before=before, note=f"merged #{drop.pk}: {moved}")
    refresh_affiliations([keep.pk, drop.pk])
    return keep
