"""The self-service portal ("我的"): a logged-in user linked to a person sees their own records,
without any scoped grant. Pages of other apps that act for the user themselves (a talent filing a
service request) use ``SelfServiceMixin``, which finds the person or shows the "not linked" page."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import render
from django.views import View

from orgwork.selfservice.panels import panels_for

__all__ = ["SelfServiceMixin", "MeView", "not_linked"]


def not_linked(request):
    return render(request, "selfservice/not_linked.html", status=200)


class SelfServiceMixin(LoginRequiredMixin):
    """``self.person`` is the person linked to the user; without one, a page that says so."""

    person = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.person = request.user.person
        if self.person is None or self.person.deleted_at is not None:
            return not_linked(request)
        return super().dispatch(request, *args, **kwargs)


class MeView(SelfServiceMixin, View):
    def get(self, request):
        panels = [
            {"panel": panel, "template": panel.template, "ctx": ctx}
            for panel, ctx in panels_for(request, self.person)
        ]
        return render(request, "selfservice/me.html", {"person": self.person, "panels": panels})
