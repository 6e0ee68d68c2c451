"""Forms of the account pages: users, grants, second factor, security policy, login history."""

from django import forms
from django.contrib.auth.password_validation import password_validators_help_texts, validate_password
from django.utils.translation import gettext_lazy as _

from orgwork.accounts.models import User
from orgwork.accounts.policy import SecurityPolicy
from orgwork.accounts.roles import Role
from orgwork.core.models import ChangeLogAction

__all__ = [
    "StyledFormMixin",
    "UserCreateForm",
    "UserEditForm",
    "AdminPasswordResetForm",
    "GrantForm",
    "OTPTokenForm",
    "SecurityPolicyForm",
    "LoginHistoryFilterForm",
]


class StyledFormMixin:
    """Bootstrap classes on every widget (no inline styles: CSP)."""

    def style_fields(self):
        for f in self.fields.values():
            widget = f.widget
            if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")


class _NewPasswordMixin:
    """Two password fields, checked against the password policy for ``self.user_for_validation``."""

    user_for_validation = None

    def password_help(self):
        # Read when the form is built, not at import: the policy lives in the database.
        self.fields["password1"].help_text = " ".join(str(t) for t in password_validators_help_texts())

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords do not match."))
        elif p1:
            user = self.user_for_validation or User(
                username=data.get("username", ""), display_name=data.get("display_name", "")
            )
            try:
                validate_password(p1, user)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data


def _password_fields():
    return (
        forms.CharField(
            label=_("initial password"),
            strip=False,
            widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        ),
        forms.CharField(
            label=_("password again"),
            strip=False,
            widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        ),
    )


class UserCreateForm(StyledFormMixin, _NewPasswordMixin, forms.Form):
    username = forms.CharField(label=_("username"), max_length=150)
    display_name = forms.CharField(label=_("display name"), max_length=50, required=False)
    phone = forms.CharField(label=_("phone"), max_length=20, required=False)
    password1, password2 = _password_fields()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.password_help()
        self.style_fields()

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        User.username_validator(username)
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This username is already taken."))
        return username


class UserEditForm(StyledFormMixin, forms.Form):
    display_name = forms.CharField(label=_("display name"), max_length=50, required=False)
    phone = forms.CharField(label=_("phone"), max_length=20, required=False)
    person = forms.ModelChoiceField(
        label=_("person"),
        queryset=None,
        required=False,
        help_text=_(
            "The person this account belongs to: search by the full ID number or the full name. "
            "They then see their own records under “Mine”, without any role."
        ),
    )

    def __init__(self, *args, **kwargs):
        from django.urls import reverse_lazy

        from orgwork.core.widgets import AutocompleteSelect
        from orgwork.people.models import Person

        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        field.queryset = Person.objects.all()
        field.widget = AutocompleteSelect(
            "people.person",
            url=reverse_lazy("accounts:person_lookup"),
            placeholder=_("Full ID number or full name…"),
        )
        field.widget.choices = field.choices
        self.style_fields()


class AdminPasswordResetForm(StyledFormMixin, _NewPasswordMixin, forms.Form):
    password1, password2 = _password_fields()

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user_for_validation = user
        self.fields["password1"].label = _("temporary password")
        self.password_help()
        self.style_fields()


class GrantForm(StyledFormMixin, forms.Form):
    role = forms.ChoiceField(label=_("role"), choices=Role.choices)
    org = forms.ModelChoiceField(
        label=_("organization"),
        queryset=None,
        required=False,
        help_text=_(
            "Needed for the organization roles (the grant covers its whole subtree); empty for the three admin roles."
        ),
    )
    can_view_sensitive = forms.BooleanField(
        label=_("may view sensitive data"),
        required=False,
        help_text=_("Unmasked ID numbers; every view is audited."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from orgwork.orgs.models import Org

        # The security admin holds no data scope, but must name the subtree a grant covers:
        # org names and codes are not personal data.
        self.fields["org"].queryset = Org.objects.order_by("path")
        self.fields["org"].label_from_instance = lambda o: "{}{} ({})".format(
            "　" * (o.depth - 1), o.name, o.code
        )
        self.style_fields()


class OTPTokenForm(StyledFormMixin, forms.Form):
    token = forms.CharField(
        label=_("verification code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_fields()

    def clean_token(self):
        return self.cleaned_data["token"].strip().replace(" ", "")


class SecurityPolicyForm(StyledFormMixin, forms.Form):
    """The run-time security policy. Bounds keep it from being switched off by a slip."""

    password_min_length = forms.IntegerField(label=_("minimum password length"), min_value=8, max_value=64)
    password_min_classes = forms.IntegerField(
        label=_("character classes required"),
        min_value=1,
        max_value=4,
        help_text=_("Of upper case, lower case, digits, symbols."),
    )
    password_max_age_days = forms.IntegerField(
        label=_("password maximum age (days)"),
        min_value=0,
        max_value=365,
        help_text=_("0: no forced rotation."),
    )
    session_idle_minutes = forms.IntegerField(
        label=_("idle session timeout (minutes)"), min_value=5, max_value=120
    )
    session_absolute_hours = forms.IntegerField(
        label=_("absolute session limit (hours)"), min_value=1, max_value=24
    )
    lockout_failures = forms.IntegerField(label=_("failed logins before lockout"), min_value=3, max_value=20)
    lockout_minutes = forms.IntegerField(label=_("lockout duration (minutes)"), min_value=5, max_value=1440)
    totp_required_roles = forms.MultipleChoiceField(
        label=_("roles that must use a second factor (TOTP)"),
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_fields()

    def clean(self):
        data = super().clean()
        absolute, idle = data.get("session_absolute_hours"), data.get("session_idle_minutes")
        if absolute and idle and idle > absolute * 60:
            self.add_error(
                "session_idle_minutes",
                _("The idle timeout cannot be longer than the absolute session limit."),
            )
        return data

    def to_policy(self) -> SecurityPolicy:
        return SecurityPolicy.from_dict(
            dict(self.cleaned_data, totp_required_roles=self.cleaned_data["totp_required_roles"])
        )


LOGIN_ACTIONS = [
    (ChangeLogAction.LOGIN.value, ChangeLogAction.LOGIN.label),
    (ChangeLogAction.LOGIN_FAILED.value, ChangeLogAction.LOGIN_FAILED.label),
    (ChangeLogAction.LOGOUT.value, ChangeLogAction.LOGOUT.label),
]


class LoginHistoryFilterForm(StyledFormMixin, forms.Form):
    user = forms.CharField(label=_("username"), required=False)
    action = forms.ChoiceField(label=_("event"), choices=[("", _("all"))] + LOGIN_ACTIONS, required=False)
    date_from = forms.DateField(
        label=_("from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(label=_("to"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_fields()
