"""Template helpers of the UI: term status, shares as percentages, labels of choice codes,
hidden inputs that keep a list's query string, and the data of the org-detail charts."""

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.template.defaultfilters import date as date_filter
from django.utils.encoding import force_str
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
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


STATUS_BADGES = {
    "ok": "bg-green-lt",
    "due": "bg-warning-lt",
    "overdue": "bg-danger-lt",
    "ended": "bg-secondary-lt",
}


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
def detail_url(pk, viewname):
    """``{{ term.pk|detail_url:"orgs:term_detail" }}``: the same URL as ``{% url "orgs:term_detail"
    term.pk %}``, without a reverse() per row (core.urlcache)."""
    from orgwork.core.urlcache import pk_url

    return pk_url(viewname, pk)


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
                {
                    "name": title,
                    "data": [None if x["value"] is None else round(x["value"] * 100, 1) for x in shares(s)],
                }
            )
    if counts:
        kinds = dict(OrgKind.choices)
        levels = dict(OrgLevel.choices)
        data["by_kind"] = [
            {"name": str(kinds.get(k, k)), "value": n} for k, n in sorted(counts.get("by_kind", {}).items())
        ]
        data["by_level"] = [
            {"name": str(levels.get(k, k)), "value": counts["by_level"][k]}
            for k in [c for c, _l in OrgLevel.choices]
            if counts.get("by_level", {}).get(k)
        ]
    return data


@register.simple_tag
def nav_active(menu, path):
    """URL of the menu entry that best matches ``path`` (longest prefix), for the active mark."""
    best = ""
    for item in menu or ():
        url = item.get("url", "")
        if url and path.startswith(url) and len(url) > len(best):
            best = url
    return best


_NAV_BARS: dict = {}


@register.simple_tag
def nav_bar(menu, path):
    """The main menu bar (core/_nav_bar.html) for ``menu`` with the entry of ``path`` marked
    active. The bar depends only on the menu's entries (``Menu.key``), the active entry and the
    language, so it is rendered once for each of these and then reused: it was most of a page's
    template work outside its content (about 40 entries and their groups)."""
    from django.conf import settings
    from django.template.loader import get_template
    from django.utils.safestring import mark_safe
    from django.utils.translation import get_language

    active_url = nav_active(menu, path)
    key = None if settings.DEBUG else getattr(menu, "key", None)  # DEBUG: edited templates show
    cache_key = (key, active_url, get_language())
    html = _NAV_BARS.get(cache_key) if key is not None else None
    if html is None:
        html = get_template("core/_nav_bar.html").render({"nav_menu": menu, "active_url": active_url})
        if key is not None:
            if len(_NAV_BARS) >= 1024:
                _NAV_BARS.clear()
            _NAV_BARS[cache_key] = html
    return mark_safe(html)


@register.filter
def nav_groups(menu, active_url=""):
    from orgwork.core.navigation import menu_groups

    return menu_groups(menu or (), active_url)


@register.filter
def ui_field(bound_field):
    """Render a bound field with the Tabler class its widget needs, when the form set none."""
    from django import forms

    widget = bound_field.field.widget
    if widget.attrs.get("class"):
        return bound_field.as_widget()
    if isinstance(widget, forms.CheckboxInput):
        css = "form-check-input"
    elif isinstance(widget, forms.Select):
        css = "form-select"
    else:
        css = "form-control"
    return bound_field.as_widget(attrs={"class": css})


# Fields of the change log that say nothing to a reader.
NOISE_FIELDS = {
    "id",
    "path",
    "depth",
    "version",
    "org_path",
    "name_pinyin",
    "name_initials",
    "created_at",
    "updated_at",
    "deleted_at",
    "deleted_by_id",
}


