"""The working-day calendar page: a year's holidays and make-up working days, maintained by the
system administrator when the State Council publishes next year's arrangement."""

from datetime import date, timedelta

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from orgwork.accounts.scope import has_global_action
from orgwork.core import workdays
from orgwork.core.audit import record_change
from orgwork.core.models import CalendarDay, ChangeLogAction

__all__ = ["CalendarView", "CalendarRangeForm"]

MAX_RANGE_DAYS = 31


class CalendarRangeForm(forms.Form):
    start = forms.DateField(label=gettext_lazy("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=gettext_lazy("To"), widget=forms.DateInput(attrs={"type": "date"}))
    is_workday = forms.TypedChoiceField(
        label=gettext_lazy("These days are"),
        choices=[("0", gettext_lazy("holidays (no work)")), ("1", gettext_lazy("make-up working days"))],
        coerce=lambda v: v == "1",
    )
    name = forms.CharField(label=gettext_lazy("Name"), max_length=50, required=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                raise forms.ValidationError(_("The end date is before the start date."))
            if (end - start).days >= MAX_RANGE_DAYS:
                raise forms.ValidationError(_("Enter at most %d days at a time.") % MAX_RANGE_DAYS)
        return data


class CalendarView(LoginRequiredMixin, View):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not has_global_action(request.user, "manage_system"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def year(self, request):
        try:
            return max(2000, min(2100, int(request.GET.get("year") or request.POST.get("year"))))
        except (TypeError, ValueError):
            return date.today().year + (1 if date.today().month >= 11 else 0)

    def context(self, request, year, form=None):
        rows = list(CalendarDay.objects.filter(date__year=year))
        source = workdays.year_source(year)
        library_days = []
        if source == workdays.SOURCE_LIBRARY:
            d = date(year, 1, 1)
            while d.year == year:
                workday, name, _src = workdays.day_info(d)
                if workday == (d.weekday() >= 5):
                    library_days.append({"date": d, "is_workday": workday, "name": name})
                d += timedelta(days=1)
        return {
            "year": year,
            "years": [year - 1, year, year + 1],
            "rows": rows,
            "library_days": library_days,
            "source": source,
            "warnings": workdays.warnings_for(date(year, 1, 1)),
            "form": form or CalendarRangeForm(initial={"start": date(year, 1, 1), "end": date(year, 1, 1)}),
        }

    def get(self, request):
        return render(request, "core/calendar.html", self.context(request, self.year(request)))

    def post(self, request):
        year = self.year(request)
        if "delete" in request.POST:
            with transaction.atomic():
                for day in CalendarDay.objects.filter(pk__in=request.POST.getlist("delete")):
                    record_change(
                        day, ChangeLogAction.DELETE, actor=request.user, before={"date": str(day.date)}
                    )
                    day.delete()
            workdays.clear_cache()
            messages.success(request, _("Removed."))
            return HttpResponseRedirect(f"{reverse('core:calendar')}?year={year}")
        form = CalendarRangeForm(request.POST)
        if not form.is_valid():
            return render(request, "core/calendar.html", self.context(request, year, form), status=400)
        data = form.cleaned_data
        with transaction.atomic():
            d = data["start"]
            while d <= data["end"]:
                day, created = CalendarDay.objects.update_or_create(
                    date=d, defaults={"is_workday": data["is_workday"], "name": data["name"]}
                )
                record_change(
                    day,
                    ChangeLogAction.CREATE if created else ChangeLogAction.UPDATE,
                    actor=request.user,
                    after={"date": str(d), "is_workday": data["is_workday"], "name": data["name"]},
                )
                d += timedelta(days=1)
        workdays.clear_cache()
        messages.success(request, _("Saved."))
        return HttpResponseRedirect(f"{reverse('core:calendar')}?year={data['start'].year}")
