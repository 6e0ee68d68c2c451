"""Forms of cadre work (one field list per model, shared with the API serializers)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from orgwork.cadres import rules
from orgwork.cadres.models import (
    Appointment,
    Appraisal,
    ArchiveNote,
    Assignment,
    AssignmentBatch,
    Cadre,
    CadrePost,
    CohortTarget,
    ContestResult,
    Education,
    Evaluation,
    FamilyMember,
    ReserveEntry,
    RewardSanction,
    Vacancy,
)
from orgwork.core.forms import ScopedModelForm

__all__ = [
    "CadreForm",
    "CadrePostForm",
    "EducationForm",
    "AppraisalForm",
    "RewardSanctionForm",
    "FamilyMemberForm",
    "ReserveEntryForm",
    "CohortTargetForm",
    "EvaluationForm",
    "AssignmentBatchForm",
    "AssignmentForm",
    "ContestResultForm",
    "ArchiveNoteForm",
    "VacancyForm",
    "AppointmentForm",
    "LrmxImportForm",
    "FIELDS",
]

FIELDS = {
    Cadre: [
        "person",
        "org",
        "title",
        "rank",
        "rank_since",
        "track",
        "selected_graduate",
        "management",
        "work_started_on",
        "party_joined_on",
        "other_party",
        "birth_place",
        "health",
        "professional_title",
        "expertise",
        "resume",
        "rewards_text",
        "committee_text",
        "notes",
    ],
    CadrePost: ["cadre", "org", "title", "rank", "started_on", "ended_on", "grassroots"],
    Education: ["cadre", "kind", "education", "degree", "school", "started_on", "graduated_on"],
    Appraisal: ["cadre", "year", "grade"],
    RewardSanction: ["cadre", "code", "name", "approved_on", "approver"],
    FamilyMember: ["cadre", "relation", "name", "birth_date", "political_status", "work", "position"],
    ReserveEntry: [
        "cadre",
        "org",
        "track",
        "target_rank",
        "category",
        "entered_on",
        "left_on",
        "left_reason",
        "notes",
    ],
    CohortTarget: ["org", "name", "born_from", "min_rank", "increase", "baseline_on", "due_on"],
    Evaluation: ["cadre", "org", "period", "assessor", "evaluated_on", "scores", "comment"],
    AssignmentBatch: ["org", "name", "kind", "starts_on", "ends_on", "planned_size", "notes"],
    Assignment: [
        "cadre",
        "kind",
        "org",
        "post",
        "batch",
        "starts_on",
        "ends_on",
        "supervisor",
        "outcome",
        "outcome_notes",
    ],
    ContestResult: ["org", "contest", "held_on", "cadre", "score", "placing", "award"],
    ArchiveNote: ["cadre", "org", "happened_on", "title", "text"],
    Vacancy: [
        "org",
        "title",
        "rank",
        "pool",
        "opened_on",
        "max_age",
        "committee_level",
        "allow_exceptional",
        "filled",
        "notes",
    ],
    Appointment: [
        "cadre",
        "vacancy",
        "org",
        "title",
        "rank",
        "remove_title",
        "reason",
        "reporting_unit",
        "decided_on",
        "publicity_from",
        "publicity_to",
        "appointed_on",
        "probation",
        "probation_result",
        "exceptional",
    ],
}


def _widgets(model):
    out = {}
    for f in model._meta.concrete_fields:
        if f.get_internal_type() == "DateField":
            out[f.name] = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        elif f.get_internal_type() == "TextField":
            out[f.name] = forms.Textarea(attrs={"rows": 3})
    return out


def _form(model, base=ScopedModelForm, **attrs):
    meta = type(
        "Meta",
        (),
        {"model": model, "fields": [f for f in FIELDS[model] if f != "scores"], "widgets": _widgets(model)},
    )
    return type(model.__name__ + "Form", (base,), {"Meta": meta, "__module__": __name__, **attrs})


CadreForm = _form(Cadre)
CadrePostForm = _form(CadrePost)
EducationForm = _form(Education)
AppraisalForm = _form(Appraisal)
RewardSanctionForm = _form(RewardSanction)
FamilyMemberForm = _form(FamilyMember)
ReserveEntryForm = _form(ReserveEntry)
CohortTargetForm = _form(CohortTarget)
AssignmentBatchForm = _form(AssignmentBatch)
AssignmentForm = _form(Assignment)
ContestResultForm = _form(ContestResult)
ArchiveNoteForm = _form(ArchiveNote)
VacancyForm = _form(Vacancy)
AppointmentForm = _form(Appointment)


class _EvaluationBase(ScopedModelForm):
    """One number field per configured dimension, packed into ``scores``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        scores = self.instance.scores or {}
        for d in rules.dimensions():
            name = "score_" + d.key
            self.fields[name] = forms.IntegerField(
                label="{} ({:g}%)".format(d.label, d.weight),
                min_value=0,
                max_value=100,
                initial=scores.get(d.key),
                widget=forms.NumberInput(attrs={"class": "form-control"}),
            )

    def clean(self):
        data = super().clean()
        self.instance.scores = {d.key: data.get("score_" + d.key) for d in rules.dimensions()}
        return data


EvaluationForm = _form(Evaluation, _EvaluationBase)


class LrmxImportForm(forms.Form):
    file = forms.FileField(label=_("appointment form file (.lrmx)"))
    org = forms.ModelChoiceField(queryset=None, label=_("unit of a new cadre"))

    def __init__(self, *args, user=None, **kwargs):
        from orgwork.core.widgets import autocomplete_for
        from orgwork.orgs.models import Org

        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = Org.objects.restrict(user, "add")
        autocomplete_for(self.fields["org"], "add")
        self.fields["file"].widget.attrs["class"] = "form-control"
