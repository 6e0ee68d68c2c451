"""Account pages: log in / out (audited), forced password change, TOTP enrolment and check,
lockout page; user management (system admin), grants, login history and security policy
(security admin). Each admin page checks its global action; the rules live in services."""

from datetime import datetime, time, timedelta

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View
from django_otp import devices_for_user
from django_otp import login as otp_login

from orgwork.accounts import services
from orgwork.accounts.forms import (
    LOGIN_ACTIONS,
    AdminPasswordResetForm,
    GrantForm,
    LoginHistoryFilterForm,
    OTPTokenForm,
    SecurityPolicyForm,
    UserCreateForm,
    UserEditForm,
)
from orgwork.accounts.models import RoleGrant, User
from orgwork.accounts.policy import axes_cooloff_time, axes_failure_limit, get_policy, set_policy
from orgwork.accounts.scope import has_global_action
from orgwork.core.audit import record_event
from orgwork.core.models import ChangeLog, ChangeLogAction

__all__ = [
    "LoginView",
    "LogoutView",
    "PasswordChangeView",
    "lockout_response",
    "OTPVerifyView",
    "OTPEnrolView",
    "OTPBackupCodesView",
    "UserListView",
    "UserCreateView",
    "UserDetailView",
    "UserEditView",
    "UserStateView",
    "UserPasswordResetView",
    "GrantListView",
    "UserGrantsView",
    "GrantRevokeView",
    "SecondFactorResetView",
    "LoginHistoryView",
    "SecurityPolicyView",
    "ApiTokenListView",
    "ApiTokenRevokeView",
    "SESSION_LOGIN_AT",
    "SESSION_LAST_SEEN",
]

SESSION_LOGIN_AT = services.SESSION_LOGIN_AT
SESSION_LAST_SEEN = services.SESSION_LAST_SEEN
SESSION_OTP_FAILURES = "otp_failures"
OTP_FAILURES_BEFORE_LOGOUT = 5
PAGE_SIZE = 50


class _Attempt:
    """The actor of a failed login: not a user, but the name that was typed (for the log)."""

    is_authenticated = False

    def __init__(self, username):
        self.username = (username or "")[:150]


def _safe_next(request, default="home"):
    nxt = request.POST.get("next") or request.GET.get("next") or ""
    if nxt and url_has_allowed_host_and_scheme(
        nxt, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return nxt
    return reverse(default)


def _page(request, qs):
    return Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))


def _querystring_without_page(request):
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


# ---------------------------------------------------------------- log in / out / password


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
        user = form.get_user()
        now = timezone.now().timestamp()
        session = self.request.session
        session[SESSION_LOGIN_AT] = now
        session[SESSION_LAST_SEEN] = now
        session[services.SESSION_OTP_ENROLLED] = services.has_confirmed_device(user)
        record_event(ChangeLogAction.LOGIN, actor=user, obj=user, note="password")
        return response

    def form_invalid(self, form):
        locked = bool(getattr(self.request, "axes_locked_out", False))
        record_event(
            ChangeLogAction.LOGIN_FAILED,
            actor=_Attempt(self.request.POST.get("username", "")),
            note="locked out" if locked else "bad credentials",
        )
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

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["forced"] = services.password_expired(self.request.user)
        return ctx

    def form_valid(self, form):
        if form.cleaned_data.get("old_password") == form.cleaned_data.get("new_password1"):
            form.add_error("new_password1", _("The new password must differ from the old one."))
            return self.form_invalid(form)
        with transaction.atomic():
            response = super().form_valid(form)
            services.record_password_changed(form.user)
        messages.success(self.request, _("Your password has been changed."))
        return response


