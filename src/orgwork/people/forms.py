"""Forms for people."""

from django import forms
from django.utils.translation import gettext_lazy as _

from orgwork.core.forms import BulkEditForm, ScopedModelForm
from orgwork.people.choices import Education, PoliticalStatus
from orgwork.people.models import Person

__all__ = ["PersonForm", "PersonBulkEditForm", "MergeForm"]


class PersonForm(ScopedModelForm):
    class Meta:
        model = Person
        fields = [
            "name",
            "id_number",
            "sex",
            "birth_date",
            "ethnicity",
            "native_place",
            "education",
            "degree",
            "political_status",
            "phone",
            "address",
            "registered_org",
            "notes",
        ]
        widgets = {
            "birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"id_number": _("18 characters; birth date and sex are taken from it.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Never put the full number into the page unless asked for (and audited).
            self.fields["id_number"].widget = forms.TextInput(
                attrs={"class": "form-control", "placeholder": self.instance.masked_id_number}
            )
            self.initial["id_number"] = ""
            self.fields["id_number"].help_text = _("Left blank: unchanged.")

    def clean_id_number(self):
        value = (self.cleaned_data.get("id_number") or "").strip().upper()
        if self.instance.pk and not value:
            return self.instance.id_number
        return value or None


class PersonBulkEditForm(BulkEditForm):
    education = forms.ChoiceField(choices=[("", "—")] + list(Education.choices), label=_("education"))
    political_status = forms.ChoiceField(
        choices=[("", "—")] + list(PoliticalStatus.choices), label=_("political status")
    )


class MergeForm(forms.Form):
    other = forms.IntegerField(label=_("merge this record (number) into the current one"))
    version = forms.IntegerField(widget=forms.HiddenInput)
