"""Security policy on every request: forced password change, absolute session limit, TOTP for admin roles."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

__all__ = ["SecurityPolicyMiddleware"]

EXEMPT_PREFIXES = ("/static/", "/accounts/login", "/accounts/logout", "/i18n/", "/favicon")


class SecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        path = request.path
        if user is not None and user.is_authenticated and not path.startswith(EXEMPT_PREFIXES):
            started = request.session.get("login_at")
            limit = settings.ORGWORK["SESSION_ABSOLUTE_HOURS"] * 3600
            if started is None:
                request.session["login_at"] = time.time()
            elif time.time() - started > limit:
                logout(request)
                return redirect(settings.LOGIN_URL)
            if not path.startswith(("/accounts/password", "/accounts/otp", "/api/")):
                if _password_expired(user):
                    return redirect(reverse("accounts:password_change"))
                from orgwork.accounts.services import needs_otp

                if needs_otp(request):
                    return redirect(reverse("accounts:otp"))
        return self.get_response(request)


def _password_expired(user):
    if user.must_change_password:
        return True
    max_age = settings.ORGWORK["PASSWORD_MAX_AGE_DAYS"]
    if max_age and user.password_changed_at:
        return (timezone.now() - user.password_changed_at).days >= max_age
    return False