def lockout_response(request, original_response=None, credentials=None, *args, **kwargs):
    """django-axes calls this for a locked account: the same page whether the password was right."""
    minutes = int(axes_cooloff_time(request).total_seconds() // 60)
    return render(
        request,
        "accounts/locked_out.html",
        {"minutes": minutes, "limit": axes_failure_limit(request, credentials)},
        status=429,
    )


# ---------------------------------------------------------------- second factor


def _qr_svg(data: str) -> str:
    """The QR code as inline SVG, drawn here (no external service, no inline style: CSP)."""
    img = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    svg = img.to_string(encoding="unicode")
    if svg.startswith("<?xml"):
        svg = svg[svg.index("?>") + 2 :]
    return svg.replace("<svg ", '<svg class="otp-qr" role="img" aria-label="QR" ', 1)


class OTPVerifyView(LoginRequiredMixin, View):
    """The second step of logging in: a code from the authenticator app (or a backup code)."""

    template_name = "accounts/otp_verify.html"

    def _render(self, request, form, status=200):
        return render(request, self.template_name, {"form": form, "next": _safe_next(request)}, status=status)

    def get(self, request):
        user = request.user
        if user.is_verified():
            return HttpResponseRedirect(_safe_next(request))
        if not services.has_confirmed_device(user):
            if services.otp_required(user):
                return HttpResponseRedirect(
                    "{}?next={}".format(reverse("accounts:otp_enrol"), _safe_next(request))
                )
            request.session[services.SESSION_OTP_ENROLLED] = False
            return HttpResponseRedirect(_safe_next(request))
        return self._render(request, OTPTokenForm())

    def post(self, request):
        user = request.user
        if user.is_verified():
            return HttpResponseRedirect(_safe_next(request))
        form = OTPTokenForm(request.POST)
        if not form.is_valid():
            return self._render(request, form, status=400)
        token = form.cleaned_data["token"]
        with transaction.atomic():
            device = next((d for d in devices_for_user(user, for_verify=True) if d.verify_token(token)), None)
        if device is None:
            failures = request.session.get(SESSION_OTP_FAILURES, 0) + 1
            request.session[SESSION_OTP_FAILURES] = failures
            record_event(ChangeLogAction.LOGIN_FAILED, actor=user, obj=user, note="second factor rejected")
            if failures >= OTP_FAILURES_BEFORE_LOGOUT:
                from django.contrib.auth import logout

                record_event(
                    ChangeLogAction.LOGOUT, actor=user, obj=user, note="too many second factor failures"
                )
                logout(request)
                return redirect(settings.LOGIN_URL)
            form.add_error("token", _("The code is wrong or has expired."))
            return self._render(request, form, status=400)
        otp_login(request, device)
        request.session.pop(SESSION_OTP_FAILURES, None)
        request.session[services.SESSION_OTP_ENROLLED] = True
        record_event(
            ChangeLogAction.LOGIN,
            actor=user,
            obj=user,
            note="second factor ({})".format(type(device).__name__),
        )
        return HttpResponseRedirect(_safe_next(request))


class OTPEnrolView(LoginRequiredMixin, View):
    """Set up an authenticator app: QR code and base32 secret, confirmed with a first code.
    Required for the roles the policy names, optional for everyone else."""

    template_name = "accounts/otp_enrol.html"

    def _guard(self, request):
        # Replacing a device needs the current one first: a stolen password alone must not do it.
        if services.has_confirmed_device(request.user) and not request.user.is_verified():
            return HttpResponseRedirect(reverse("accounts:otp"))
        return None

    def _render(self, request, device, form, status=200):
        ctx = {
            "form": form,
            "qr_svg": mark_safe(_qr_svg(services.totp_config_url(device))),  # noqa: S308 - generated here
            "secret": services.secret_base32(device),
            "required": services.otp_required(request.user),
            "next": _safe_next(request),
        }
        return render(request, self.template_name, ctx, status=status)

    def get(self, request):
        guard = self._guard(request)
        if guard:
            return guard
        device = services.start_totp_enrolment(request.user)
        return self._render(request, device, OTPTokenForm())

    def post(self, request):
        guard = self._guard(request)
        if guard:
            return guard
        device = services.start_totp_enrolment(request.user)
        form = OTPTokenForm(request.POST)
        if form.is_valid() and services.confirm_totp_device(
            device, form.cleaned_data["token"], actor=request.user
        ):
            otp_login(request, device)
            request.session[services.SESSION_OTP_ENROLLED] = True
            codes = services.generate_backup_codes(request.user, actor=request.user)
            messages.success(request, _("Two-factor authentication is now on."))
            return render(
                request, "accounts/otp_backup_codes.html", {"codes": codes, "next": _safe_next(request)}
            )
        if form.is_valid():
            form.add_error(
                "token", _("The code is wrong. Check that your phone's clock is right and try again.")
            )
        return self._render(request, device, form, status=400)


class OTPBackupCodesView(LoginRequiredMixin, View):
    """New single-use backup codes, shown once; only in a session verified with the second factor."""

    def post(self, request):
        if not request.user.is_verified():
            return HttpResponseRedirect(reverse("accounts:otp"))
        codes = services.generate_backup_codes(request.user, actor=request.user)
        return render(request, "accounts/otp_backup_codes.html", {"codes": codes, "next": reverse("home")})


# ---------------------------------------------------------------- admin page base


class GlobalActionMixin(LoginRequiredMixin):
    """The page needs a global action of one of the three admin roles (roles.ROLE_ACTIONS)."""

    action = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not has_global_action(request.user, self.action):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def _error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


# ---------------------------------------------------------------- users (system admin)


class UserListView(GlobalActionMixin, View):
    action = "manage_users"
    template_name = "accounts/user_list.html"

    def get(self, request):
        q = request.GET.get("q", "").strip()
        status = request.GET.get("status", "")
        qs = User.objects.order_by("username")
        if q:
            qs = qs.filter(Q(username__icontains=q) | Q(display_name__icontains=q) | Q(phone__icontains=q))
        if status == "active":
            qs = qs.filter(is_active=True)
        elif status == "inactive":
            qs = qs.filter(is_active=False)
        qs = qs.prefetch_related(Prefetch("grants", queryset=RoleGrant.objects.select_related("org")))
        page = _page(request, qs)
        return render(
            request,
            self.template_name,
            {"page": page, "q": q, "status": status, "querystring": _querystring_without_page(request)},
        )


class UserCreateView(GlobalActionMixin, View):
    action = "manage_users"
    template_name = "accounts/user_form.html"

    def get(self, request):
        return render(request, self.template_name, {"form": UserCreateForm(), "is_new": True})

    def post(self, request):
        form = UserCreateForm(request.POST)
        if form.is_valid():
            try:
                user = services.create_user(
                    username=form.cleaned_data["username"],
                    password=form.cleaned_data["password1"],
                    display_name=form.cleaned_data["display_name"],
                    phone=form.cleaned_data["phone"],
                    actor=request.user,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    _("User {} created; they must change the password at their first login.").format(
                        user.username
                    ),
                )
                return HttpResponseRedirect(reverse("accounts:user_detail", args=[user.pk]))
        return render(request, self.template_name, {"form": form, "is_new": True}, status=400)


class UserDetailView(GlobalActionMixin, View):
    action = "manage_users"
    template_name = "accounts/user_detail.html"

    def get(self, request, pk):
        user = get_object_or_404(User, pk=pk)
        ctx = {
            "account": user,
            "grants": user.grants.select_related("org").order_by("role", "org_path"),
            "locked": services.is_locked_out(user),
            "has_otp": services.has_confirmed_device(user),
            "password_expired": services.password_expired(user),
            "is_self": user.pk == request.user.pk,
        }
        return render(request, self.template_name, ctx)


class UserEditView(GlobalActionMixin, View):
    action = "manage_users"
    template_name = "accounts/user_form.html"

    def get(self, request, pk):
        user = get_object_or_404(User, pk=pk)
        form = UserEditForm(
            initial={"display_name": user.display_name, "phone": user.phone, "person": user.person_id}
        )
        return render(request, self.template_name, {"form": form, "account": user, "is_new": False})

    def post(self, request, pk):
        user = get_object_or_404(User, pk=pk)
        form = UserEditForm(request.POST)
        if form.is_valid():
            try:
                services.update_user(user, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Saved."))
                return HttpResponseRedirect(reverse("accounts:user_detail", args=[user.pk]))
        return render(
            request, self.template_name, {"form": form, "account": user, "is_new": False}, status=400
        )


class PersonLookupView(GlobalActionMixin, View):
    """The person search of the user form. Whoever manages users holds no data scope (三员分立), so
    this is not the scoped ``core:lookup``: it finds a person only by the full ID number or the
    exact full name (no browsing by prefix), and shows the ID number masked."""

    action = "manage_users"

    def get(self, request):
        from django.http import JsonResponse

        from orgwork.core.views import LOOKUP_LIMIT, _lookup_hint
        from orgwork.people.models import Person

        q = request.GET.get("q", "").strip()[:50]
        if len(q) == 18 and q.isascii():
            qs = Person.objects.filter(id_number=q.upper())
        elif q and not q.isascii():
            qs = Person.objects.filter(name=q)
        else:
            qs = Person.objects.none()
        rows = [
            {
                "id": p.pk,
                "text": "{} {}".format(p.name, p.masked_id_number),
                "hint": _lookup_hint(p),
            }
            for p in qs.select_related("registered_org").order_by("pk")[:LOOKUP_LIMIT]
        ]
        return JsonResponse({"results": rows})


class UserStateView(GlobalActionMixin, View):
    """POST-only account actions: deactivate, reactivate, unlock."""

    action = "manage_users"
    operation = None

    def post(self, request, pk):
        user = get_object_or_404(User, pk=pk)
        try:
            if self.operation == "deactivate":
                services.set_user_active(user, False, actor=request.user)
                messages.success(request, _("Account {} deactivated.").format(user.username))
            elif self.operation == "reactivate":
                services.set_user_active(user, True, actor=request.user)
                messages.success(request, _("Account {} reactivated.").format(user.username))
            elif self.operation == "unlock":
                services.unlock_user(user, actor=request.user)
                messages.success(request, _("Account {} unlocked.").format(user.username))
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
        return HttpResponseRedirect(reverse("accounts:user_detail", args=[user.pk]))


class UserPasswordResetView(GlobalActionMixin, View):
    action = "manage_users"
    template_name = "accounts/user_password_reset.html"

    def get(self, request, pk):
        user = get_object_or_404(User, pk=pk)
        return render(
            request, self.template_name, {"form": AdminPasswordResetForm(user=user), "account": user}
        )

    def post(self, request, pk):
        user = get_object_or_404(User, pk=pk)
        form = AdminPasswordResetForm(request.POST, user=user)
        if form.is_valid():
            try:
                services.reset_password(user, form.cleaned_data["password1"], actor=request.user)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    _("Password of {} reset; the user must change it at the next login.").format(
                        user.username
                    ),
                )
                return HttpResponseRedirect(reverse("accounts:user_detail", args=[user.pk]))
        return render(request, self.template_name, {"form": form, "account": user}, status=400)


# ---------------------------------------------------------------- grants (security admin)


class GrantListView(GlobalActionMixin, View):
    """Every user and the roles they hold; pick one to change their grants."""

    action = "manage_grants"
    template_name = "accounts/grant_list.html"

    def get(self, request):
        q = request.GET.get("q", "").strip()
        role = request.GET.get("role", "")
        qs = User.objects.filter(is_active=True).order_by("username")
        if q:
            qs = qs.filter(Q(username__icontains=q) | Q(display_name__icontains=q))
        if role:
            qs = qs.filter(grants__role=role).distinct()
        qs = qs.prefetch_related(Prefetch("grants", queryset=RoleGrant.objects.select_related("org")))
        from orgwork.accounts.roles import Role

        return render(
            request,
            self.template_name,
            {
                "page": _page(request, qs),
                "q": q,
                "role": role,
                "roles": Role.choices,
                "querystring": _querystring_without_page(request),
            },
        )


class UserGrantsView(GlobalActionMixin, View):
    action = "manage_grants"
    template_name = "accounts/user_grants.html"

    def _render(self, request, user, form, status=200):
        ctx = {
            "account": user,
            "grants": user.grants.select_related("org", "granted_by").order_by("role", "org_path"),
            "form": form,
            "has_otp": services.has_confirmed_device(user),
            "is_self": user.pk == request.user.pk,
        }
        return render(request, self.template_name, ctx, status=status)

    def get(self, request, pk):
        user = get_object_or_404(User, pk=pk)
        return self._render(request, user, GrantForm())

    def post(self, request, pk):
        user = get_object_or_404(User, pk=pk)
        form = GrantForm(request.POST)
        if form.is_valid():
            try:
                grant = services.grant_role(
                    user,
                    form.cleaned_data["role"],
                    form.cleaned_data["org"],
                    actor=request.user,
                    can_view_sensitive=form.cleaned_data["can_view_sensitive"],
                )
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for field, errors in exc.error_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, exc)
            else:
                messages.success(request, _("Granted: {}").format(grant))
                return HttpResponseRedirect(reverse("accounts:user_grants", args=[user.pk]))
        return self._render(request, user, form, status=400)


