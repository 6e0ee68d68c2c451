"""Forms of grassroots work."""

from django import forms
from django.utils.translation import gettext_lazy as _

from orgwork.core.forms import ScopedModelForm
from orgwork.grassroots import models as m
from orgwork.grassroots import rules
from orgwork.grassroots.choices import ReviewGrade

__all__ = [
    "PledgeItemForm",
    "PledgeRoleForm",
    "DeedForm",
    "HouseholdForm",
    "PairingForm",
    "VisitForm",
    "ActionBranchForm",
    "ActionBranchMemberForm",
    "ActionActivityForm",
    "SecretaryProjectForm",
    "ProjectMilestoneForm",
    "ProjectEvidenceForm",
    "HealthCheckItemForm",
    "HealthCheckForm",
    "QuickDeedForm",
    "deed_not_recorded",
    "EvidenceUploadForm",
    "ReviewForm",
    "FlagWeakForm",
    "RectifiedForm",
]

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
NO_SPEC = _(
    "There is no public specification for this (RULES.md §3.9): the defaults follow the seeds and can be changed here."
)


class PledgeItemForm(ScopedModelForm):
    class Meta:
        model = m.PledgeItem
        fields = ["org", "year", "code", "name", "target", "applies_to", "measure", "position"]
        help_texts = {"target": NO_SPEC}


class PledgeRoleForm(ScopedModelForm):
    class Meta:
        model = m.PledgeRole
        fields = ["org", "person", "category", "notes"]


