"""The casework settings page (system administrators): escalation levels and quiet hours
(``core.Setting`` ``casework.escalation``) and the working days each kind and category gets by
default (``casework.kind.<code>``). No public spec gives these numbers, so they are data; the
page shows the built-in defaults beside them. Deadlines already set are snapshots and keep their
dates: a change applies to assignments made after it."""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.views import View

from orgwork.accounts.views import GlobalActionMixin
from orgwork.casework.kinds import all_kinds
from orgwork.casework.rules import ESCALATION_DEFAULTS, MAX_DEADLINE_DAYS, escalation_settings
from orgwork.core.settings_store import get_setting, set_setting

__all__ = ["CaseworkSettingsView", "EscalationForm", "KindDaysForm"]


class EscalationForm(forms.Form):
    remind_percent = forms.IntegerField(
        label=_("reminder to the handler at (% of the time)"),
        min_value=50,
        max_value=95,
        help_text=format_lazy(
            _("Default {}%: at least one working day before the deadline."),
            ESCALATION_DEFAULTS["remind_percent"],
        ),
    )
    committee_after_days = forms.IntegerField(
        label=_("supervising committee told after (working days overdue)"),
        min_value=1,
        max_value=30,
        help_text=format_lazy(_("Default {} working days."), ESCALATION_DEFAULTS["committee_after_days"]),
    )
    send_from = forms.TimeField(
        label=_("notices sent from"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=format_lazy(_("Only on working days. Default {}."), ESCALATION_DEFAULTS["send_from"]),
    )
    send_until = forms.TimeField(
        label=_("notices sent until"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=format_lazy(_("Default {}."), ESCALATION_DEFAULTS["send_until"]),
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("send_from"), data.get("send_until")
        if start and end and start >= end:
            raise forms.ValidationError(_("The sending hours must end after they begin."))
        return data

    def value(self) -> dict:
        d = self.cleaned_data
        return {
            "remind_percent": d["remind_percent"],
            "committee_after_days": d["committee_after_days"],
            "send_from": d["send_from"].strftime("%H:%M"),
            "send_until": d["send_until"].strftime("%H:%M"),
        }


def _days_field(label, default):
    return forms.IntegerField(
        label=label,
        min_value=1,
        max_value=MAX_DEADLINE_DAYS,
        help_text=format_lazy(_("Built-in: {} working days"), default),
    )


class KindDaysForm(forms.Form):
    """One field per kind (its default) and per category of the kind."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for kind in all_kinds():
            name = f"{kind.code}__default"
            self.fields[name] = _days_field(_("other categories"), kind.default_days)
            self.initial.setdefault(name, kind.days_for(""))
            cats = []
            for value, label in kind.category_choices():
                field = f"{kind.code}__{value}"
                built_in = kind.days_by_category.get(value) or kind.default_days
                self.fields[field] = _days_field(label, built_in)
                self.initial.setdefault(field, kind.days_for(value))
                cats.append(field)
            self.rows.append((kind, name, cats))

    def save(self, actor) -> None:
        for kind, default_field, cat_fields in self.rows:
            if all(self.cleaned_data[f] == self.initial[f] for f in (default_field, *cat_fields)):
                continue  # unchanged: nothing written for this kind
            key = f"casework.kind.{kind.code}"
            override = dict(get_setting(key, {}) or {})
            default = self.cleaned_data[default_field]
            # Every category explicitly: a built-in per-category figure would otherwise win over
            # the kind's new default (kinds.CaseKind.days_for).
            by_cat = {field.split("__", 1)[1]: self.cleaned_data[field] for field in cat_fields}
            new = {**override, "default_days": default, "days_by_category": by_cat}
            if new != override:
                set_setting(key, new, actor=actor)


class CaseworkSettingsView(GlobalActionMixin, View):
    action = "manage_system"

    def _render(self, request, escalation, days, status=200):
        return render(
            request,
            "casework/settings.html",
            {
                "escalation": escalation,
                "days": days,
                "kinds": [(kind, days[d], [days[c] for c in cats]) for kind, d, cats in days.rows],
            },
            status=status,
        )

    def get(self, request):
        conf = escalation_settings()
        return self._render(request, EscalationForm(initial=conf), KindDaysForm())

    def post(self, request):
        escalation = EscalationForm(request.POST)
        days = KindDaysForm(request.POST)
        if not (escalation.is_valid() and days.is_valid()):
            messages.error(request, _("Nothing was saved: correct the marked fields."))
            return self._render(request, escalation, days, status=400)
        with transaction.atomic():
            if escalation.value() != escalation_settings():
                set_setting("casework.escalation", escalation.value(), actor=request.user)
            days.save(request.user)
        messages.success(request, _("Saved. Deadlines already set keep their dates."))
        return HttpResponseRedirect(reverse("casework:settings"))