class GrantRevokeView(GlobalActionMixin, View):
    action = "manage_grants"

    def post(self, request, pk):
        grant = get_object_or_404(RoleGrant.objects.select_related("user", "org"), pk=pk)
        try:
            services.revoke_role(grant, actor=request.user)
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(request, _("Revoked: {}").format(grant))
        return HttpResponseRedirect(reverse("accounts:user_grants", args=[grant.user_id]))


class SecondFactorResetView(GlobalActionMixin, View):
    """A lost phone: the security admin removes the user's devices; they enrol again."""

    action = "manage_security"

    def post(self, request, pk):
        user = get_object_or_404(User, pk=pk)
        try:
            services.reset_second_factor(user, actor=request.user)
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(
                request,
                _(
                    "Two-factor authentication of {} reset; the user sets it up again at the next login."
                ).format(user.username),
            )
        return HttpResponseRedirect(reverse("accounts:user_grants", args=[user.pk]))


# ---------------------------------------------------------------- login history (security admin)


class LoginHistoryView(GlobalActionMixin, View):
    """Logins, failures (locked-out attempts marked), logouts and timeouts, by user and date; plus
    the accounts locked right now."""

    action = "view_login_history"
    template_name = "accounts/login_history.html"

    def get(self, request):
        form = LoginHistoryFilterForm(request.GET or None)
        qs = ChangeLog.objects.filter(action__in=[a for a, _label in LOGIN_ACTIONS])
        if form.is_valid():
            data = form.cleaned_data
            if data["user"]:
                qs = qs.filter(user_name__iexact=data["user"].strip())
            if data["action"]:
                qs = qs.filter(action=data["action"])
            tz = timezone.get_current_timezone()
            if data["date_from"]:
                qs = qs.filter(time__gte=datetime.combine(data["date_from"], time.min, tzinfo=tz))
            if data["date_to"]:
                qs = qs.filter(
                    time__lt=datetime.combine(data["date_to"] + timedelta(days=1), time.min, tzinfo=tz)
                )
        qs = qs.only("time", "user_name", "ip", "action", "note").order_by("-time", "-id")
        from axes.models import AccessAttempt

        locked = AccessAttempt.objects.filter(
            failures_since_start__gte=axes_failure_limit(request),
            attempt_time__gte=timezone.now() - axes_cooloff_time(request),
        ).order_by("-attempt_time")[:100]
        return render(
            request,
            self.template_name,
            {
                "form": form,
                "page": _page(request, qs),
                "locked": locked,
                "querystring": _querystring_without_page(request),
            },
        )


