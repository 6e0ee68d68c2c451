"""Orgs by natural key, for imports: by code, by full path name (“吴江区委/震泽镇党委/众安桥村党委”,
from any level down) or by a name that is unique (within a given org, e.g. the town of a roster row)."""

import re
import threading
import unicodedata

from django.utils.translation import gettext as _

from orgwork.core.imports.base import RowProblem
from orgwork.core.imports.values import text
from orgwork.core.paths import STEP
from orgwork.orgs.models import Org

__all__ = ["OrgIndex", "OrgIndexMixin", "OrgPlacedMixin", "ORG_ALIASES", "example_org", "example_id_number"]

_SEPARATORS = re.compile(r"\s*[/>＞\\|｜]\s*")
_SUFFIXES = ("党委", "党总支", "党支部", "党工委", "总支", "支部", "委员会")
ORG_ALIASES = (
    "党组织",
    "党组织名称",
    "所在党组织",
    "组织名称",
    "组织",
    "单位",
    "所在单位",
    "单位名称",
    "村(社区)",
    "村(社区)党组织",
)


def _norm(s) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(s or "")))


def _variants(name: str):
    """A name and the name without the org suffix: 众安桥村党委 → 众安桥村; 震泽镇党委 → 震泽镇."""
    n = _norm(name)
    out = {n}
    for suffix in _SUFFIXES:
        if n.endswith(suffix) and len(n) > len(suffix):
            out.add(n[: -len(suffix)])
    return out


_SHARED = {"generation": None, "index": None}
_SHARED_LOCK = threading.Lock()


class OrgIndex:
    """Every org (not in the recycle bin) by code, by path-name suffix and by name. Orgs created by
    the import are added as they are queued.

    Building it reads every org (about a second for a city's 20,000), so ``OrgIndex.current()``
    keeps one per process for the org table as it stands and gives each import its own copy to
    add to: a five-row preview no longer reads the whole tree."""

    def __init__(self, *, load=True):
        self.by_code = {}
        self.by_path = {}
        self.by_segments = {}
        self.by_name = {}
        if load:
            for org in Org.objects.all().order_by("path"):
                self.add(org)

    @classmethod
    def current(cls):
        """The index of the orgs as they now stand, for one import to use."""
        from django.db.models import Count, Max, Sum

        # The org table's own state: a new or purged org changes the count and the last id, an
        # edit its time and version, a delete, restore or move the version (each bumps it).
        # Not the change log's newest id: exports, logins and every other module's edits move
        # that on, and the index would be rebuilt for nearly every import.
        table = Org.all_objects.aggregate(
            n=Count("id"), last=Max("id"), changed=Max("updated_at"), versions=Sum("version")
        )
        generation = (table["n"], table["last"], table["changed"], table["versions"])
        with _SHARED_LOCK:
            shared = _SHARED["index"] if _SHARED["generation"] == generation else None
        if shared is None:
            shared = cls()
            with _SHARED_LOCK:
                _SHARED.update(generation=generation, index=shared)
        return shared.copy()

    @staticmethod
    def forget():
        """Drop the shared index (tests, whose rolled-back data may repeat the table's figures)."""
        with _SHARED_LOCK:
            _SHARED.update(generation=None, index=None)

    _MAPS = ("by_code", "by_path", "by_segments", "by_name")
    _shared = False  # the maps are another index's, until the first ``add`` copies them

    def copy(self):
        """An index with the same entries whose additions leave this one untouched. The maps are
        shared until the first ``add`` copies them (``add`` never appends to a list it did not
        make): most imports add no org, and a five-row roster then costs no copy of a city's
        20,000 orgs."""
        other = OrgIndex(load=False)
        for name in self._MAPS:
            setattr(other, name, getattr(self, name))
        other._shared = True
        return other

    def add(self, org):
        if self._shared:
            for name in self._MAPS:
                setattr(self, name, dict(getattr(self, name)))
            self._shared = False
        self.by_code[org.code.strip().upper()] = org
        if org.path:
            self.by_path[org.path] = org
        parent = self.by_path.get(org.path[:-STEP]) if org.path and len(org.path) > STEP else None
        parent_segments = parent._import_segments if parent is not None else ()
        segments = (*parent_segments, _norm(org.name))
        org._import_segments = segments
        for i in range(len(segments)):
            self.by_segments[segments[i:]] = [*self.by_segments.get(segments[i:], ()), org]
        names = _variants(org.name) | (_variants(org.short_name) if org.short_name else set())
        for n in names:
            self.by_name[n] = [*self.by_name.get(n, ()), org]

    def resolve(self, value, *, within=None):
        """The org a cell names, or RowProblem(None, reason)."""
        s = text(value)
        if not s:
            return None
        org = self.by_code.get(s.upper())
        if org is not None:
            return org
        parts = [p for p in _SEPARATORS.split(s) if p]
        if len(parts) > 1:
            found = self._unique(self.by_segments.get(tuple(_norm(p) for p in parts), []), s)
            if found is not None:
                return found
            # Segments written with short names or without suffixes: match the last one by name
            # under the org the earlier segments name.
            try:
                above = self.resolve("/".join(parts[:-1]), within=within)
            except RowProblem:
                above = None
            if above is not None:
                return self.resolve(parts[-1], within=above)
            raise RowProblem(None, _("No organization “{}” was found.").format(s))
        candidates = []
        for n in _variants(s):
            for org in self.by_name.get(n, []):
                if org not in candidates:
                    candidates.append(org)
        if within is not None:
            candidates = [o for o in candidates if o.path.startswith(within.path) and o is not within]
        if not candidates:
            raise RowProblem(None, _("No organization “{}” was found.").format(s))
        return self._unique(candidates, s, required=True)

    def _unique(self, candidates, s, required=False):
        exact = [o for o in candidates if _norm(o.name) == _norm(s)]
        if len(exact) == 1:
            return exact[0]
        if len(candidates) == 1:
            return candidates[0]
        if len(candidates) > 1:
            raise RowProblem(
                None,
                _(
                    "Several organizations are called “{}”; write its code or its full name, e.g. “{}”."
                ).format(s, " / ".join(candidates[0]._import_segments)),
            )
        return None


class OrgIndexMixin:
    def prepare(self):
        super().prepare()
        self.orgs = OrgIndex.current()

    def resolve_org(self, value):
        try:
            return self.orgs.resolve(value, within=getattr(self, "row_within", None))
        except RowProblem as exc:
            raise RowProblem("org", exc.reason) from None


def example_org(user):
    """The first org where ``user`` may add records, for templates' example rows."""
    from orgwork.accounts.scope import scope_prefixes

    prefixes = scope_prefixes(user, "add")
    return Org.objects.filter(path__in=prefixes).order_by("path").first() if prefixes else None


def example_id_number() -> str:
    """A valid (made-up) ID number of a man born on 1985-05-20, for templates' example rows."""
    from orgwork.people.idnumber import check_char

    body = "32050919850520001"
    return body + check_char(body)


class OrgPlacedMixin(OrgIndexMixin):
    """An importer whose records lie at the org named in their "org" column: that column decides
    the scope check, and the template's example row names the first org the user may add to."""

    def example_row(self):
        org = example_org(self.user)
        return {("org", ""): org.code if org else ""}

    def placement_field(self, part):
        return "org"
