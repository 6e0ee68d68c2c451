"""People: one natural person, once, whatever roles they hold."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from orgwork.core.models import ScopedModel
from orgwork.core.paths import subtrees_q
from orgwork.people.choices import AffiliationKind, Degree, Education, Ethnicity, PoliticalStatus, Sex

__all__ = ["Person", "Affiliation", "phone_validator"]

phone_validator = RegexValidator(
    r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$",
    message=_(
        "Enter an 11-digit mobile number or a landline number with its area code, e.g. 13912345678 or 0512-65123456."
    ),
)


class Person(ScopedModel):
    """A natural person. Identified by the 18-character resident ID number (GB 11643).

    Birth date and sex are derived from the ID number; entered values that disagree are an error.
    The person lies in a user's scope when any ``Affiliation`` (seat, membership, post, employer,
    or — with none of those — the registering org) lies in the user's subtree.
    """

    sensitive_fields = ("id_number",)

    name = models.CharField(_("name"), max_length=50, db_index=True)
    name_pinyin = models.CharField(_("name pinyin"), max_length=200, editable=False, db_index=True)
    name_initials = models.CharField(_("name initials"), max_length=50, editable=False, db_index=True)
    id_number = models.CharField(
        _("ID number"),
        max_length=18,
        unique=True,
        null=True,
        blank=True,
        error_messages={
            "unique": _(
                "This ID number is already registered and cannot be entered twice. If it is the same person, edit the existing record or merge into it."
            )
        },
    )
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    birth_date = models.DateField(_("birth date"), null=True, blank=True, db_index=True)
    ethnicity = models.CharField(
        _("ethnicity"), max_length=2, choices=Ethnicity.choices, default="01", blank=True
    )
    native_place = models.CharField(_("native place"), max_length=50, blank=True)
    education = models.CharField(_("education"), max_length=2, choices=Education.choices, blank=True)
    degree = models.CharField(_("degree"), max_length=1, choices=Degree.choices, blank=True)
    political_status = models.CharField(
        _("political status"), max_length=2, choices=PoliticalStatus.choices, default=PoliticalStatus.MASSES
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[phone_validator])
    address = models.CharField(_("home address"), max_length=200, blank=True)
    registered_org = models.ForeignKey(
        "orgs.Org",
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        related_name="registered_people",
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name_pinyin", "id"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        from orgwork.core.urlcache import pk_url

        return pk_url("people:person_detail", self.pk)

    @classmethod
    def scope_q_for_prefixes(cls, prefixes):
        # IN (affiliations in the ranges), not a correlated EXISTS: the planner then scans the
        # (org_path, person_id) index once instead of probing it for each of 700,000 people.
        return Q(pk__in=Affiliation.objects.filter(subtrees_q(prefixes)).values("person_id"))

    @property
    def masked_id_number(self):
        from orgwork.people.idnumber import mask_id_number

        return mask_id_number(self.id_number or "")

    def age_on(self, d):
        if not self.birth_date:
            return None
        b = self.birth_date
        return d.year - b.year - ((d.month, d.day) < (b.month, b.day))

    def before_save(self):
        from orgwork.people.pinyin import name_initials, name_pinyin

        self.name = (self.name or "").strip()
        self.name_pinyin = name_pinyin(self.name)
        self.name_initials = name_initials(self.name)
        # Blank means "no number": NULL, so that the unique constraint allows many of them.
        self.id_number = (self.id_number or "").strip().upper() or None

    def clean(self):
        from orgwork.people.idnumber import IdNumberError, parse_id_number

        if self.id_number:
            try:
                parsed = parse_id_number(self.id_number)
            except IdNumberError as exc:
                raise ValidationError({"id_number": str(exc)}) from None
            errors = {}
            if self.birth_date and self.birth_date != parsed.birth_date:
                errors["birth_date"] = _(
                    "The birth date does not match the ID number (which gives {})."
                ).format(parsed.birth_date.isoformat())
            if self.sex and self.sex != parsed.sex:
                errors["sex"] = _("The sex does not match the ID number.")
            if errors:
                raise ValidationError(errors)
            self.birth_date, self.sex = parsed.birth_date, parsed.sex

    def after_save(self, created):
        from orgwork.people.services import refresh_affiliations

        refresh_affiliations([self.pk])


class Affiliation(models.Model):
    """Where a person is attached in the tree; derived from seats, memberships, posts … and rebuilt
    by ``people.services.refresh_affiliations``. It carries the org path so that a subtree's people
    are one indexed range, not a join over the tree."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="affiliations"
    )
    org = models.ForeignKey(
        "orgs.Org", verbose_name=_("organization"), on_delete=models.CASCADE, related_name="+"
    )
    org_path = models.CharField(_("org path"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=AffiliationKind.choices)

    class Meta:
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        constraints = [
            models.UniqueConstraint(fields=["person", "org", "kind"], name="people_affiliation_unique"),
        ]
        indexes = [models.Index(fields=["org_path", "person"], name="people_affil_path_person_idx")]

    def __str__(self):
        return f"{self.person_id} @ {self.org_id}"