# ---------------------------------------------------------------- security policy (security admin)


class SecurityPolicyView(GlobalActionMixin, View):
    action = "manage_security"
    template_name = "accounts/security_policy.html"

    def get(self, request):
        form = SecurityPolicyForm(initial=get_policy().as_dict())
        return render(request, self.template_name, {"form": form})

    def post(self, request):
        form = SecurityPolicyForm(request.POST)
        if form.is_valid():
            set_policy(form.to_policy(), actor=request.user)
            messages.success(request, _("Security policy saved."))
            return HttpResponseRedirect(reverse("accounts:security_policy"))
        return render(request, self.template_name, {"form": form}, status=400)


# ---------------------------------------------------------------- API tokens (every user)


class ApiTokenListView(LoginRequiredMixin, View):
    """The user's own API tokens: list, create (the key is shown once, on the answer to the POST),
    revoke. A security admin may list everyone's (``?all=1``) and revoke any.

    Reaching this page at all needs a session that passed TOTP when the user's role requires it
    (the security middleware); ``tokens.issue_token`` checks it again."""

    template_name = "accounts/api_tokens.html"

    def _context(self, request, **extra):
        from orgwork.accounts import tokens as token_service
        from orgwork.accounts.models import ApiToken

        is_security_admin = has_global_action(request.user, "manage_security")
        show_all = is_security_admin and request.GET.get("all") == "1"
        qs = ApiToken.objects.select_related("user", "revoked_by")
        if not show_all:
            qs = qs.filter(user=request.user)
        ctx = {
            "page": _page(request, qs),
            "querystring": _querystring_without_page(request),
            "show_all": show_all,
            "is_security_admin": is_security_admin,
            "default_days": token_service.default_days(),
            "max_days": token_service.max_days(),
            "now": timezone.now(),
            "name": "",
            "days": token_service.default_days(),
            "errors": {},
        }
        ctx.update(extra)
        return ctx

    def get(self, request):
        return render(request, self.template_name, self._context(request))

    def post(self, request):
        from orgwork.accounts import tokens as token_service

        name = request.POST.get("name", "")
        days = request.POST.get("days", "")
        try:
            token, key = token_service.issue_token(
                request.user,
                name=name,
                days=int(days) if days.strip().isdigit() else -1,
                session_verified=request.user.is_verified(),
            )
        except ValidationError as exc:
            errors = {field: " ".join(msgs) for field, msgs in exc.message_dict.items()}
            ctx = self._context(request, name=name, days=days, errors=errors)
            return render(request, self.template_name, ctx, status=400)
        response = render(request, self.template_name, self._context(request, new_token=token, new_key=key))
        # The key is in this answer only: keep it out of every cache.
        response["Cache-Control"] = "no-store"
        return response


class ApiTokenRevokeView(LoginRequiredMixin, View):
    def post(self, request, pk):
        from orgwork.accounts import tokens as token_service
        from orgwork.accounts.models import ApiToken

        qs = ApiToken.objects.select_related("user")
        if not has_global_action(request.user, "manage_security"):
            qs = qs.filter(user=request.user)
        token = get_object_or_404(qs, pk=pk)
        token_service.revoke_token(token, actor=request.user)
        messages.success(request, _("API token “{}” revoked.").format(token.name))
        target = reverse("accounts:api_tokens")
        if request.POST.get("all") == "1":
            target += "?all=1"
        return HttpResponseRedirect(target)
