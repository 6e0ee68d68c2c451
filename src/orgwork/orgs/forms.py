"""Forms of the org tree."""

from django import forms
from django.utils.translation import gettext_lazy as _

from orgwork.core.forms import BulkEditForm, ScopedModelForm
from orgwork.core.widgets import autocomplete_for
from orgwork.orgs.choices import OrgKind, OrgLevel, Sector
from orgwork.orgs.models import Org, TeamSeat, Term

__all__ = ["OrgForm", "OrgBulkEditForm", "OrgMoveForm", "TermForm", "TeamSeatForm"]

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OrgForm(ScopedModelForm):
    class Meta:
        model = Org
        fields = [
            "parent",
            "name",
            "short_name",
            "code",
            "kind",
            "level",
            "sector",
            "division_code",
            "position",
            "established_on",
            "address",
            "phone",
            "notes",
        ]
        widgets = {"established_on": DATE, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Moving is its own verb (it moves the subtree): not an edit of the parent field.
            self.fields["parent"].disabled = True
            self.fields["parent"].help_text = _("Use “Move” to change the parent.")
        else:
            self.fields["parent"].required = True


class OrgBulkEditForm(BulkEditForm):
    kind = forms.ChoiceField(choices=[("", "—")] + list(OrgKind.choices), label=_("kind"))
    level = forms.ChoiceField(choices=[("", "—")] + list(OrgLevel.choices), label=_("level"))
    sector = forms.ChoiceField(choices=[("", "—")] + list(Sector.choices), label=_("sector"))
    division_code = forms.CharField(max_length=12, label=_("division code"))


class OrgMoveForm(forms.Form):
    new_parent = forms.ModelChoiceField(queryset=Org.objects.none(), label=_("new parent organization"))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, user=None, org=None, **kwargs):
        super().__init__(*args, **kwargs)
        from orgwork.core.paths import subtree_q

        qs = Org.objects.restrict(user, "move").exclude(subtree_q(org.path, "path"))
        self.fields["new_parent"].queryset = qs
        # 20,000 orgs: searched through core:lookup, validated against ``qs`` on submit.
        autocomplete_for(self.fields["new_parent"], "move")


class TermForm(ScopedModelForm):
    class Meta:
        model = Term
        fields = [
            "org",
            "number",
            "started_on",
            "ends_on",
            "ended_on",
            "election_method",
            "expected_voters",
            "actual_voters",
            "approved_seats",
            "notes",
        ]
        widgets = {
            "started_on": DATE,
            "ends_on": DATE,
            "ended_on": DATE,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ends_on"].required = False


class TeamSeatForm(ScopedModelForm):
    class Meta:
        model = TeamSeat
        fields = ["org", "team", "role", "person", "started_on", "ended_on", "notes"]
        widgets = {"started_on": DATE, "ended_on": DATE}