class DeedForm(ScopedModelForm):
    class Meta:
        model = m.Deed
        fields = ["org", "person", "year", "item_code", "done_on", "description", "evidence"]
        widgets = {"done_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Every deed item known (seed 001's and those orgs have set); the model checks that the
        # item binds the deed's org in its year.
        items = {d["code"]: d["name"] for d in rules.DEFAULT_PLEDGE_ITEMS if d["measure"] == "deeds"}
        for code, name in (
            m.PledgeItem.objects.filter(measure="deeds").values_list("code", "name").order_by("code")
        ):
            items.setdefault(code, name)
        current = self.instance.item_code
        if current and current not in items:
            items[current] = current
        self.fields["item_code"] = forms.ChoiceField(
            choices=[("", "---------")] + [(k, "{} ({})".format(v, k)) for k, v in items.items()],
            label=_("pledge item"),
            widget=forms.Select(attrs={"class": "form-select"}),
        )


class HouseholdForm(ScopedModelForm):
    class Meta:
        model = m.Household
        fields = [
            "org",
            "head_name",
            "address",
            "phone",
            "size",
            "difficulty",
            "registered_on",
            "closed_on",
            "notes",
        ]
        widgets = {"registered_on": DATE, "closed_on": DATE, "notes": forms.Textarea(attrs={"rows": 3})}


class PairingForm(ScopedModelForm):
    class Meta:
        model = m.Pairing
        fields = ["household", "person", "started_on", "ended_on"]
        widgets = {"started_on": DATE, "ended_on": DATE}


class VisitForm(ScopedModelForm):
    class Meta:
        model = m.Visit
        fields = ["pairing", "visited_on", "mode", "notes"]
        widgets = {"visited_on": DATE}


class ActionBranchForm(ScopedModelForm):
    class Meta:
        model = m.ActionBranch
        fields = ["org", "name", "kind", "task", "leader", "started_on", "ended_on", "notes"]
        widgets = {"started_on": DATE, "ended_on": DATE, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = rules.action_branch_types()
        current = self.instance.kind
        if current and current not in kinds:
            kinds.append(current)
        self.fields["kind"] = forms.ChoiceField(
            choices=[("", "---------")] + [(k, k) for k in kinds],
            label=_("type"),
            help_text=_("More types can be configured (setting grassroots.action_branch_types)."),
            widget=forms.Select(attrs={"class": "form-select"}),
        )


class ActionBranchMemberForm(ScopedModelForm):
    class Meta:
        model = m.ActionBranchMember
        fields = ["action_branch", "person", "role", "joined_on"]
        widgets = {"joined_on": DATE}


class ActionActivityForm(ScopedModelForm):
    class Meta:
        model = m.ActionActivity
        fields = ["action_branch", "held_on", "title", "place", "served_count", "participants"]
        widgets = {"held_on": DATE}


class SecretaryProjectForm(ScopedModelForm):
    class Meta:
        model = m.SecretaryProject
        fields = [
            "org",
            "secretary",
            "year",
            "name",
            "goal",
            "status",
            "review_grade",
            "review_notes",
            "reviewed_on",
        ]
        widgets = {
            "reviewed_on": DATE,
            "goal": forms.Textarea(attrs={"rows": 3}),
            "review_notes": forms.Textarea(attrs={"rows": 3}),
        }


class ProjectMilestoneForm(ScopedModelForm):
    class Meta:
        model = m.ProjectMilestone
        fields = ["project", "title", "due_on", "done_on"]
        widgets = {"due_on": DATE, "done_on": DATE}


class ProjectEvidenceForm(ScopedModelForm):
    """Evidence: title and note here; the file is uploaded on the project page (checked type and size)."""

    class Meta:
        model = m.ProjectEvidence
        fields = ["project", "title", "notes"]


class HealthCheckItemForm(ScopedModelForm):
    class Meta:
        model = m.HealthCheckItem
        fields = ["org", "code", "name", "weight", "evidence_hint", "position"]
        help_texts = {"weight": NO_SPEC}


class HealthCheckForm(ScopedModelForm):
    class Meta:
        model = m.HealthCheck
        fields = ["org", "year", "period", "checked_on", "notes"]
        widgets = {"checked_on": DATE, "notes": forms.Textarea(attrs={"rows": 3})}


# --- forms of the verbs ---------------------------------------------------------------------------


class QuickDeedForm(forms.Form):
    """Record a deed from the completion page: the member, the item, the date, what was done."""

    person = forms.IntegerField(widget=forms.Select(attrs={"class": "form-select"}), label=_("member"))
    item_code = forms.ChoiceField(label=_("pledge item"), widget=forms.Select(attrs={"class": "form-select"}))
    done_on = forms.DateField(
        label=_("done on"), widget=forms.DateInput(attrs={"type": "date", "class": "form-control"})
    )
    description = forms.CharField(
        max_length=300, label=_("what was done"), widget=forms.TextInput(attrs={"class": "form-control"})
    )

    def __init__(self, *args, members=(), items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].widget.choices = [("", "---------")] + [(p.pk, p.name) for p in members]
        self.fields["item_code"].choices = [(i.code, i.name) for i in items if i.measure == "deeds"]


def deed_not_recorded(request, form) -> None:
    """The message of a deed form that did not validate: each field's label with its errors."""
    from django.contrib import messages

    messages.error(
        request,
        _("The deed was not recorded: {}").format(
            "; ".join(
                "{}: {}".format(form.fields[k].label if k in form.fields else k, " ".join(v))
                for k, v in form.errors.items()
            )
        ),
    )


class ReviewForm(forms.Form):
    grade = forms.ChoiceField(choices=ReviewGrade.choices, label=_("annual review"))
    reviewed_on = forms.DateField(label=_("reviewed on"), widget=DATE)
    notes = forms.CharField(
        label=_("review comments"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class EvidenceUploadForm(forms.Form):
    title = forms.CharField(max_length=200, label=_("title"))
    file = forms.FileField(label=_("file"))

    def clean_file(self):
        import os

        f = self.cleaned_data["file"]
        ext = os.path.splitext(f.name)[1].lower()
        if ext not in rules.EVIDENCE_EXTENSIONS:
            raise forms.ValidationError(
                _("Only these file types are accepted: {}.").format(" ".join(rules.EVIDENCE_EXTENSIONS))
            )
        if f.size > rules.EVIDENCE_MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return f


class FlagWeakForm(forms.Form):
    reason = forms.CharField(max_length=300, label=_("why weak"))
    plan = forms.CharField(label=_("rectification plan"), widget=forms.Textarea(attrs={"rows": 4}))
    flagged_on = forms.DateField(label=_("flagged on"), widget=DATE)
    workdays = forms.IntegerField(
        min_value=1,
        max_value=500,
        label=_("working days allowed"),
        help_text=NO_SPEC,
    )


class RectifiedForm(forms.Form):
    rectified_on = forms.DateField(label=_("rectified on"), widget=DATE)


for _form in (ReviewForm, EvidenceUploadForm, FlagWeakForm, RectifiedForm):
    for _f in _form.base_fields.values():
        _f.widget.attrs.setdefault(
            "class", "form-select" if isinstance(_f.widget, forms.Select) else "form-control"
        )
