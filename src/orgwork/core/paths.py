"""Materialized paths of the org tree.

A node's path is its parent's path plus a fixed-width step of digits, so a subtree is one
range ``path >= P AND path < P + "~"`` on an indexed column. On PostgreSQL the path columns
are declared ``COLLATE "C"`` (see ``core.migration_ops.CCollate``) so that both the range and a
prefix ``LIKE`` use the B-tree index; SQLite compares bytes already.
"""

from django.db.models import Q

__all__ = [
    "STEP",
    "MAX_CHILDREN",
    "step",
    "child_path",
    "subtree_q",
    "subtrees_q",
    "minimal_prefixes",
    "depth_of",
]

STEP = 4
MAX_CHILDREN = 10**STEP - 1
UPPER = "~"  # sorts after every digit in C/binary collation


def step(n: int) -> str:
    if not 1 <= n <= MAX_CHILDREN:
        raise ValueError(f"child number {n} out of range")
    return str(n).zfill(STEP)


def child_path(parent_path: str, n: int) -> str:
    return parent_path + step(n)


def depth_of(path: str) -> int:
    return len(path) // STEP


def subtree_q(prefix: str, field: str = "path") -> Q:
    """Q for every row whose ``field`` lies in the subtree rooted at ``prefix`` (itself included)."""
    return Q(**{field + "__gte": prefix, field + "__lt": prefix + UPPER})


def subtrees_q(prefixes, field: str = "org_path") -> Q:
    """Rows in any of the subtrees (an empty list matches nothing)."""
    q = Q(pk__in=[])
    for p in minimal_prefixes(prefixes):
        q |= subtree_q(p, field)
    return q


def minimal_prefixes(paths) -> list[str]:
    """Drop every path that lies under another one in the list."""
    out: list[str] = []
    for p in sorted(set(paths)):
        if not out or not p.startswith(out[-1]):
            out.append(p)
    return out
