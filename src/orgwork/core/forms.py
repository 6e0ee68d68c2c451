"""Form bases: scoped choices for related objects and the optimistic-lock version field."""

from django import forms
from django.utils.translation import gettext_lazy as _

from orgwork.core.widgets import AutocompleteSelect, autocomplete_for

__all__ = ["ScopedModelForm", "BulkEditForm"]


class ScopedModelForm(forms.ModelForm):
    """A model form that offers only related objects inside the user's scope for ``action``,
    and carries the record's version so a stale save is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user=None, action="add", **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        for f in self.fields.values():
            qs = getattr(f, "queryset", None)
            if qs is not None and hasattr(qs, "restrict") and user is not None:
                f.queryset = qs.restrict(user, action)
            # Big tables (orgs, people) are searched, never listed in full.
            autocomplete_for(f, action)
            widget = f.widget
            if isinstance(widget, AutocompleteSelect):
                continue
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            widget.attrs.setdefault("class", css)


class BulkEditForm(forms.Form):
    """Base of bulk-edit forms: every field optional; blank means unchanged."""

    pk = forms.CharField(widget=forms.MultipleHiddenInput, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        for name, f in self.fields.items():
            if name == "pk":
                continue
            f.required = False
            qs = getattr(f, "queryset", None)
            if qs is not None and hasattr(qs, "restrict") and user is not None:
                f.queryset = qs.restrict(user, "change")
            autocomplete_for(f, "change")
            f.widget.attrs.setdefault(
                "class", "form-select" if isinstance(f.widget, forms.Select) else "form-control"
            )
            if not f.help_text:
                f.help_text = _("Left blank: unchanged.")
