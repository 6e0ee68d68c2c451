"""The talent settings page (system administrators): the lists talent work is configured by — talent
levels, the district's industry chains, recruitment channels, card tiers with their benefits, and
the three-year plan's targets (``core.Setting`` keys of ``talent.rules``). No public spec fixes them
(RULES.md §0.5), so they are data; the page shows the built-in defaults beside them.

Lists are edited as text, one entry a line, fields separated by "|". A code still used by records
cannot be removed (the records would lose their meaning); labels can change freely. Nothing is
saved unless everything is valid; every change is in the change log (``set_setting``)."""

from __future__ import annotations

import re

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views import View

from orgwork.accounts.views import GlobalActionMixin
from orgwork.core.settings_store import set_setting
from orgwork.talent import rules
from orgwork.talent.services import PLAN_MEASURES

__all__ = ["TalentSettingsForm", "TalentSettingsView"]

CODE = re.compile(r"^[A-Za-z0-9_]{1,20}$")
YES = {"是", "y", "yes", "1", "true", "√", "✓"}
NO = {"否", "n", "no", "0", "false", ""}


def _text(rows) -> str:
    return "\n".join(" | ".join(str(v) for v in row) for row in rows)


def _yes(flag: bool) -> str:
    return "是" if flag else "否"


def _lines(text: str):
    """(line number, fields) of each non-blank line."""
    for n, line in enumerate((text or "").splitlines(), start=1):
        if line.strip():
            yield n, [f.strip() for f in line.replace("｜", "|").split("|")]


def _in_use(model, field) -> dict[str, int]:
    from django.db.models import Count

    return {
        r[field]: r["n"]
        for r in model.objects.exclude(**{field: ""}).values(field).annotate(n=Count("pk")).order_by()
    }


