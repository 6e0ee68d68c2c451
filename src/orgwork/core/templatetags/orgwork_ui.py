"""Template helpers of the UI: term status, shares as percentages, labels of choice codes,
hidden inputs that keep a list's query string, and the data of the org-detail charts."""

from django import template
from django.db import models
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

register = template.Library()

__all__ = ["register"]


@register.filter
def term_status(term):
    """The ``TermStatus`` of a term (orgs.services.term_status is the one rule)."""
    from orgwork.orgs.services import term_status as status

    if term is None or not getattr(term, "ends_on", None):
        return None
    return status(term)


STATUS_BADGES = {"ok": "bg-green-lt", "due": "bg-warning-lt", "overdue": "bg-danger-lt", "ended": "bg-secondary-lt"}


@register.filter
def status_badge(status):
    """CSS class of the badge for a term status code."""
    code = getattr(status, "code", status)
    return STATUS_BADGES.get(code, "bg-secondary-lt")


@register.filter
def percent(value, digits=0):
    """0.9412 -> "94%"; None -> "—"."""
    if value is None or value == "":
        return "—"
    try:
        return "{:.{}f}%".format(float(value) * 100, int(digits))
    except (TypeError, ValueError):
        return "—"


@register.filter
def percent_int(value):
    """0.9412 -> 94 (for progress bars); None -> 0."""
    try:
        return int(round(float(value) * 100))
    except (TypeError, ValueError):
        return 0


@register.filter
def abs_value(value):
    try:
        return abs(value)
    except TypeError:
        return value


def _choice_label(choices, code):
    return dict(choices).get(code, code or "—")


@register.filter
def org_kind_label(code):
    from orgwork.orgs.choices import OrgKind

    return _choice_label(OrgKind.choices, code)


@register.filter
def org_level_label(code):
    from orgwork.orgs.choices import OrgLevel

    return _choice_label(OrgLevel.choices, code)


KIND_BADGES = {
    "committee": "bg-red-lt",
    "general_branch": "bg-orange-lt",
    "branch": "bg-blue-lt",
    "joint_branch": "bg-purple-lt",
}


@register.filter
def kind_badge(code):
    return KIND_BADGES.get(code, "bg-secondary-lt")


@register.filter
def is_model(value):
    return isinstance(value, models.Model)


@register.filter
def object_url(value):
    """The detail URL of a model instance, or "" when it has none."""
    getter = getattr(value, "get_absolute_url", None)
    if getter is None:
        return ""
    try:
        return getter()
    except Exception:  # noqa: BLE001 - a missing URL must not break a page
        return ""


@register.filter
def verbose_name_of(obj):
    return obj._meta.verbose_name if isinstance(obj, models.Model) else ""


@register.simple_tag
def hidden_params(query, *exclude):
    """Hidden inputs carrying ``query`` (a QueryDict) except the named keys, so that a small form
    (page size, columns) keeps the list's filters and order."""
    skip = set(exclude)
    pairs = [(k, v) for k in query for v in query.getlist(k) if k not in skip]
    return format_html_join("", '<input type="hidden" name="{}" value="{}">', pairs)


@register.simple_tag
def icon(name, extra=""):
    """A Tabler webfont icon."""
    return format_html('<i class="ti ti-{}{}" aria-hidden="true"></i>', name, " " + extra if extra else "")


@register.simple_tag
def org_chart_data(stats=None, village_stats=None, counts=None):
    """Data of the org-detail charts, labels translated; rendered with ``json_script``."""
    from orgwork.orgs.choices import OrgKind, OrgLevel

    def shares(s):
        if s is None:
            return None
        return [
            {"name": _("Under 35"), "value": s.under_35},
            {"name": _("Under 40"), "value": s.under_40},
            {"name": _("College or above"), "value": s.college},
            {"name": _("Women"), "value": s.women},
        ]

    data = {
        "shares": {
            "labels": [_("Under 35"), _("Under 40"), _("College or above"), _("Women")],
            "series": [],
        },
        "mean_age": getattr(stats, "mean_age", None),
        "mean_age_label": _("Mean age"),
        "by_kind": [],
        "by_level": [],
        "kind_title": _("Organizations by kind"),
        "level_title": _("Organizations by level"),
    }
    for title, s in ((_("Whole subtree"), stats), (_("Villages and communities"), village_stats)):
        if s is not None and s.people:
            data["shares"]["series"].append(
                {"name": title, "data": [None if x["value"] is None else round(x["value"] * 100, 1) for x in shares(s)]}
            )
    if counts:
        kinds = dict(OrgKind.choices)
        levels = dict(OrgLevel.choices)
        data["by_kind"] = [{"name": str(kinds.get(k, k)), "value": n} for k, n in sorted(counts.get("by_kind", {}).items())]
        data["by_level"] = [
            {"name": str(levels.get(k, k)), "value": counts["by_level"][k]}
            for k in [c for c, _l in OrgLevel.choices]
            if counts.get("by_level", {}).get(k)
        ]
    return data