@register.simple_tag
def changelog_changes(record):
    """(label, before, after) of a ChangeLog row with the fields' verbose names; a creation lists
    only the values that were set."""
    model = record.content_type.model_class() if record.content_type_id else None
    labels, choices = {}, {}
    if model is not None:
        for f in model._meta.concrete_fields:
            labels[f.attname] = str(f.verbose_name)
            labels[f.name] = str(f.verbose_name)
            if f.choices:
                choices[f.attname] = choices[f.name] = {str(k): str(v) for k, v in f.flatchoices}
    out = []
    for name, before, after in record.changed_fields:
        if name in NOISE_FIELDS:
            continue
        if record.action == "create" and after in (None, "", [], {}):
            continue
        if name in choices:
            before = choices[name].get(str(before), before) if before not in (None, "") else before
            after = choices[name].get(str(after), after) if after not in (None, "") else after
        out.append((labels.get(name, name), before, after))
    return out


@register.simple_tag
def scoped_ancestors(ancestors, user):
    """(org, linkable) for the breadcrumbs: ancestors outside the user's scope are shown unlinked."""
    from orgwork.accounts.scope import scope_prefixes

    prefixes = scope_prefixes(user, "view")
    return [(a, any(a.path.startswith(p) for p in prefixes)) for a in ancestors]


@register.simple_tag
def multi_choice_state(bound_field):
    """Selected values and their labels of a multiple-choice filter field."""
    value = bound_field.value() or []
    if not isinstance(value, (list, tuple)):
        value = [value]
    selected = [str(v) for v in value]
    labels = [str(label) for code, label in bound_field.field.choices if str(code) in selected]
    return {"selected": selected, "labels": labels}


@register.filter
def is_multiple(bound_field):
    from django import forms

    return isinstance(bound_field.field.widget, forms.SelectMultiple)


@register.filter
def as_str(value):
    return str(value)


def _plain_value(bound_column, value=None):
    return value


_GENERIC = object()  # "compute this cell the way django-tables2 does"


class _PlainCell:
    """The cell of a plain column, as django-tables2 computes it (the choice's label for a model
    field with choices, the attribute otherwise, the column's default when empty), with the
    choices' labels looked up in a dict made once per column instead of once per cell, and the
    attribute read directly instead of through the accessor's lookups."""

    def __init__(self, column):
        self.column = column
        self.accessor = str(column.accessor)
        self.simple = "." not in self.accessor and "__" not in self.accessor
        self.labels = None  # choice code → label, once the first record tells the model
        self.checked = False

    def value(self, row):
        """The column's value for the row (before the default), or _GENERIC."""
        record = row.record
        if not self.simple or not isinstance(record, models.Model):
            return _GENERIC
        if not self.checked:
            self.checked = True
            try:
                field = record._meta.get_field(self.accessor)
            except FieldDoesNotExist:
                field = None
            if (
                field is not None
                and getattr(field, "choices", ())
                and hasattr(record, f"get_{self.accessor}_display")
            ):
                self.labels = {k: force_str(v, strings_only=True) for k, v in field.flatchoices}
        try:
            value = getattr(record, self.accessor)
        except Exception:  # noqa: BLE001 - django-tables2 turns a failed lookup into the default
            return _GENERIC
        if callable(value):  # the accessor calls it (unless it alters data): its own path
            return _GENERIC
        if self.labels is not None:
            try:
                value = self.labels.get(value, value)
            except TypeError:  # an unhashable value: as Django's get_FOO_display would
                return _GENERIC
        return value

    def generic(self, row, column):
        return row._get_and_render_with(column, render_func=_plain_value, default=column.default)

    def __call__(self, row, column):
        value = self.value(row)
        if value is _GENERIC:
            return self.generic(row, column)
        if value in self.column.column.empty_values:
            return self.column.default
        return self.render(value, row, column)

    def render(self, value, row, column):
        """The cell of a value that is there (not empty, not left to django-tables2)."""
        return value


class _RenderedCell(_PlainCell):
    """A cell with markup of its own: what it cannot render itself is left to django-tables2's
    ``get_cell`` (the column's own render and template)."""

    def generic(self, row, column):
        return row.get_cell(column.name)


