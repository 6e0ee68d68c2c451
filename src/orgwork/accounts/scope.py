"""Scope: which part of the tree a user may act on. Every queryset of every door starts here."""

from django.http import Http404

from orgwork.accounts.roles import ROLE_ACTIONS
from orgwork.core.paths import minimal_prefixes

__all__ = [
    "scope_prefixes",
    "scope_q",
    "has_action",
    "has_global_action",
    "access_object",
    "can_view_sensitive",
]


def _grants(user):
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_orgwork_grants", None)
    if cached is None:
        cached = list(user.grants.all().values_list("role", "org_path", "can_view_sensitive"))
        user._orgwork_grants = cached
    return cached


def scope_prefixes(user, action="view") -> list[str]:
    """Materialized-path prefixes of the subtrees where ``user`` may do ``action``."""
    paths = []
    for role, path, sensitive in _grants(user):
        if not path:
            continue
        if action in ROLE_ACTIONS.get(role, ()) or (action == "view_sensitive" and sensitive):
            paths.append(path)
    return minimal_prefixes(paths)


def scope_q(model, user, action="view"):
    """A Q keeping the rows of ``model`` in the user's scope for ``action``, or None for nothing."""
    prefixes = scope_prefixes(user, action)
    if not prefixes:
        return None
    return model.scope_q_for_prefixes(prefixes)


def has_action(user, action, path=None) -> bool:
    """May ``user`` do ``action`` somewhere (or at the node with materialized path ``path``)?"""
    prefixes = scope_prefixes(user, action)
    if path is None:
        return bool(prefixes)
    return any(path.startswith(p) for p in prefixes)


def has_global_action(user, action) -> bool:
    return any(action in ROLE_ACTIONS.get(role, ()) for role, _path, _s in _grants(user))


def can_view_sensitive(user, obj) -> bool:
    return (
        obj is not None and type(obj).all_objects.filter(pk=obj.pk).restrict(user, "view_sensitive").exists()
    )


def access_object(model, user, pk, action="view", *, include_deleted=False, select_related=()):
    """The one way to fetch a single object: the same 404 for "missing" and "forbidden".
    ``select_related``: related records to fetch with it."""
    manager = model.all_objects if include_deleted else model.objects
    qs = manager.restrict(user, action).filter(pk=pk)
    if select_related:
        qs = qs.select_related(*select_related)
    obj = qs.first()
    if obj is None:
        raise Http404("not found")
    return obj
