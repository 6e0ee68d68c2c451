"""Case kinds: one engine, several kinds of case (问题建议 now; 人才服务 住房/子女入学/配偶就业 next).

A kind is a registration, not a fork: its own sources, categories, default working-day deadline
and the handling days per category. To add a kind, call ``register_kind(CaseKind(...))`` from your
app's ``AppConfig.ready()`` (see docs/dev/casework-kinds.md). Everything else — states, events,
deadlines, escalation, notices, statistics, text suggestions — is shared.

Sources and categories have no public spec: they are data. A run-time ``core.Setting`` with key
``casework.kind.<code>`` (a dict with ``sources``, ``categories``, ``default_days``) overrides the
registered defaults, so an administrator can extend the lists without a release.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

__all__ = ["CaseKind", "register_kind", "get_kind", "all_kinds", "kind_choices", "DEFAULT_KIND"]


@dataclass(frozen=True)
class CaseKind:
    code: str
    label: str
    # (value, label) pairs; the value is stored, so keep it stable.
    sources: tuple = ()
    categories: tuple = ()
    # Working days the lead org gets when the assigner does not choose (per category when listed).
    default_days: int = 15
    days_by_category: dict = field(default_factory=dict)
    # Co-handling orgs get this many working days fewer than the lead (they report to the lead).
    co_days_offset: int = 0

    def _override(self) -> dict:
        from orgwork.core.settings_store import get_setting

        try:
            return get_setting(f"casework.kind.{self.code}", {}) or {}
        except Exception:  # table not migrated yet (checks, makemigrations)
            return {}

    def source_choices(self):
        extra = self._override().get("sources") or []
        return list(self.sources) + [(s, s) for s in extra if s not in dict(self.sources)]

    def category_choices(self):
        extra = self._override().get("categories") or []
        return list(self.categories) + [(c, c) for c in extra if c not in dict(self.categories)]

    def days_for(self, category: str) -> int:
        o = self._override()
        by_cat = {**self.days_by_category, **(o.get("days_by_category") or {})}
        return int(by_cat.get(category) or o.get("default_days") or self.default_days)


_KINDS: dict[str, CaseKind] = {}


def register_kind(kind: CaseKind) -> CaseKind:
    _KINDS[kind.code] = kind
    return kind


def get_kind(code: str) -> CaseKind:
    return _KINDS.get(code) or _KINDS[DEFAULT_KIND]


def all_kinds() -> list[CaseKind]:
    return list(_KINDS.values())


def kind_choices():
    return [(k.code, k.label) for k in _KINDS.values()]


DEFAULT_KIND = "suggestion"

# Seed 004 (书记讲给书记听, 问题交办、督办、查办一条龙) and seed 003 (红色议事会, 网格党群服务站点):
# the sources and the categories of the closed loop. Deadline: 15 working days by default, 10 for
# matters of daily life (no public spec: configurable, see the module docstring).
register_kind(
    CaseKind(
        code=DEFAULT_KIND,
        label=_("problems and suggestions"),
        sources=(
            ("secretary_forum", _("secretaries tell secretaries")),
            ("red_council", _("red council")),
            ("grid", _("grid report")),
            ("visit", pgettext_lazy("casework", "home visit")),
            ("talent_service", _("talent service")),
            ("other", _("other source")),
        ),
        categories=(
            ("infrastructure", _("roads and infrastructure")),
            ("environment", _("living environment")),
            ("livelihood", _("livelihood and social security")),
            ("party_building", _("party building")),
            ("industry", _("industry and collective economy")),
            ("governance", _("grassroots governance")),
            ("talent", _("talent and employment")),
            ("other", _("other")),
        ),
        default_days=15,
        days_by_category={"livelihood": 10, "environment": 10},
    )
)
