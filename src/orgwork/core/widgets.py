"""Widgets of the UI. ``AutocompleteSelect`` keeps a foreign key to a big table (700,000 people,
20,000 orgs) out of the page: it renders only the current value, and app.js fetches matches
from ``core:lookup`` as the user types. The field's queryset still validates the submitted pk."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

__all__ = ["AutocompleteSelect", "autocomplete_for", "AUTOCOMPLETE_MODELS"]

# Models whose foreign keys never render as a full <select>.
AUTOCOMPLETE_MODELS = {"orgs.org", "people.person"}


class AutocompleteSelect(forms.Select):
    template_name = "core/widgets/autocomplete.html"
    option_template_name = "django/forms/widgets/select_option.html"

    def __init__(self, model_label, action="view", attrs=None, placeholder=None, url=None):
        super().__init__(attrs)
        self.model_label = model_label
        self.action = action
        self.placeholder = placeholder
        # A lookup of its own instead of ``core:lookup`` (e.g. the user admin's person search).
        self.url = url

    def __deepcopy__(self, memo):
        obj = super().__deepcopy__(memo)
        obj.model_label, obj.action, obj.placeholder = self.model_label, self.action, self.placeholder
        obj.url = self.url
        return obj

    def use_required_attribute(self, initial):
        # The <select> is hidden behind the search input; the server validates required-ness.
        return False

    def _selected_objects(self, values):
        choices = self.choices
        queryset = getattr(choices, "queryset", None)
        pks = [v for v in values if v not in (None, "")]
        if queryset is None or not pks:
            return []
        field = getattr(choices, "field", None)
        label = field.label_from_instance if field is not None else str
        try:
            objs = list(queryset.filter(pk__in=pks))
        except (ValueError, TypeError):
            return []
        return [(str(o.pk), label(o)) for o in objs]

    def optgroups(self, name, value, attrs=None):
        """Only the empty choice and the current value(s): never iterate the whole queryset."""
        groups = []
        selected = self._selected_objects(value)
        options = [("", "---------")] + selected
        chosen = {v for v, _label in selected}
        for index, (option_value, option_label) in enumerate(options):
            is_selected = option_value in chosen or (option_value == "" and not chosen)
            groups.append(
                (
                    None,
                    [self.create_option(name, option_value, option_label, is_selected, index, attrs=attrs)],
                    index,
                )
            )
        return groups

    def get_context(self, name, value, attrs):
        ctx = super().get_context(name, value, attrs)
        values = ctx["widget"]["value"]
        selected = self._selected_objects(values)
        if self.url:
            url = str(self.url)
        else:
            url = reverse("core:lookup", args=[self.model_label])
            if self.action and self.action != "view":
                url += f"?action={self.action}"
        ctx["widget"].update(
            {
                "lookup_url": url,
                "selected_label": selected[0][1] if selected else "",
                "placeholder": self.placeholder or _("Type a name, pinyin or code to search…"),
                "disabled": bool(ctx["widget"]["attrs"].get("disabled")),
            }
        )
        ctx["widget"]["attrs"]["class"] = "ac-select d-none"
        return ctx


def autocomplete_for(field, action="view"):
    """Give ``field`` (a ModelChoiceField) an AutocompleteSelect when its model is a big table."""
    queryset = getattr(field, "queryset", None)
    if queryset is None or isinstance(field, forms.ModelMultipleChoiceField):
        return False
    label = queryset.model._meta.label_lower
    if label not in AUTOCOMPLETE_MODELS or isinstance(field.widget, AutocompleteSelect):
        return False
    widget = AutocompleteSelect(label, action=action)
    widget.is_required = field.required
    widget.choices = field.choices
    if field.disabled:
        widget.attrs["disabled"] = True
    field.widget = widget
    return True