class _LinkedCell(_RenderedCell):
    """A plain column with ``linkify``: the value in ``<a href="…">``, the URL from the record's
    (or the attribute's) ``get_absolute_url`` or from the column's URL function, as
    django-tables2's ``LinkTransform`` makes it."""

    def __init__(self, column):
        super().__init__(column)
        from django_tables2.utils import AttributeDict

        link = column.link
        self.url = link.url if callable(link.url) else None
        target = str(link.accessor) if link.accessor is not None else column.name
        self.target = target if "." not in target and "__" not in target else None
        # The <a>'s own attributes come first, then href (LinkTransform.get_attrs).
        self.attrs_html = AttributeDict(link.attrs or {}).as_html()

    @staticmethod
    def usable(column):
        link = column.link
        attrs = link.attrs or {}
        return (
            link.reverse_args == {}
            and (link.url is None or callable(link.url))
            and "href" not in attrs
            and not any(callable(v) for v in attrs.values())
        )

    def render(self, value, row, column):
        record = row.record
        if self.url is not None:
            from django_tables2.utils import call_with_appropriate

            href = call_with_appropriate(
                self.url,
                {
                    "value": value,
                    "record": record,
                    "column": column.column,
                    "bound_column": column,
                    "bound_row": row,
                    "table": row.table,
                },
            )
        else:
            if self.target is None:
                return self.generic(row, column)
            try:
                target = getattr(record, self.target)
            except Exception:  # noqa: BLE001 - the accessor's own lookups and errors
                return self.generic(row, column)
            if callable(target):
                return self.generic(row, column)
            if not hasattr(target, "get_absolute_url"):
                if not hasattr(record, "get_absolute_url"):
                    return self.generic(row, column)  # django-tables2 raises its TypeError
                target = record
            href = target.get_absolute_url()
        if href is None:
            return value
        # format_html("<a {}>{}</a>", attrs with href last, value), spelled out
        return mark_safe(
            '<a {}href="{}">{}</a>'.format(
                self.attrs_html + " " if self.attrs_html else "",
                conditional_escape(href),
                conditional_escape(value),
            )
        )


class _DateCell(_RenderedCell):
    """A ``DateColumn`` / ``DateTimeColumn`` cell: its template ``{{ value|date:"…"|default:default }}``
    applied with the same filters and escaping, without a template render per cell."""

    def __init__(self, column, fmt):
        super().__init__(column)
        self.fmt = fmt

    @classmethod
    def format_of(cls, column):
        """The date format of a date column left as django-tables2 builds it, or None."""
        import re

        from django_tables2.columns import DateColumn, DateTimeColumn

        col = column.column
        if type(col) not in (DateColumn, DateTimeColumn) or col.extra_context or col.template_name:
            return None
        match = re.fullmatch(r'\{\{ value\|date:"([^"]*)"\|default:default \}\}', col.template_code or "")
        return match.group(1) if match else None

    def render(self, value, row, column):
        context = getattr(row.table, "context", None)
        if context is not None and not context.autoescape:
            return self.generic(row, column)
        use_tz = context.use_tz if context is not None else None
        use_l10n = context.use_l10n if context is not None else None
        text = date_filter(template_localtime(value, use_tz=use_tz), self.fmt) or column.default
        return conditional_escape(localize(template_localtime(text, use_tz=use_tz), use_l10n=use_l10n))


