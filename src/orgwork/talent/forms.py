"""Forms of the talent app."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from orgwork.core.forms import ScopedModelForm
from orgwork.talent import rules
from orgwork.talent.models import (
    Award,
    CardServiceUse,
    Challenge,
    ChallengeMilestone,
    ChallengeTeam,
    ContactLog,
    LiaisonPair,
    ProgramRound,
    Stay,
    Talent,
    TalentCard,
    TalentProgram,
    TalentStation,
    Tranche,
)

__all__ = [
    "TalentForm",
    "TalentProgramForm",
    "ProgramRoundForm",
    "AwardForm",
    "TrancheForm",
    "TalentCardForm",
    "CardServiceUseForm",
    "LiaisonPairForm",
    "ContactLogForm",
    "TalentStationForm",
    "StayForm",
    "ChallengeForm",
    "ChallengeTeamForm",
    "ChallengeMilestoneForm",
    "AwardFundingForm",
    "RevokeCardForm",
    "ServiceRequestForm",
    "MapFilterForm",
]

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _select(label, choices, required=True, help_text=""):
    return forms.ChoiceField(
        label=label,
        choices=([("", "---------")] if not required else []) + list(choices),
        required=required,
        help_text=help_text,
        widget=forms.Select(attrs={"class": "form-select"}),
    )


class TalentForm(ScopedModelForm):
    class Meta:
        model = Talent
        fields = [
            "person",
            "org",
            "category",
            "level",
            "field",
            "industry",
            "employer_name",
            "employer_code",
            "origin",
            "arrived_on",
            "channel",
            "phone",
            "notes",
        ]
        widgets = {"arrived_on": DATE, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"] = _select(
            pgettext_lazy("talent", "level"),
            rules.level_choices(),
            help_text=_("Talent tiers are configurable (default A/B/C/D)."),
        )
        self.fields["industry"] = _select(_("industry chain"), rules.industry_choices(), required=False)
        self.fields["channel"] = _select(_("recruitment channel"), rules.channel_choices(), required=False)


class TalentProgramForm(ScopedModelForm):
    class Meta:
        model = TalentProgram
        fields = ["org", "name", "kind", "year", "budget", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class ProgramRoundForm(ScopedModelForm):
    class Meta:
        model = ProgramRound
        fields = ["program", "name", "opens_on", "closes_on"]
        widgets = {"opens_on": DATE, "closes_on": DATE}


class AwardForm(ScopedModelForm):
    class Meta:
        model = Award
        fields = ["round", "talent", "project", "score"]


class TrancheForm(ScopedModelForm):
    class Meta:
        model = Tranche
        fields = ["award", "milestone", "amount", "due_on"]
        widgets = {"due_on": DATE}


class TalentCardForm(ScopedModelForm):
    class Meta:
        model = TalentCard
        fields = ["talent", "number", "issued_on"]
        widgets = {"issued_on": DATE}


class CardServiceUseForm(ScopedModelForm):
    class Meta:
        model = CardServiceUse
        fields = ["card", "benefit", "used_on", "provider", "note"]
        widgets = {"used_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["benefit"] = _select(_("benefit"), rules.BENEFITS.items())


class LiaisonPairForm(ScopedModelForm):
    class Meta:
        model = LiaisonPair
        fields = ["leader", "leader_post", "talent", "started_on", "ended_on"]
        widgets = {"started_on": DATE, "ended_on": DATE}


class ContactLogForm(ScopedModelForm):
    class Meta:
        model = ContactLog
        fields = ["pair", "date", "way", "asked", "done"]
        widgets = {
            "date": DATE,
            "asked": forms.Textarea(attrs={"rows": 3}),
            "done": forms.Textarea(attrs={"rows": 3}),
        }


class TalentStationForm(ScopedModelForm):
    class Meta:
        model = TalentStation
        fields = ["org", "name", "kind", "address", "capacity", "services"]


class StayForm(ScopedModelForm):
    class Meta:
        model = Stay
        fields = ["station", "talent", "room", "moved_in", "moved_out"]
        widgets = {"moved_in": DATE, "moved_out": DATE}


class ChallengeForm(ScopedModelForm):
    class Meta:
        model = Challenge
        fields = [
            "org",
            "title",
            "issuer",
            "field",
            "industry",
            "bounty",
            "published_on",
            "deadline",
            "status",
            "outcome",
        ]
        widgets = {"published_on": DATE, "deadline": DATE, "outcome": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["industry"] = _select(_("industry chain"), rules.industry_choices(), required=False)


class ChallengeTeamForm(ScopedModelForm):
    class Meta:
        model = ChallengeTeam
        fields = ["challenge", "name", "leader_name", "institution", "members", "score", "status"]


class ChallengeMilestoneForm(ScopedModelForm):
    class Meta:
        model = ChallengeMilestone
        fields = ["challenge", "title", "due_on", "done_on", "payment", "paid_on"]
        widgets = {"due_on": DATE, "done_on": DATE, "paid_on": DATE}


class AwardFundingForm(forms.Form):
    amount = forms.DecimalField(
        label=_("amount awarded (10,000 yuan)"), max_digits=14, decimal_places=2, min_value=0.01
    )
    awarded_on = forms.DateField(label=_("awarded on"), required=False, widget=DATE)


class PayTrancheForm(forms.Form):
    """拨付: what was paid against the tranche's milestone, and when."""

    amount = forms.DecimalField(
        label=_("amount paid (10,000 yuan)"),
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0.01"),
        required=False,
        help_text=_("Blank: the tranche's amount."),
    )
    paid_on = forms.DateField(
        label=pgettext_lazy("talent", "paid on"),
        required=False,
        widget=DATE,
        help_text=pgettext_lazy("talent", "Blank: today."),
    )


