"""Measured speed-ups of django-tables2 (pinned 3.0.1): cache the argument signature of cell
render functions, and compile a template column's template code once.

django-tables2 calls ``inspect.signature`` for every cell it renders (``utils.call_with_appropriate``);
for a page of 50 people × 9 columns that was about a fifth of the list page's server time at city
scale (bench/RESULTS.md). The signature of a function never changes, so it is computed once per
function (bound methods share their underlying function). Bounded, so per-request lambdas cannot
grow it without limit.

A ``TemplateColumn`` given ``template_code`` (django-tables2's own ``DateColumn`` and
``DateTimeColumn`` are such columns) compiles ``Template(template_code)`` for every cell: at city
scale a third of the person list's server time went to parsing the same date template 50 times a
page. A compiled ``Template`` is immutable and renders with any context, so one per code is kept.
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

    from django_tables2.columns import templatecolumn

    compile_template = getattr(templatecolumn.Template, "__wrapped__", templatecolumn.Template)
    compiled: dict = {}

    def template(code, *args, **kwargs):
        if args or kwargs:
            return compile_template(code, *args, **kwargs)
        try:
            return compiled[code]
        except KeyError:
            pass
        if len(compiled) >= _MAX:
            compiled.clear()
        result = compiled[code] = compile_template(code)
        return result

    template.__wrapped__ = compile_template
    templatecolumn.Template = template
