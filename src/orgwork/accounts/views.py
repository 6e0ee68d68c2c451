"""Log in / out (audited), forced password change, TOTP check, lockout page."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _

from orgwork.core.audit import record_event
from orgwork.core.models import ChangeLogAction

__all__ = ["LoginView", "LogoutView", "PasswordChangeView", "lockout_response"]


class StyledAuthenticationForm(AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for f in self.fields.values():
            f.widget.attrs["class"] = "form-control"


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = StyledAuthenticationForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        self.request.session["login_at"] = timezone.now().timestamp()
        record_event(ChangeLogAction.LOGIN, actor=form.get_user(), obj=form.get_user())
        return response

    def form_invalid(self, form):
        record_event(ChangeLogAction.LOGIN_FAILED, actor=None, note=self.request.POST.get("username", "")[:150])
        return super().form_invalid(form)


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            record_event(ChangeLogAction.LOGOUT, actor=request.user, obj=request.user)
        return super().post(request, *args, **kwargs)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("home")

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        for f in form.fields.values():
            f.widget.attrs["class"] = "form-control"
        return form

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.user
        user.must_change_password = False
        user.save(update_fields=["must_change_password", "password_changed_at"])
        record_event(ChangeLogAction.UPDATE, actor=user, obj=user, note="password changed")
        messages.success(self.request, _("密码已修改。"))
        return response


def lockout_response(request, credentials, *args, **kwargs):
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "accounts/locked_out.html",
        {"minutes": minutes, "limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )
