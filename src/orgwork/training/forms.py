"""Forms of the training app."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from orgwork.core.forms import ScopedModelForm
from orgwork.training.models import Attendance, Course, Enrollment, Evaluation, Session
from orgwork.training.rules import tier_choices

__all__ = [
    "CourseForm",
    "SessionForm",
    "EnrollmentForm",
    "AttendanceForm",
    "EvaluationForm",
    "EnrollManyForm",
    "SignInSheetForm",
    "ReportFilterForm",
    "TierForm",
    "TierFormSet",
]

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CourseForm(ScopedModelForm):
    class Meta:
        model = Course
        fields = [
            "org",
            "name",
            "kind",
            "series",
            "starts_on",
            "ends_on",
            "place",
            "completion_rate",
            "notes",
        ]
        widgets = {"starts_on": DATE, "ends_on": DATE, "notes": forms.Textarea(attrs={"rows": 3})}


class SessionForm(ScopedModelForm):
    class Meta:
        model = Session
        fields = ["course", "date", "topic", "place", "teacher_kind", "teacher", "teacher_name", "hours"]
        widgets = {"date": DATE}


class _TierMixin:
    def _tier_field(self):
        self.fields["tier"] = forms.ChoiceField(
            label=_("requirement tier"),
            choices=[("", _("not known"))] + tier_choices(),
            required=False,
            help_text=_(
                "乡科级: 90 hours a year; 县处级: 550 hours in five years (《干部教育培训工作条例》). "
                "The tiers and their hours are configurable."
            ),
            widget=forms.Select(attrs={"class": "form-select"}),
        )


class EnrollmentForm(_TierMixin, ScopedModelForm):
    class Meta:
        model = Enrollment
        fields = ["course", "person", "tier", "status", "enrolled_on", "notes"]
        widgets = {"enrolled_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._tier_field()


class AttendanceForm(ScopedModelForm):
    class Meta:
        model = Attendance
        fields = ["session", "enrollment", "status"]


class EvaluationForm(ScopedModelForm):
    class Meta:
        model = Evaluation
        fields = ["session", "content_score", "teacher_score", "comment"]


class EnrollManyForm(_TierMixin, forms.Form):
    """Enroll many people at once: ID numbers (or names) pasted one per line, as they come from Excel."""

    people = forms.CharField(
        label=_("trainees"),
        widget=forms.Textarea(attrs={"rows": 8, "class": "form-control"}),
        help_text=_("One per line: an ID number, or a name that is unique in your organizations."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._tier_field()


class SignInSheetForm(forms.Form):
    file = forms.FileField(
        label=_("sign-in sheet"),
        help_text=_(
            "Excel (.xlsx) or CSV with the columns 姓名 and/or 身份证号 and 签到 (√ present, 请假 on leave, "
            "blank absent). Any problem and nothing is saved."
        ),
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".xlsx,.csv"}),
    )


class ReportFilterForm(forms.Form):
    """The organization (searched, within the user's scope) and period of the hours and statistics
    pages. Read from the query string; a value that does not validate is ignored."""

    within = forms.ModelChoiceField(queryset=None, required=False, label=_("organization"))
    start = forms.DateField(required=False, label=_("from"), widget=DATE)
    end = forms.DateField(required=False, label=_("to"), widget=DATE)
    year = forms.TypedChoiceField(coerce=int, required=False, label=_("year"))
    behind = forms.BooleanField(required=False, label=_("only those behind"))

    def __init__(self, *args, user=None, years=(), **kwargs):
        from orgwork.core.widgets import autocomplete_for
        from orgwork.orgs.models import Org

        super().__init__(*args, **kwargs)
        self.fields["within"].queryset = (
            Org.objects.restrict(user, "view") if user is not None else Org.objects.none()
        )
        autocomplete_for(self.fields["within"], "view")
        self.fields["year"].choices = [(y, str(y)) for y in years]
        for name in ("start", "end"):
            self.fields[name].widget.attrs.setdefault("class", "form-control")
        self.fields["year"].widget.attrs.setdefault("class", "form-select")
        self.fields["behind"].widget.attrs.setdefault("class", "form-check-input")

    def value(self, name, default=None):
        """The cleaned value of one field, or ``default`` when it is absent or does not validate
        (an org outside the scope is simply not chosen)."""
        if not self.is_bound:
            return default
        self.is_valid()
        v = self.cleaned_data.get(name)
        return default if v in (None, "", False) else v


class TierForm(forms.Form):
    """One row of the requirement table (学时要求层级)."""

    code = forms.SlugField(label=pgettext_lazy("training", "code"), max_length=20)
    label = forms.CharField(label=_("name"), max_length=50)
    hours = forms.DecimalField(label=_("hours required"), min_value=1, max_digits=6, decimal_places=1)
    years = forms.IntegerField(
        label=_("years in the window"),
        min_value=1,
        max_value=10,
        help_text=_("1: each calendar year; 5: the five years ending with the year looked at."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for f in self.fields.values():
            f.widget.attrs.setdefault("class", "form-control")


class _BaseTierFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        codes = [
            f.cleaned_data["code"] for f in self.forms if f.cleaned_data and not self._should_delete_form(f)
        ]
        if len(codes) != len(set(codes)):
            raise forms.ValidationError(_("Each tier needs a code of its own."))
        if not codes:
            raise forms.ValidationError(_("Keep at least one tier."))


TierFormSet = forms.formset_factory(TierForm, formset=_BaseTierFormSet, extra=1, can_delete=True)
