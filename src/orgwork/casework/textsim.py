"""Chinese text similarity for duplicate and routing suggestions: character bigrams (plus single
Han characters for very short texts) scored with Okapi BM25, in pure Python, offline — no model,
no dictionary load (jieba would add ~1 s per process for little gain on short complaint texts).

One index per process, built from the cases of the last ``WINDOW_DAYS`` days plus every open case
(when the worker starts, by ``prewarm``, or on first use), refreshed incrementally (new ids) on each
query and rebuilt in the background every ``REBUILD_SECONDS``. Each
entry carries the case's state, lead org and org path, so that scope and "open or recent" are
filtered after scoring without touching the database again.
"""

from __future__ import annotations

import heapq
import logging
import math
import re
import threading
import time
from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import timedelta
from operator import itemgetter

from django.utils import timezone

__all__ = ["tokens", "CaseIndex", "get_index", "prewarm", "suggest", "Suggestion", "reset_index"]

logger = logging.getLogger(__name__)

WINDOW_DAYS = 365
REBUILD_SECONDS = 600
# Bigrams present in more than this share of the documents carry little signal (“问题”, “村民”)
# and cost the most to score: at 130,000 cases, 8% → p95 340 ms, 1.5% → 121 ms on a loaded
# machine, with the same routing accuracy on the labelled set (bench/casework.py).
MAX_DF_SHARE = 0.015
K1, B = 1.2, 0.75

_HAN = re.compile(r"[\u4e00-\u9fff]+|[a-zA-Z0-9]+")
# Frequent words of complaint texts that say nothing about the matter.
_STOP = set("的了是在和与及对为请有我们你他她它这那个些就都也还要把被将于从向等啊呢吧吗")


def tokens(text: str) -> list[str]:
    """Character bigrams of each run of Han characters (stop characters dropped), plus latin/digit
    words lower-cased."""
    out: list[str] = []
    for run in _HAN.findall(text or ""):
        if run[0] < "\u4e00":
            out.append(run.lower())
            continue
        chars = [c for c in run if c not in _STOP]
        if len(chars) == 1:
            out.append(chars[0])
        out.extend(chars[i] + chars[i + 1] for i in range(len(chars) - 1))
    return out


@dataclass
class Suggestion:
    case_id: int
    score: float
    title: str
    state: str
    lead_org_id: int | None
    raised_on: object


class CaseIndex:
    """An inverted index of case texts (title twice + description) for BM25 scoring."""

    def __init__(self):
        # token → (document numbers, term frequencies): compact arrays, ~5 bytes a posting, so that
        # a city's 200,000 cases fit in a worker's memory.
        self.postings: dict[str, tuple[array, array]] = {}
        self.lengths = array("H")
        # (case_id, title, state, lead_org_id, org_path, raised_on, category, raised_place)
        self.meta: list[tuple] = []
        self.total_len = 0
        self.max_id = 0
        self.built_at = 0.0
        self.pos: dict[int, int] = {}
        self._norm: list[float] = []
        self._norm_n = -1

    def add(
        self, case_id, title, description, state, lead_org_id, org_path, raised_on, category="", place=""
    ):
        if case_id in self.pos:
            i = self.pos[case_id]
            self.meta[i] = (case_id, title, state, lead_org_id, org_path, raised_on, category, place or "")
            return
        toks = tokens(f"{title} {title} {description}")
        i = len(self.meta)
        self.pos[case_id] = i
        self.meta.append((case_id, title, state, lead_org_id, org_path, raised_on, category, place or ""))
        self.lengths.append(min(len(toks), 65535))
        self.total_len += len(toks)
        for tok, tf in Counter(toks).items():
            plist = self.postings.get(tok)
            if plist is None:
                plist = self.postings[tok] = (array("i"), array("B"))
            plist[0].append(i)
            plist[1].append(min(tf, 255))
        self.max_id = max(self.max_id, case_id)

    def _norms(self, avg: float) -> list[float]:
        """BM25's length normalisation per document, computed once per index size."""
        if self._norm_n != len(self.lengths):
            k, b = K1 * (1 - B), K1 * B / avg
            self._norm = [k + b * n for n in self.lengths]
            self._norm_n = len(self.lengths)
        return self._norm

    def scores(self, text: str) -> dict[int, float]:
        n = len(self.meta)
        if not n:
            return {}
        avg = self.total_len / n
        limit = max(50, int(n * MAX_DF_SHARE))
        acc: dict[int, float] = defaultdict(float)
        norms = self._norms(avg)
        for tok, qtf in Counter(tokens(text)).items():
            plist = self.postings.get(tok)
            if not plist or len(plist[0]) > limit:
                continue
            df = len(plist[0])
            w = qtf * math.log(1 + (n - df + 0.5) / (df + 0.5)) * (K1 + 1)
            for i, tf in zip(plist[0], plist[1], strict=True):
                acc[i] += w * tf / (tf + norms[i])
        return acc

    def search(self, text, *, limit=10, exclude_id=None, keep=None, acc=None):
        """The best matches as ``(score, meta)``; ``keep(meta)`` filters (scope, state). ``acc``:
        scores already computed for ``text`` (several filtered searches, one scoring)."""
        acc = self.scores(text) if acc is None else acc
        # The best few hundred first (a heap, not a sort of every scored case); all of them only
        # when the filter leaves too few.
        for best in (heapq.nlargest(limit * 20, acc.items(), key=itemgetter(1)), None):
            if best is None:
                best = sorted(acc.items(), key=itemgetter(1), reverse=True)
            out = []
            for i, score in best:
                m = self.meta[i]
                if m[0] == exclude_id or (keep and not keep(m)):
                    continue
                out.append((score, m))
                if len(out) >= limit:
                    return out
            if len(best) < limit * 20:
                return out
        return out


