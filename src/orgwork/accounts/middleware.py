"""Security policy on every request: idle and absolute session limits, TOTP for the roles that need
it, forced password change. The policy is read from accounts.policy (cached per process), so this
adds no query on most requests."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

__all__ = ["SecurityPolicyMiddleware"]

EXEMPT_PREFIXES = ("/static/", "/accounts/login", "/accounts/logout", "/i18n/", "/favicon")
# Pages a user needs while the second factor is pending, and while a password change is due.
OTP_EXEMPT_PREFIXES = ("/accounts/otp",)
PASSWORD_EXEMPT_PREFIXES = ("/accounts/password", "/accounts/otp")
API_PREFIX = "/api/"
LAST_SEEN_RESOLUTION = 60  # seconds


class SecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith(EXEMPT_PREFIXES):
            response = self.check(request, user)
            if response is not None:
                return response
        return self.get_response(request)

    def check(self, request, user):
        from orgwork.accounts.policy import get_policy
        from orgwork.accounts.services import SESSION_LAST_SEEN, SESSION_LOGIN_AT, needs_otp, password_expired

        policy = get_policy()
        session = request.session
        now = time.time()
        started = session.get(SESSION_LOGIN_AT)
        if started is None:
            # A session not made by our login view (e.g. an API session): its clock starts now.
            session[SESSION_LOGIN_AT] = started = now
        if now - started > policy.absolute_seconds:
            return self.expire(request, user, "absolute session limit")
        last_seen = session.get(SESSION_LAST_SEEN)
        if last_seen is not None and now - last_seen > policy.idle_seconds:
            return self.expire(request, user, "idle timeout")
        if last_seen is None or now - last_seen >= LAST_SEEN_RESOLUTION:
            # Activity is noted once a minute (which saves the session and renews its expiry in
            # the store), not on every request: the idle limit counts from the last noted minute.
            session[SESSION_LAST_SEEN] = now
            # The store must keep the session at least as long as the policy's idle limit.
            store_age = policy.idle_seconds + LAST_SEEN_RESOLUTION
            if store_age > settings.SESSION_COOKIE_AGE:
                session.set_expiry(store_age)

        path = request.path
        is_api = path.startswith(API_PREFIX)
        if not path.startswith(OTP_EXEMPT_PREFIXES) and needs_otp(request, policy):
            if is_api:
                return _api_error(
                    403, "otp_required", _("Pass the two-factor check on the login page first.")
                )
            return redirect("{}?next={}".format(reverse("accounts:otp"), _next(request)))
        if not path.startswith(PASSWORD_EXEMPT_PREFIXES) and password_expired(user, policy):
            if is_api:
                return _api_error(
                    403, "password_change_required", _("Your password must be changed on the pages first.")
                )
            return redirect(reverse("accounts:password_change"))
        return None

    def expire(self, request, user, reason):
        from orgwork.core.audit import record_event
        from orgwork.core.models import ChangeLogAction

        record_event(ChangeLogAction.LOGOUT, actor=user, obj=user, note=reason)
        logout(request)
        if request.path.startswith(API_PREFIX):
            return _api_error(401, "session_expired", _("Your session has expired; sign in again."))
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)


def _next(request):
    from urllib.parse import quote

    if request.method != "GET":
        return quote(reverse("home"))
    return quote(request.get_full_path())


def _api_error(status, code, detail):
    """An API error in the one shape of core.api.errors."""
    return JsonResponse({"code": code, "detail": str(detail), "errors": {}}, status=status)
