"""Password rules beyond Django's own (MLPS 2.0 level 3: complexity)."""

import string

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

__all__ = ["CharacterClassValidator", "PolicyPasswordValidator"]


def character_classes(password: str) -> int:
    """How many of lower case, upper case, digits, symbols ``password`` uses."""
    return sum(
        [
            any(c.islower() for c in password),
            any(c.isupper() for c in password),
            any(c.isdigit() for c in password),
            any(c in string.punctuation or c == " " for c in password),
        ]
    )


class CharacterClassValidator:
    """At least ``min_classes`` of: lower case, upper case, digits, symbols."""

    def __init__(self, min_classes=3):
        self.min_classes = min_classes

    def classes(self, password):
        return character_classes(password)

    def validate(self, password, user=None):
        if self.classes(password) < self.min_classes:
            raise ValidationError(
                _(
                    "The password must contain at least {} of: upper case letters, lower case letters, digits, symbols."
                ).format(self.min_classes),
                code="password_too_simple",
            )

    def get_help_text(self):
        return _(
            "The password must contain at least {} of: upper case letters, lower case letters, digits, symbols."
        ).format(self.min_classes)


class PolicyPasswordValidator:
    """Length and character classes as the run-time security policy sets them
    (defaults: 10 characters, 3 of 4 classes; accounts.policy)."""

    def _policy(self):
        from orgwork.accounts.policy import get_policy

        return get_policy()

    def validate(self, password, user=None):
        policy = self._policy()
        errors = []
        if len(password) < policy.password_min_length:
            errors.append(
                ValidationError(
                    _("The password must be at least {} characters long.").format(policy.password_min_length),
                    code="password_too_short",
                )
            )
        if character_classes(password) < policy.password_min_classes:
            errors.append(
                ValidationError(
                    _(
                        "The password must contain at least {} of: upper case letters, lower case letters, digits, symbols."
                    ).format(policy.password_min_classes),
                    code="password_too_simple",
                )
            )
        if errors:
            raise ValidationError(errors)

    def get_help_text(self):
        policy = self._policy()
        return _(
            "The password must be at least {length} characters long and contain at least {classes} of: "
            "upper case letters, lower case letters, digits, symbols."
        ).format(length=policy.password_min_length, classes=policy.password_min_classes)