_index: CaseIndex | None = None
_lock = threading.Lock()


def _rows(qs):
    return qs.values_list(
        "pk",
        "title",
        "description",
        "state",
        "lead_org_id",
        "org_path",
        "raised_on",
        "category",
        "raised_place",
    ).iterator(chunk_size=5000)


def _base_qs():
    from django.db.models import Q

    from orgwork.casework.choices import OPEN_STATES
    from orgwork.casework.models import Case

    since = timezone.localdate() - timedelta(days=WINDOW_DAYS)
    return Case.objects.filter(Q(raised_on__gte=since) | Q(state__in=OPEN_STATES))


def _build() -> CaseIndex:
    idx = CaseIndex()
    for row in _rows(_base_qs()):
        idx.add(*row)
    idx.built_at = time.monotonic()
    return idx


_rebuilding = False


def _rebuild_in_background() -> None:
    """Build a fresh index beside the one in use and swap it in: nobody waits for a rebuild."""
    global _index, _rebuilding
    from django.db import connection

    try:
        fresh = _build()
        with _lock:
            _index = fresh  # cases added meanwhile come in with the next top-up (ids > max_id)
    except Exception:  # the old index serves on; the next call after REBUILD_SECONDS tries again
        logger.exception("rebuilding the case text index failed")
    finally:
        _rebuilding = False
        connection.close()


def get_index() -> CaseIndex:
    """The process's index: built on first use (or beforehand by :func:`prewarm`), topped up with
    new cases on every call, and rebuilt in the background every ``REBUILD_SECONDS`` (so that
    state changes and the window's end are picked up) while the current one keeps serving."""
    global _index, _rebuilding
    with _lock:
        if _index is None:
            _index = _build()
            return _index
        if time.monotonic() - _index.built_at > REBUILD_SECONDS and not _rebuilding:
            _rebuilding = True
            threading.Thread(target=_rebuild_in_background, name="case-index", daemon=True).start()
        # New cases only (they are recent by definition): an index range on the primary key,
        # not the window's OR, which would scan the table on every keystroke.
        from orgwork.casework.models import Case

        for row in _rows(Case.objects.filter(pk__gt=_index.max_id)):
            _index.add(*row)
        return _index


