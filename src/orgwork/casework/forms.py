"""Forms of casework: the case record (registration and edit) and one small form per verb."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from orgwork.casework import rules
from orgwork.casework.choices import Satisfaction
from orgwork.casework.kinds import DEFAULT_KIND, get_kind, kind_choices
from orgwork.casework.models import Case
from orgwork.core.forms import ScopedModelForm
from orgwork.orgs.models import Org

__all__ = [
    "CaseForm",
    "AssignForm",
    "NoteForm",
    "CloseForm",
    "ReopenForm",
    "FeedbackForm",
    "ExtendForm",
    "ReportForm",
    "StatsForm",
]


class CaseForm(ScopedModelForm):
    class Meta:
        model = Case
        fields = [
            "kind",
            "title",
            "description",
            "source",
            "category",
            "priority",
            "raised_by_name",
            "raised_by_person",
            "raised_by_org",
            "raised_phone",
            "raised_event",
            "raised_on",
            "raised_place",
            "org",
        ]
        widgets = {
            "raised_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 5}),
        }

    attachment = forms.FileField(
        label=_("attachment"), required=False, help_text=_("Kept with the registration in the history.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["attachment"]  # later files come with progress notes and the closure
        kind = get_kind((self.data.get("kind") if self.data else None) or self.instance.kind or DEFAULT_KIND)
        self.fields["kind"] = forms.ChoiceField(
            label=pgettext_lazy("casework", "kind"),
            choices=kind_choices(),
            initial=kind.code,
            widget=forms.Select(attrs={"class": "form-select"}),
        )
        self.fields["source"] = forms.ChoiceField(
            label=_("source"),
            choices=kind.source_choices(),
            widget=forms.Select(attrs={"class": "form-select"}),
        )
        self.fields["category"] = forms.ChoiceField(
            label=pgettext_lazy("casework", "category"),
            choices=kind.category_choices(),
            widget=forms.Select(attrs={"class": "form-select"}),
        )
        self.fields["source"].help_text = _("Sources and categories are configurable per kind of case.")


class _Base(forms.Form):
    def __init__(self, *args, user=None, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.case = user, case
        for f in self.fields.values():
            w = f.widget
            if isinstance(w, forms.CheckboxInput):
                continue
            w.attrs.setdefault("class", "form-select" if isinstance(w, forms.Select) else "form-control")


class AssignForm(_Base):
    lead = forms.ModelChoiceField(queryset=Org.objects.none(), label=_("lead org"))
    lead_days = forms.IntegerField(
        label=_("working days"),
        min_value=1,
        max_value=rules.MAX_DEADLINE_DAYS,
        required=False,
        help_text=_("Blank: the default of the category (configurable)."),
    )
    # Three searchable fields rather than one multiple select: a scope may hold thousands of orgs.
    co1 = forms.ModelChoiceField(queryset=Org.objects.none(), label=_("co-handling org"), required=False)
    co2 = forms.ModelChoiceField(queryset=Org.objects.none(), label=_("co-handling org"), required=False)
    co3 = forms.ModelChoiceField(queryset=Org.objects.none(), label=_("co-handling org"), required=False)
    co_days = forms.IntegerField(
        label=_("working days of co-handlers"), min_value=1, max_value=rules.MAX_DEADLINE_DAYS, required=False
    )
    note = forms.CharField(label=_("instructions"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from orgwork.core.widgets import autocomplete_for

        for name in ("lead", "co1", "co2", "co3"):
            self.fields[name].queryset = (
                Org.objects.restrict(self.user, "view") if self.user else Org.objects.all()
            )
            autocomplete_for(self.fields[name], "view")


class NoteForm(_Base):
    note = forms.CharField(label=pgettext_lazy("casework", "note"), widget=forms.Textarea(attrs={"rows": 2}))
    attachment = forms.FileField(label=_("evidence"), required=False)


class CloseForm(_Base):
    reply = forms.CharField(label=_("reply to the raiser"), widget=forms.Textarea(attrs={"rows": 3}))
    attachment = forms.FileField(label=_("evidence"), required=False)


class ReopenForm(_Base):
    reason = forms.CharField(
        label=pgettext_lazy("casework", "reason"), widget=forms.Textarea(attrs={"rows": 2})
    )
    extra_days = forms.IntegerField(
        label=_("new working days"),
        min_value=1,
        max_value=rules.MAX_DEADLINE_DAYS,
        required=False,
        help_text=_("Blank: deadline unchanged."),
    )


class FeedbackForm(_Base):
    satisfaction = forms.TypedChoiceField(label=_("satisfaction"), choices=Satisfaction.choices, coerce=int)
    note = forms.CharField(
        label=pgettext_lazy("casework", "note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ExtendForm(_Base):
    org = forms.ModelChoiceField(queryset=Org.objects.none(), label=_("organization"))
    days = forms.IntegerField(label=_("extra working days"), min_value=1, max_value=rules.MAX_EXTENSION_DAYS)
    note = forms.CharField(label=_("reason for the extension"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.case is not None:
            self.fields["org"].queryset = Org.objects.filter(
                pk__in=self.case.participants.filter(role__in=["lead", "co"]).values("org_id")
            )


class ReportForm(_Base):
    by = forms.DateField(label=_("report due"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(
        label=pgettext_lazy("casework", "note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class StatsForm(_Base):
    org = forms.ModelChoiceField(queryset=Org.objects.none(), label=_("subtree"), required=False)
    start = forms.DateField(
        label=pgettext_lazy("casework", "from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    end = forms.DateField(
        label=pgettext_lazy("casework", "to"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from orgwork.core.widgets import autocomplete_for

        self.fields["org"].queryset = (
            Org.objects.restrict(self.user, "view") if self.user else Org.objects.none()
        )
        autocomplete_for(self.fields["org"], "view")