class _CheckBoxCell(_RenderedCell):
    """A ``CheckBoxColumn`` cell (never checked, static input attributes):
    ``<input type="checkbox" name="…" value="…" …/>`` as the column renders it (AttributeDict's
    markup: ``key="value"`` pairs, escaped, None left out), the text around the value made once."""

    def __init__(self, column):
        super().__init__(column)
        col = column.column
        attrs = dict(
            {"type": "checkbox", "name": column.name, "value": _GENERIC},
            **(col.attrs.get("td__input") or col.attrs.get("input") or {}),
        )
        skip = ("th", "td", "_ordering", "thead", "tbody", "tfoot")
        pairs = [(k, v) for k, v in attrs.items() if k not in skip and v is not None]
        at = next((i for i, (k, v) in enumerate(pairs) if v is _GENERIC), None)
        self.before = self.after = None
        if at is not None:
            esc = conditional_escape
            self.before = "".join('{}="{}" '.format(esc(k), esc(v)) for k, v in pairs[:at])
            self.before += '{}="'.format(esc(pairs[at][0]))
            self.after = '"' + "".join(' {}="{}"'.format(esc(k), esc(v)) for k, v in pairs[at + 1 :])

    @staticmethod
    def usable(column):
        from django_tables2.columns import CheckBoxColumn

        col = column.column
        if type(col) is not CheckBoxColumn or col.checked is not None:
            return False
        attrs = col.attrs.get("td__input") or col.attrs.get("input") or {}
        return isinstance(attrs, dict) and not any(callable(v) or isinstance(v, dict) for v in attrs.values())

    def value(self, row):
        if self.before is None:  # "value" replaced by the column's attrs: django-tables2's way
            return _GENERIC
        return super().value(row)

    def render(self, value, row, column):
        return mark_safe("<input {}{}{} />".format(self.before, conditional_escape(value), self.after))


def _fast_cell(table, column):
    """The fast renderer of a column's cells, or None for django-tables2's own ``get_cell``."""
    import django_tables2 as tables
    from django_tables2.columns.base import LinkTransform

    if getattr(table, "render_" + column.name, None) is not None:
        return None
    col = column.column
    if type(col) is tables.Column:
        if not column.link:
            return _PlainCell(column)
        if type(column.link) is LinkTransform and _LinkedCell.usable(column):
            return _LinkedCell(column)
        return None
    if column.link:
        return None
    fmt = _DateCell.format_of(column)
    if fmt is not None:
        return _DateCell(column, fmt)
    if _CheckBoxCell.usable(column):
        return _CheckBoxCell(column)
    return None


@register.simple_tag
def table_rows(table):
    """The ``<tr>`` rows of a django-tables2 table's page, rendered in Python: the same markup as
    looping over ``row.items`` in the template (cell values localized and escaped as ``{{ cell }}``
    would be, or unlocalized for a column with ``localize=False``), at a fraction of the cost: a
    list page of 50 rows × 10 columns spent most of its time in the template loop. Column ``td``
    attributes are computed once per column unless they depend on the record (callables)."""
    from django.templatetags.l10n import unlocalize

    columns = list(table.columns)
    static_td = {}
    plain = {}
    for column in columns:
        td = column.column.attrs.get("td", {}) if isinstance(column.column.attrs, dict) else {}
        if not any(callable(v) for v in td.values()):
            static_td[column.name] = column.attrs["td"].as_html()
        # Plain, linked, date and check-box columns: the cell computed directly, without the
        # accessor's lookups, the render call's signature inspection and a template per cell.
        # Same markup as ``row.items()`` gives (tests/core/test_table_rows.py).
        fast = _fast_cell(table, column)
        if fast is not None:
            plain[column.name] = fast
    out = []
    for row in table.paginated_rows:
        parts = ["<tr ", row.attrs.as_html(), ">"]
        for column in columns:
            if column.name in plain:
                cell = plain[column.name](row, column)
            else:
                cell = row.get_cell(column.name)
            attrs = static_td.get(column.name)
            if attrs is None:
                # Callable attributes read the cell as row.items() leaves it on the column.
                column.current_value, column.current_record = cell, row.record
                attrs = column.attrs["td"].as_html()
            if column.localize is False:
                value = conditional_escape(unlocalize(cell))
            else:
                value = conditional_escape(localize(cell))
            parts += ["\n        <td ", attrs, ">", value, "</td>"]
        parts.append("\n      </tr>")
        out.append("".join(parts))
    return mark_safe("\n      ".join(out))