class RevokeCardForm(forms.Form):
    reason = forms.CharField(label=_("reason for revocation"), max_length=200)


class _FilesServiceRequest:
    """What both service-request forms (the staff's and the talent's own) do once bound: file the
    request through the service, which decides who may file and what the talent may choose; its
    refusal becomes the form's error."""

    def file(self, talent, *, actor, source: str):
        """The filed case, or None when the form is invalid or the service refused it."""
        from django.core.exceptions import PermissionDenied, ValidationError

        from orgwork.talent.services import file_service_request

        if not self.is_valid():
            return None
        d = self.cleaned_data
        try:
            return file_service_request(
                talent,
                actor=actor,
                category=d["category"],
                title=d["title"],
                description=d["description"],
                source=source,
                lead=d.get("lead"),
                lead_days=d.get("lead_days"),
            )
        except (ValidationError, PermissionDenied) as exc:
            self.add_error(None, " ".join(getattr(exc, "messages", [str(exc)])))
            return None


class ServiceRequestForm(_FilesServiceRequest, forms.Form):
    """A service request of a talent (一站式服务), assigned at once to the responsible department."""

    category = forms.ChoiceField(label=pgettext_lazy("talent", "category"))
    title = forms.CharField(label=_("title"), max_length=200)
    description = forms.CharField(label=_("description"), widget=forms.Textarea(attrs={"rows": 4}))
    lead = forms.ModelChoiceField(
        label=_("responsible department"),
        queryset=None,
        required=False,
        help_text=_(
            "Assigned at once with the category's working-day deadline; leave blank to assign later."
        ),
    )
    lead_days = forms.IntegerField(
        label=pgettext_lazy("talent", "working days"),
        required=False,
        min_value=1,
        max_value=120,
        help_text=_("Blank: the category's default."),
    )

    def __init__(self, *args, **kwargs):
        from orgwork.casework.kinds import get_kind
        from orgwork.core.widgets import autocomplete_for
        from orgwork.orgs.models import Org

        super().__init__(*args, **kwargs)
        kind = get_kind(rules.SERVICE_KIND)
        self.fields["category"].choices = kind.category_choices()
        self.fields["lead"].queryset = Org.objects.all()
        autocomplete_for(self.fields["lead"], "view")
        for name, f in self.fields.items():
            if name == "lead":
                continue
            f.widget.attrs.setdefault(
                "class", "form-select" if isinstance(f.widget, forms.Select) else "form-control"
            )


class MapFilterForm(forms.Form):
    within = forms.ModelChoiceField(label=_("Organization"), queryset=None, required=False)

    def __init__(self, *args, user=None, **kwargs):
        from orgwork.core.widgets import autocomplete_for
        from orgwork.orgs.models import Org

        super().__init__(*args, **kwargs)
        self.fields["within"].queryset = Org.objects.restrict(user, "view") if user else Org.objects.none()
        autocomplete_for(self.fields["within"], "view")

    def value(self, name, default=None):
        """The cleaned value, or ``default`` when absent or invalid (an org outside the scope is
        simply not chosen)."""
        if not self.is_bound:
            return default
        self.is_valid()
        v = self.cleaned_data.get(name)
        return default if v in (None, "") else v


class MyServiceRequestForm(_FilesServiceRequest, forms.Form):
    """A service request the talent files themselves (the self-service pages): no department,
    the talent office assigns it."""

    category = forms.ChoiceField(label=_("service"))
    title = forms.CharField(label=_("title"), max_length=200)
    description = forms.CharField(
        label=_("what you need"), widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"})
    )

    def __init__(self, *args, **kwargs):
        from orgwork.casework.kinds import get_kind

        super().__init__(*args, **kwargs)
        self.fields["category"].choices = get_kind(rules.SERVICE_KIND).category_choices()
        self.fields["category"].widget.attrs["class"] = "form-select"
        self.fields["title"].widget.attrs["class"] = "form-control"


class RatingForm(forms.Form):
    """The talent's rating of a closed request, 1 to 5."""

    rating = forms.TypedChoiceField(
        label=_("rating"), choices=[(i, str(i)) for i in range(5, 0, -1)], coerce=int
    )
    note = forms.CharField(label=_("comment"), max_length=500, required=False)