def prewarm() -> threading.Thread:
    """Build the index in a background thread, so that the first person to register a case does
    not wait for it (a city's 200,000 cases take 10-25 s). gunicorn calls this as each worker
    starts (deploy/gunicorn.conf.py)."""

    def run():
        from django.db import connection

        try:
            get_index()
        except Exception:
            logger.exception("building the case text index failed")
        finally:
            connection.close()

    thread = threading.Thread(target=run, name="case-index-prewarm", daemon=True)
    thread.start()
    return thread


def reset_index() -> None:
    global _index
    with _lock:
        _index = None


def same_place(meta, text: str, place: str = "") -> bool:
    """Whether a candidate concerns the same place: its place equals the one entered, or its place
    name occurs in the new text. Similar wording about another village is another matter."""
    cp = meta[7]
    if not cp:
        return False
    return (bool(place) and cp == place) or cp in text


def suggest(
    text: str, *, prefixes=None, route_prefix=None, place="", exclude_id=None, limit_dupes=5, limit_similar=30
):
    """Duplicate candidates (same place, open or raised in the last 90 days) and the handling orgs
    of the most similar past cases, within ``prefixes`` (the user's view scope; None = all);
    routing looks first among the cases registered under ``route_prefix`` (the registering org:
    who handled this kind of matter here), then in the whole scope.

    Returns ``(duplicates, routing)``: duplicates are ``Suggestion``s whose BM25 score reaches
    ``DUPLICATE_MIN_SCORE`` of the text's self-score; routing is a list of ``(org_id, weight,
    [Suggestion …])`` best first — the cases are the "why"."""
    from orgwork.casework.choices import OPEN_STATES

    idx = get_index()
    recent = timezone.localdate() - timedelta(days=90)

    def in_scope(m):
        return prefixes is None or any(m[4].startswith(p) for p in prefixes)

    acc = idx.scores(text)
    top = idx.search(text, limit=limit_similar, exclude_id=exclude_id, keep=in_scope, acc=acc)
    if not top:
        return [], []
    norm = _self_score(idx, text) or max(top[0][0], 1e-9)
    dupes = []
    for score, m in top:
        if score / norm < DUPLICATE_MIN_SCORE:
            break
        if not same_place(m, text, place):
            continue
        if m[2] in OPEN_STATES or (m[5] and m[5] >= recent):
            dupes.append(Suggestion(m[0], round(score / norm, 2), m[1], m[2], m[3], m[5]))
        if len(dupes) >= limit_dupes:
            break
    pool = top
    if route_prefix:
        local = idx.search(
            text,
            limit=limit_similar,
            exclude_id=exclude_id,
            keep=lambda m: m[4].startswith(route_prefix) and in_scope(m),
            acc=acc,
        )
        if local:
            pool = local
    votes: dict[int, list] = defaultdict(list)
    for score, m in pool[:10]:
        if m[3]:
            # A past case at the same place counts double: its handler is the local one.
            votes[m[3]].append((score * (2 if same_place(m, text, place) else 1), m))
    routing = sorted(
        (
            (
                org,
                round(sum(s for s, _m in items) / norm, 2),
                [Suggestion(m[0], round(s / norm, 2), m[1], m[2], m[3], m[5]) for s, m in items[:3]],
            )
            for org, items in votes.items()
        ),
        key=lambda t: -t[1],
    )
    return dupes, routing[:3]


# A candidate (at the same place) is a likely duplicate when its BM25 score reaches this share of
# the score the text would get against itself. Chosen on the labelled demo set (bench/casework.py:
# 0.45 → P 0.69 / R 0.89, 0.6 → P 0.86 / R 0.83, 0.75 → P 0.95 / R 0.65): a missed duplicate costs
# a double handling, a false one only a glance, so recall is favoured.
DUPLICATE_MIN_SCORE = 0.6


def _self_score(idx: CaseIndex, text: str) -> float:
    """BM25 of ``text`` against itself as if it were a document of average length."""
    n = len(idx.meta)
    if not n:
        return 0.0
    limit = max(50, int(n * MAX_DF_SHARE))
    total = 0.0
    for tok, tf in Counter(tokens(text)).items():
        plist = idx.postings.get(tok)
        df = len(plist[0]) if plist else 0
        if df > limit:
            continue
        idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
        total += idf * tf * (K1 + 1) / (tf + K1)
    return total