class TalentSettingsForm(forms.Form):
    levels = forms.CharField(
        label=gettext_lazy("talent levels"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy(
            "One level a line: code | name | high-level (是/否) | national (是/否) | card tier code (blank: no card)."
        ),
    )
    industries = forms.CharField(
        label=gettext_lazy("industry chains"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("One a line: code | name."),
    )
    channels = forms.CharField(
        label=gettext_lazy("recruitment channels"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("One a line: code | name."),
    )
    card_tiers = forms.CharField(
        label=gettext_lazy("card tiers and benefits"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("One tier a line: code | name | benefit codes separated by commas."),
    )
    plan_name = forms.CharField(label=gettext_lazy("plan name"), max_length=100)
    plan_start_year = forms.IntegerField(
        label=gettext_lazy("first year of the plan"), min_value=2000, max_value=2100
    )
    plan_years = forms.IntegerField(label=gettext_lazy("years"), min_value=1, max_value=10)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plan = rules.plan()
        targets = {t["code"]: t["target"] for t in plan.get("targets", [])}
        defaults = {t["code"]: t["target"] for t in rules.DEFAULT_PLAN["targets"]}
        for code, measure in PLAN_MEASURES.items():
            self.fields["target_" + code] = forms.IntegerField(
                label=measure.label,
                min_value=0,
                max_value=10_000_000,
                required=False,
                help_text=format_lazy(
                    gettext_lazy("Built-in: {}. Blank: not tracked."), defaults.get(code, "—")
                ),
            )
            self.initial.setdefault("target_" + code, targets.get(code))
        self.initial.setdefault(
            "levels",
            _text(
                (lv.code, lv.label, _yes(lv.high_level), _yes(lv.national), lv.card_tier)
                for lv in rules.levels()
            ),
        )
        self.initial.setdefault("industries", _text(rules.industries()))
        self.initial.setdefault("channels", _text(rules.channels()))
        self.initial.setdefault(
            "card_tiers", _text((t.code, t.label, ", ".join(t.benefits)) for t in rules.card_tiers())
        )
        self.initial.setdefault("plan_name", plan.get("name", ""))
        self.initial.setdefault("plan_start_year", plan.get("start_year"))
        self.initial.setdefault("plan_years", plan.get("years"))
        for f in self.fields.values():
            f.widget.attrs.setdefault("class", "form-control")

    # -------------------------------------------------------------- parsing, one list at a time

    def _codes(self, field, n, code, seen):
        if not CODE.match(code or ""):
            self.add_error(
                field,
                _("Line {n}: the code “{code}” must be 1–20 letters, digits or underscores.").format(
                    n=n, code=code
                ),
            )
            return False
        if code in seen:
            self.add_error(field, _("Line {n}: the code “{code}” appears twice.").format(n=n, code=code))
            return False
        seen.add(code)
        return True

    def _pairs(self, field):
        out, seen = [], set()
        for n, parts in _lines(self.cleaned_data.get(field, "")):
            if len(parts) != 2 or not parts[1]:
                self.add_error(field, _("Line {n}: write “code | name”.").format(n=n))
                continue
            if self._codes(field, n, parts[0], seen):
                out.append([parts[0], parts[1]])
        if not out and field not in self.errors:
            self.add_error(field, _("The list cannot be empty."))
        return out

    def _tiers(self):
        out, seen = [], set()
        for n, parts in _lines(self.cleaned_data.get("card_tiers", "")):
            if len(parts) != 3 or not parts[1]:
                self.add_error("card_tiers", _("Line {n}: write “code | name | benefits”.").format(n=n))
                continue
            if not self._codes("card_tiers", n, parts[0], seen):
                continue
            benefits = [b.strip() for b in re.split(r"[,，、\s]+", parts[2]) if b.strip()]
            unknown = [b for b in benefits if b not in rules.BENEFITS]
            if unknown:
                self.add_error(
                    "card_tiers",
                    _("Line {n}: unknown benefit code(s): {codes}.").format(n=n, codes=", ".join(unknown)),
                )
                continue
            out.append({"code": parts[0], "label": parts[1], "benefits": benefits})
        return out

    def _levels(self, tier_codes):
        out, seen = [], set()
        for n, parts in _lines(self.cleaned_data.get("levels", "")):
            if len(parts) != 5 or not parts[1]:
                self.add_error(
                    "levels",
                    _("Line {n}: write “code | name | high-level | national | card tier”.").format(n=n),
                )
                continue
            code, label, high, national, tier = parts
            if not self._codes("levels", n, code, seen):
                continue
            flags = []
            for value in (high, national):
                v = value.lower()
                if v not in YES | NO:
                    self.add_error("levels", _("Line {n}: write 是 or 否, not “{v}”.").format(n=n, v=value))
                    break
                flags.append(v in YES)
            else:
                if tier and tier not in tier_codes:
                    self.add_error(
                        "levels", _("Line {n}: no card tier has the code “{code}”.").format(n=n, code=tier)
                    )
                    continue
                out.append(
                    {
                        "code": code,
                        "label": label,
                        "high_level": flags[0],
                        "national": flags[1],
                        "card_tier": tier,
                    }
                )
        if not out and "levels" not in self.errors:
            self.add_error("levels", _("The list cannot be empty."))
        return out

    def _keep_used(self, field, codes, model, attr, what):
        for code, n in sorted(_in_use(model, attr).items()):
            if code not in codes:
                self.add_error(
                    field,
                    _("The {what} “{code}” is used by {n} records and cannot be removed.").format(
                        what=what, code=code, n=n
                    ),
                )

    def clean(self):
        from orgwork.talent.models import Talent, TalentCard

        data = super().clean()
        tiers = self._tiers()
        levels = self._levels({t["code"] for t in tiers})
        industries = self._pairs("industries")
        channels = self._pairs("channels")
        if not self.errors:
            self._keep_used(
                "levels", {lv["code"] for lv in levels}, Talent, "level", pgettext("talent", "level")
            )
            self._keep_used(
                "industries", {c for c, _n in industries}, Talent, "industry", _("industry chain")
            )
            self._keep_used(
                "channels", {c for c, _n in channels}, Talent, "channel", pgettext("talent", "channel")
            )
            self._keep_used("card_tiers", {t["code"] for t in tiers}, TalentCard, "tier", _("card tier"))
        targets = [
            {"code": code, "target": data["target_" + code]}
            for code in PLAN_MEASURES
            if data.get("target_" + code) is not None
        ]
        data["values"] = {
            rules.LEVELS_SETTING: levels,
            rules.INDUSTRIES_SETTING: industries,
            rules.CHANNELS_SETTING: channels,
            rules.CARD_TIERS_SETTING: tiers,
            rules.PLAN_SETTING: {
                "name": (data.get("plan_name") or "").strip(),
                "start_year": data.get("plan_start_year"),
                "years": data.get("plan_years"),
                "targets": targets,
            },
        }
        return data

    def save(self, actor) -> list[str]:
        """Write the settings that changed; the keys written."""
        current = current_values()
        written = []
        for key, value in self.cleaned_data["values"].items():
            if value != current[key]:
                set_setting(key, value, actor=actor)
                written.append(key)
        return written


def current_values() -> dict:
    """The lists in force, in the stored form (defaults as they would be stored)."""
    p = rules.plan()
    return {
        rules.LEVELS_SETTING: [
            {
                "code": lv.code,
                "label": str(lv.label),
                "high_level": lv.high_level,
                "national": lv.national,
                "card_tier": lv.card_tier,
            }
            for lv in rules.levels()
        ],
        rules.INDUSTRIES_SETTING: [[c, str(n)] for c, n in rules.industries()],
        rules.CHANNELS_SETTING: [[c, str(n)] for c, n in rules.channels()],
        rules.CARD_TIERS_SETTING: [
            {"code": t.code, "label": str(t.label), "benefits": list(t.benefits)} for t in rules.card_tiers()
        ],
        rules.PLAN_SETTING: {
            "name": p.get("name", ""),
            "start_year": p.get("start_year"),
            "years": p.get("years"),
            "targets": [{"code": t["code"], "target": t["target"]} for t in p.get("targets", [])],
        },
    }


class TalentSettingsView(GlobalActionMixin, View):
    action = "manage_system"
    template_name = "talent/settings.html"

    def _render(self, request, form, status=200):
        benefits = [(code, label) for code, label in rules.BENEFITS.items()]
        ctx = {
            "form": form,
            "benefits": benefits,
            "lists": [form[n] for n in ("levels", "industries", "channels", "card_tiers")],
            "plan_fields": [form[n] for n in ("plan_name", "plan_start_year", "plan_years")],
            "targets": [form["target_" + code] for code in PLAN_MEASURES],
        }
        return render(request, self.template_name, ctx, status=status)

    def get(self, request):
        return self._render(request, TalentSettingsForm())

    def post(self, request):
        form = TalentSettingsForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Nothing was saved: correct the marked fields."))
            return self._render(request, form, status=400)
        with transaction.atomic():
            written = form.save(request.user)
        if written:
            messages.success(request, _("Saved. Records keep their codes; new labels show at once."))
        else:
            messages.info(request, _("Nothing changed."))
        return HttpResponseRedirect(reverse("talent:settings"))
