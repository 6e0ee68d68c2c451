"""The org tree (materialized path), terms (换届) and team seats (班子 / 两委)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from orgwork.core.models import ScopedModel
from orgwork.orgs.choices import OrgKind, OrgLevel, SeatRole, Sector, TeamKind

__all__ = ["Org", "Term", "TeamSeat"]


class Org(ScopedModel):
    """One node of the tree: a party committee, general branch or branch, at a level, in a sector.

    ``path`` is the materialized path (4 digits a level); a subtree is one indexed range on it.
    Create, move and delete go through ``orgs.services`` which keep paths and the copies of
    paths on attached rows in step.
    """

    scope_path_field = "path"

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    code = models.CharField(_("code"), max_length=50, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrgKind.choices, default=OrgKind.BRANCH)
    level = models.CharField(_("level"), max_length=20, choices=OrgLevel.choices, default=OrgLevel.UNIT)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, default=Sector.OTHER)
    division_code = models.CharField(_("division code"), max_length=12, blank=True, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(_("tree path"), max_length=255, unique=True, editable=False)
    depth = models.PositiveSmallIntegerField(_("depth"), default=1, editable=False)
    position = models.PositiveIntegerField(_("ordering"), default=0, help_text=_("Order among siblings."))
    established_on = models.DateField(_("established on"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["path"]
        indexes = [
            models.Index(fields=["parent", "position"], name="orgs_org_parent_pos_idx"),
            models.Index(fields=["kind", "level"], name="orgs_org_kind_level_idx"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        from orgwork.core.urlcache import pk_url

        return pk_url("orgs:org_detail", self.pk)

    def check_deletable(self):
        if Org.objects.filter(parent=self).exists():
            raise ValidationError(
                _("This organization still has subordinate organizations. Delete or move them first.")
            )

    def ancestors(self):
        prefixes = [self.path[:i] for i in range(4, len(self.path), 4)]
        return Org.all_objects.filter(path__in=prefixes).order_by("path")

    def full_name(self):
        return " / ".join([a.short_name or a.name for a in self.ancestors()] + [self.name])


class Term(ScopedModel):
    """One term (届) of an org's committee; the current term has no ``ended_on``."""

    org = models.ForeignKey(
        Org, verbose_name=_("organization"), on_delete=models.PROTECT, related_name="terms"
    )
    org_path = models.CharField(_("org path"), max_length=255, editable=False, db_index=True)
    number = models.PositiveSmallIntegerField(
        _("term number"), help_text=_("Which term this is: 1 for the first, and so on.")
    )
    started_on = models.DateField(_("elected on"))
    ends_on = models.DateField(
        _("term ends on"),
        blank=True,
        help_text=_("Left blank: computed from the term length of the org's kind."),
    )
    ended_on = models.DateField(_("actually ended on"), null=True, blank=True)
    election_method = models.CharField(_("election method"), max_length=50, blank=True)
    expected_voters = models.PositiveIntegerField(_("voters expected"), null=True, blank=True)
    actual_voters = models.PositiveIntegerField(_("voters present"), null=True, blank=True)
    approved_seats = models.PositiveSmallIntegerField(_("approved seats"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["org_path", "-started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "number"],
                name="orgs_term_unique_number",
                violation_error_message=_("This organization already has a term with this number."),
            ),
        ]
        indexes = [models.Index(fields=["ended_on", "ends_on"], name="orgs_term_due_idx")]

    def __str__(self):
        return _("{org} term {number}").format(org=self.org, number=self.number)

    def before_save(self):
        from orgwork.orgs.rules import add_years, term_years

        self.org_path = self.org.path
        if not self.ends_on and self.started_on:
            self.ends_on = add_years(self.started_on, term_years(self.org.kind, self.org.level))

    def clean(self):
        if self.ends_on and self.started_on and self.ends_on <= self.started_on:
            raise ValidationError({"ends_on": _("The term must end after the election date.")})
        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("The actual end date cannot be before the election date.")})


class TeamSeat(ScopedModel):
    """A seat on an org's team (班子 / 两委) held by a person from one date to another."""

    org = models.ForeignKey(
        Org, verbose_name=_("organization"), on_delete=models.PROTECT, related_name="seats"
    )
    org_path = models.CharField(_("org path"), max_length=255, editable=False, db_index=True)
    team = models.CharField(_("team"), max_length=20, choices=TeamKind.choices, default=TeamKind.PARTY)
    role = models.CharField(_("role"), max_length=20, choices=SeatRole.choices, default=SeatRole.MEMBER)
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="seats"
    )
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("to"), null=True, blank=True)
    notes = models.CharField(_("notes"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("team seat")
        verbose_name_plural = _("team seats")
        ordering = ["org_path", "team", "role", "started_on"]
        indexes = [
            models.Index(fields=["org_path", "started_on", "ended_on"], name="orgs_seat_path_dates_idx")
        ]

    def __str__(self):
        return f"{self.org} {self.get_role_display()} {self.person}"

    def before_save(self):
        self.org_path = self.org.path

    def clean(self):
        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            raise ValidationError(
                {"ended_on": _("The date of leaving cannot be before the date of taking up the seat.")}
            )

    def after_save(self, created):
        from orgwork.people.services import refresh_affiliations

        refresh_affiliations([self.person_id])

    after_delete = after_restore = lambda self: self.after_save(False)
