"""A measured speed-up of django-tables2 (pinned 3.0.1): cache the argument signature of cell
render functions.

django-tables2 calls ``inspect.signature`` for every cell it renders (``utils.call_with_appropriate``);
for a page of 50 people × 9 columns that was about a fifth of the list page's server time at city
scale (bench/RESULTS.md). The signature of a function never changes, so it is computed once per
function (bound methods share their underlying function). Bounded, so per-request lambdas cannot
grow it without limit.
"""

import django_tables2.utils as tables2_utils

__all__ = ["install"]

_MAX = 4096


def install():
    original = getattr(tables2_utils.signature, "__wrapped__", tables2_utils.signature)
    memo: dict = {}

    def signature(fn):
        key = (getattr(fn, "__func__", fn), hasattr(fn, "__func__"))
        try:
            return memo[key]
        except KeyError:
            pass
        except TypeError:  # unhashable callable
            return original(fn)
        result = original(fn)
        if len(memo) >= _MAX:
            memo.clear()
        memo[key] = result
        return result

    signature.__wrapped__ = original
    tables2_utils.signature = signature
