"""The registry of the self-service portal ("我的", ``/me/``). An app that keeps records about a
person contributes a panel: a template and a function that gives its context for the person linked
to the logged-in user (``accounts.User.person``), or None when the app has nothing about them.
Register in the app's ``AppConfig.ready`` (docs/dev/self-service.md)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["Panel", "register_panel", "registered_panels", "panels_for"]


@dataclass(frozen=True)
class Panel:
    code: str
    title: object
    template: str
    # (request, person) -> dict for the template, or None: nothing about this person here.
    context: Callable
    order: int = 100


_PANELS: dict[str, Panel] = {}


def register_panel(panel: Panel) -> None:
    _PANELS[panel.code] = panel


def registered_panels() -> list[Panel]:
    return sorted(_PANELS.values(), key=lambda p: (p.order, p.code))


def panels_for(request, person) -> list[tuple[Panel, dict]]:
    """The panels that have something about ``person``, each with its context. Every context
    function reads only the person's own records: the portal needs no scoped grant."""
    out = []
    for panel in registered_panels():
        ctx = panel.context(request, person)
        if ctx is not None:
            out.append((panel, ctx))
    return out
