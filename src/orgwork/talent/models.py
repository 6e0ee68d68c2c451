"""Talent work (人才工作): the talent registry, talent programs with their rounds, awards and
tranche payments, 人才一卡通 cards and the services used against them, leader–talent pairing with
contact logs, 人才驿站 and talent apartments, and 揭榜挂帅 challenges. Service requests are cases of
the casework kind ``talent_service`` (``talent.apps``), not a model of this app."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connection, models
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from orgwork.core.models import ScopedModel
from orgwork.talent import rules
from orgwork.talent.choices import (
    AwardStatus,
    CardStatus,
    ChallengeStatus,
    ContactWay,
    Origin,
    ProgramKind,
    StationKind,
    TalentCategory,
    TeamStatus,
)

__all__ = [
    "Talent",
    "TalentProgram",
    "ProgramRound",
    "Award",
    "Tranche",
    "TalentCard",
    "CardServiceUse",
    "LiaisonPair",
    "ContactLog",
    "TalentStation",
    "Stay",
    "Challenge",
    "ChallengeTeam",
    "ChallengeMilestone",
]

MONEY = {"max_digits": 14, "decimal_places": 2}
ALIVE = Q(deleted_at__isnull=True)


def _org_fk(verbose, related_name="+", editable=True):
    return models.ForeignKey(
        "orgs.Org",
        verbose_name=verbose,
        on_delete=models.PROTECT,
        related_name=related_name,
        editable=editable,
    )


def _path():
    return models.CharField(_("org path"), max_length=255, editable=False, db_index=True)


class _Placed(ScopedModel):
    """A record placed in the tree by its own ``org``."""

    class Meta:
        abstract = True

    def before_save(self):
        self.org_path = self.org.path

    def get_absolute_url(self):
        return reverse("talent:{}_detail".format(self._meta.model_name), args=[self.pk])


class _Attached(ScopedModel):
    """A record that lies where its parent lies: ``org`` and ``org_path`` are copied from it."""

    org = _org_fk(_("organization"), editable=False)
    org_path = _path()

    class Meta:
        abstract = True

    def parent(self):
        raise NotImplementedError

    def before_save(self):
        p = self.parent()
        if p is not None:
            self.org_id, self.org_path = p.org_id, p.org_path

    def get_absolute_url(self):
        return reverse("talent:{}_detail".format(self._meta.model_name), args=[self.pk])


# ------------------------------------------------------------------------------------ registry


class Talent(_Placed):
    """A person registered as a talent (人才) with the org that serves them: category, level
    (configurable tiers), field and industry chain, employer, origin, arrival and how they were
    found (引才渠道). Programs held are their awards (``Award``)."""

    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="talent_records"
    )
    org = _org_fk(_("serving organization"), related_name="talents")
    org_path = _path()
    category = models.CharField(
        pgettext_lazy("talent", "category"),
        max_length=20,
        choices=TalentCategory.choices,
        default=TalentCategory.INNOVATION,
    )
    level = models.CharField(
        pgettext_lazy("talent", "level"),
        max_length=20,
        help_text=_("Talent tiers are configurable (default A/B/C/D)."),
    )
    field = models.CharField(_("professional field"), max_length=100, blank=True)
    industry = models.CharField(_("industry chain"), max_length=30, blank=True, db_index=True)
    employer_name = models.CharField(pgettext_lazy("talent", "employer"), max_length=200, blank=True)
    employer_code = models.CharField(
        _("employer's unified social credit code"),
        max_length=18,
        blank=True,
        validators=[rules.validate_credit_code],
        help_text=_("18 characters, GB 32100-2015; the check character is verified."),
    )
    origin = models.CharField(_("origin"), max_length=20, choices=Origin.choices, default=Origin.DOMESTIC)
    arrived_on = models.DateField(_("arrived on"), null=True, blank=True, db_index=True)
    channel = models.CharField(_("recruitment channel"), max_length=30, blank=True)
    phone = models.CharField(pgettext_lazy("talent", "phone"), max_length=30, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    sensitive_fields = ("phone",)

    class Meta:
        verbose_name = _("talent")
        verbose_name_plural = _("talents")
        ordering = ["person__name_pinyin", "id"]
        indexes = [
            models.Index(fields=["org_path", "industry", "level"], name="talent_path_ind_level_idx"),
            models.Index(fields=["org_path", "arrived_on"], name="talent_path_arrived_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(deleted_at__isnull=True),
                name="talent_talent_person_unique",
                violation_error_message=_("This person is already registered as a talent."),
            )
        ]

    def __str__(self):
        return self.person.name if self.person_id else ""

    @property
    def masked_phone(self):
        return (
            self.phone[:3] + "****" + self.phone[-4:]
            if len(self.phone) >= 7
            else ("****" if self.phone else "")
        )

    @property
    def level_spec(self):
        return rules.level_for(self.level)

    def get_level_display(self):
        spec = self.level_spec
        return spec.label if spec else self.level

    def get_industry_display(self):
        return dict(rules.industries()).get(self.industry, self.industry)

    def get_channel_display(self):
        return dict(rules.channels()).get(self.channel, self.channel)

    def before_save(self):
        super().before_save()
        self.employer_code = (self.employer_code or "").strip().upper()

    def clean(self):
        errors = {}
        if self.level and self.level not in {lv.code for lv in rules.levels()}:
            errors["level"] = _("Unknown talent level.")
        if self.industry and self.industry not in dict(rules.industries()):
            errors["industry"] = _("Unknown industry chain.")
        if self.channel and self.channel not in dict(rules.channels()):
            errors["channel"] = _("Unknown recruitment channel.")
        if errors:
            raise ValidationError(errors)

    def check_deletable(self):
        if TalentCard.objects.filter(talent=self).exists() or Award.objects.filter(talent=self).exists():
            raise ValidationError(
                _("This talent holds cards or program awards; revoke or delete them first.")
            )

    def after_save(self, created):
        if not created:
            for model in (TalentCard, CardServiceUse, LiaisonPair, ContactLog, Stay):
                rel = {CardServiceUse: "card__talent", ContactLog: "pair__talent"}.get(model, "talent")
                model.all_objects.filter(**{rel: self}).exclude(org_id=self.org_id).update(
                    org_id=self.org_id, org_path=self.org_path
                )


# ------------------------------------------------------------------------------------ programs


class TalentProgram(_Placed):
    """A talent program (人才计划, e.g. 阳澄湖人才计划 up to 5,000万元) run by an org, with its
    budget; what is committed is the sum of its awards, never more than the budget."""

    org = _org_fk(_("organizer"), related_name="talent_programs")
    org_path = _path()
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        pgettext_lazy("talent", "kind"),
        max_length=20,
        choices=ProgramKind.choices,
        default=ProgramKind.DISTRICT,
    )
    budget = models.DecimalField(
        _("budget (10,000 yuan)"), validators=[MinValueValidator(Decimal("0"))], **MONEY
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("talent program")
        verbose_name_plural = _("talent programs")
        ordering = ["-year", "name", "id"]

    def __str__(self):
        return self.name

    def committed(self) -> Decimal:
        return Award.objects.filter(program=self, status=AwardStatus.AWARDED).aggregate(s=Sum("amount"))[
            "s"
        ] or Decimal("0")

    def paid(self) -> Decimal:
        return Tranche.objects.filter(award__program=self, paid_on__isnull=False).aggregate(
            s=Sum("paid_amount")
        )["s"] or Decimal("0")

    def check_deletable(self):
        if ProgramRound.objects.filter(program=self).exists():
            raise ValidationError(_("This program has application rounds; delete them first."))

    def clean(self):
        if self.pk and self.budget is not None and self.budget < self.committed():
            raise ValidationError(
                {
                    "budget": _("The budget cannot fall below what is already committed ({} 万元).").format(
                        self.committed()
                    )
                }
            )

    def after_save(self, created):
        if not created:
            for model in (ProgramRound, Award, Tranche):
                rel = {ProgramRound: "program", Award: "program", Tranche: "award__program"}[model]
                model.all_objects.filter(**{rel: self}).exclude(org_id=self.org_id).update(
                    org_id=self.org_id, org_path=self.org_path
                )


class ProgramRound(_Attached):
    """An application round (申报批次) of a program."""

    program = models.ForeignKey(
        TalentProgram, verbose_name=_("talent program"), on_delete=models.PROTECT, related_name="rounds"
    )
    name = models.CharField(_("name"), max_length=200)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))

    class Meta:
        verbose_name = _("application round")
        verbose_name_plural = _("application rounds")
        ordering = ["-opens_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="talent_round_dates",
                violation_error_message=_("A round cannot close before it opens."),
            )
        ]

    def __str__(self):
        return "{} · {}".format(self.program, self.name) if self.program_id else self.name

    def parent(self):
        return self.program if self.program_id else None

    def check_deletable(self):
        if Award.objects.filter(round=self).exists():
            raise ValidationError(_("This round has applications; delete them first."))


class Award(_Attached):
    """An application of a talent in a round (申报), its review score and, once awarded
    (``talent.services.award_funding``), the amount committed against the program's budget."""

    round = models.ForeignKey(
        ProgramRound, verbose_name=_("application round"), on_delete=models.PROTECT, related_name="awards"
    )
    # Copied from the round: the budget check sums over it.
    program = models.ForeignKey(
        TalentProgram,
        verbose_name=_("talent program"),
        on_delete=models.PROTECT,
        related_name="awards",
        editable=False,
    )
    talent = models.ForeignKey(
        Talent, verbose_name=_("talent"), on_delete=models.PROTECT, related_name="awards"
    )
    project = models.CharField(_("project"), max_length=200, blank=True)
    score = models.DecimalField(
        _("review score"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    status = models.CharField(
        _("status"), max_length=20, choices=AwardStatus.choices, default=AwardStatus.APPLIED, editable=False
    )
    amount = models.DecimalField(
        _("amount awarded (10,000 yuan)"), null=True, blank=True, editable=False, **MONEY
    )
    awarded_on = models.DateField(_("awarded on"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("program application")
        verbose_name_plural = _("program applications")
        ordering = ["-created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "talent"],
                condition=Q(deleted_at__isnull=True),
                name="talent_award_unique",
                violation_error_message=_("This talent has already applied in this round."),
            )
        ]
        indexes = [models.Index(fields=["program", "status"], name="talent_award_prog_st_idx")]

    def __str__(self):
        return "{} · {}".format(self.talent, self.round.program) if self.round_id and self.talent_id else ""

    def parent(self):
        return self.round if self.round_id else None

    def before_save(self):
        super().before_save()
        if self.round_id:
            self.program_id = self.round.program_id

    def check_deletable(self):
        if Tranche.objects.filter(award=self).exists():
            raise ValidationError(_("This award has tranches; delete them first."))


class Tranche(_Attached):
    """A tranche (分期) of an award, paid when its milestone is met; the tranches of an award never
    add up to more than the amount awarded."""

    award = models.ForeignKey(
        Award,
        verbose_name=pgettext_lazy("talent", "award"),
        on_delete=models.PROTECT,
        related_name="tranches",
    )
    milestone = models.CharField(pgettext_lazy("talent", "milestone"), max_length=200)
    amount = models.DecimalField(
        _("amount (10,000 yuan)"), validators=[MinValueValidator(Decimal("0.01"))], **MONEY
    )
    due_on = models.DateField(pgettext_lazy("talent", "due on"), null=True, blank=True)
    # Set only by the verb ``talent.services.pay_tranche`` (拨付), once.
    paid_on = models.DateField(pgettext_lazy("talent", "paid on"), null=True, blank=True, editable=False)
    paid_amount = models.DecimalField(
        _("amount paid (10,000 yuan)"), null=True, blank=True, editable=False, **MONEY
    )

    class Meta:
        verbose_name = _("tranche")
        verbose_name_plural = _("tranches")
        ordering = ["award", "due_on", "id"]

    def __str__(self):
        return "{} · {}".format(self.milestone, self.amount)

    def parent(self):
        return self.award if self.award_id else None

    @property
    def is_paid(self):
        return self.paid_on is not None

    def check_deletable(self):
        if self.paid_on:
            raise ValidationError(_("This tranche is paid; a payment is never deleted."))

    def clean(self):
        if not self.award_id or self.amount is None:
            return
        if self.pk:
            before = Tranche.all_objects.filter(pk=self.pk).values("award_id", "amount", "paid_on").first()
            if (
                before
                and before["paid_on"]
                and (before["award_id"] != self.award_id or before["amount"] != self.amount)
            ):
                raise ValidationError(_("This tranche is paid: its award and amount can no longer change."))
        if self.award.status != AwardStatus.AWARDED:
            raise ValidationError({"award": _("Only an awarded application is paid in tranches.")})
        others = Tranche.objects.filter(award_id=self.award_id).exclude(pk=self.pk).aggregate(
            s=Sum("amount")
        )["s"] or Decimal("0")
        if others + self.amount > (self.award.amount or 0):
            raise ValidationError(
                {
                    "amount": _(
                        "The tranches would add up to more than the amount awarded ({} 万元)."
                    ).format(self.award.amount)
                }
            )


# ------------------------------------------------------------------------------------ 人才一卡通


class TalentCard(_Attached):
    """A 人才一卡通 card: its tier follows the talent's level when issued (or renewed); the benefits
    are those of the tier (configurable)."""

    talent = models.ForeignKey(
        Talent, verbose_name=_("talent"), on_delete=models.PROTECT, related_name="cards"
    )
    number = models.CharField(_("card number"), max_length=30, blank=True)
    tier = models.CharField(_("card tier"), max_length=20, editable=False)
    issued_on = models.DateField(pgettext_lazy("talent", "issued on"), default=date.today)
    expires_on = models.DateField(_("expires on"), null=True, blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=CardStatus.choices, default=CardStatus.ACTIVE, editable=False
    )
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True, editable=False)
    revoke_reason = models.CharField(_("reason for revocation"), max_length=200, blank=True, editable=False)

    class Meta:
        verbose_name = _("talent card")
        verbose_name_plural = _("talent cards")
        ordering = ["-issued_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["number"],
                condition=Q(deleted_at__isnull=True) & ~Q(number=""),
                name="talent_card_number_unique",
                violation_error_message=_("This card number is already in use."),
            )
        ]

    def __str__(self):
        return self.number or "—"

    def parent(self):
        return self.talent if self.talent_id else None

    @property
    def tier_spec(self):
        return rules.card_tier(self.tier)

    def get_tier_display(self):
        spec = self.tier_spec
        return spec.label if spec else self.tier

    @property
    def benefits(self):
        spec = self.tier_spec
        return [(b, rules.benefit_label(b)) for b in (spec.benefits if spec else ())]

    def valid_on(self, d: date) -> bool:
        return (
            self.status == CardStatus.ACTIVE
            and self.issued_on <= d
            and (self.expires_on is None or d <= self.expires_on)
        )

    def before_save(self):
        super().before_save()
        if self._state.adding and self.talent_id:
            spec = self.talent.level_spec
            self.tier = spec.card_tier if spec else ""
            if self.issued_on and not self.expires_on:
                self.expires_on = _add_years(self.issued_on, rules.CARD_VALID_YEARS)
            if not self.number and self.issued_on:
                self.number = "RC{}{:08d}".format(self.issued_on.year, self.talent_id)

    def clean(self):
        if self._state.adding and self.talent_id:
            spec = self.talent.level_spec
            if spec is None or not spec.card_tier:
                raise ValidationError({"talent": _("Talents of this level do not receive a talent card.")})
            if TalentCard.objects.filter(talent_id=self.talent_id, status=CardStatus.ACTIVE).exists():
                raise ValidationError(
                    {"talent": _("This talent already holds an active card; renew it instead.")}
                )

    def check_deletable(self):
        if CardServiceUse.objects.filter(card=self).exists():
            raise ValidationError(_("Services were used with this card; revoke it instead of deleting."))


def _add_years(d: date, n: int) -> date:
    try:
        return d.replace(year=d.year + n)
    except ValueError:  # 29 February
        return d.replace(year=d.year + n, day=28)


class CardServiceUse(_Attached):
    """A service used with a card (one benefit of its tier, while the card is valid)."""

    card = models.ForeignKey(
        TalentCard, verbose_name=_("talent card"), on_delete=models.PROTECT, related_name="uses"
    )
    benefit = models.CharField(_("benefit"), max_length=30)
    used_on = models.DateField(_("used on"), default=date.today)
    provider = models.CharField(_("provided by"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("card service use")
        verbose_name_plural = _("card service uses")
        ordering = ["-used_on", "id"]

    def __str__(self):
        return "{} · {}".format(self.card, rules.benefit_label(self.benefit))

    def parent(self):
        return self.card if self.card_id else None

    def get_benefit_display(self):
        return rules.benefit_label(self.benefit)

    def clean(self):
        if not self.card_id:
            return
        if self.benefit not in {b for b, _label in self.card.benefits}:
            raise ValidationError({"benefit": _("This benefit is not part of the card's tier.")})
        if self.used_on and not self.card.valid_on(self.used_on):
            raise ValidationError({"used_on": _("The card was not valid on this day.")})


# ------------------------------------------------------------------------------------ liaison


class LiaisonPair(_Attached):
    """A leading cadre paired with a key talent (百名领导干部联系服务百名重点人才)."""

    leader = models.ForeignKey(
        "people.Person", verbose_name=_("leading cadre"), on_delete=models.PROTECT, related_name="+"
    )
    leader_post = models.CharField(_("leader's post"), max_length=100, blank=True)
    talent = models.ForeignKey(
        Talent, verbose_name=_("talent"), on_delete=models.PROTECT, related_name="liaisons"
    )
    started_on = models.DateField(_("paired on"), default=date.today)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    class Meta:
        verbose_name = _("leader–talent pair")
        verbose_name_plural = _("leader–talent pairs")
        ordering = ["-started_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="talent_pair_dates",
                violation_error_message=_("A pairing cannot end before it starts."),
            )
        ]

    def __str__(self):
        return "{} — {}".format(self.leader, self.talent) if self.leader_id and self.talent_id else ""

    def parent(self):
        return self.talent if self.talent_id else None

    def check_deletable(self):
        if ContactLog.objects.filter(pair=self).exists():
            raise ValidationError(_("This pair has contact records; set an end date instead of deleting."))


class ContactLog(_Attached):
    """One contact of a pair: when, how, what the talent asked and what was done."""

    pair = models.ForeignKey(
        LiaisonPair, verbose_name=_("pair"), on_delete=models.PROTECT, related_name="contacts"
    )
    date = models.DateField(_("date"), default=date.today, db_index=True)
    way = models.CharField(_("way"), max_length=10, choices=ContactWay.choices, default=ContactWay.VISIT)
    asked = models.TextField(_("asked by the talent"), blank=True)
    done = models.TextField(pgettext_lazy("talent", "done"), blank=True)

    class Meta:
        verbose_name = _("contact record")
        verbose_name_plural = _("contact records")
        ordering = ["-date", "id"]
        indexes = [models.Index(fields=["pair", "date"], name="talent_contact_pair_date_idx")]

    def __str__(self):
        # The serving org in the text: a recycle bin or change log of many pairs stays readable.
        return "{} · {} · {}".format(self.date, self.org if self.org_id else "", self.pair)

    def parent(self):
        return self.pair if self.pair_id else None


# ------------------------------------------------------------------------------------ places


class TalentStation(_Placed):
    """A 人才驿站 or a talent apartment block: a place with a capacity (seats or beds); occupancy is
    counted from the stays."""

    org = _org_fk(_("organization"), related_name="talent_stations")
    org_path = _path()
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        pgettext_lazy("talent", "kind"),
        max_length=20,
        choices=StationKind.choices,
        default=StationKind.STATION,
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), validators=[MinValueValidator(1)])
    services = models.CharField(_("services offered"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("talent station or apartment")
        verbose_name_plural = _("talent stations and apartments")
        ordering = ["org_path", "name", "id"]

    def __str__(self):
        return self.name

    def occupancy(self, on: date | None = None) -> int:
        on = on or date.today()
        return (
            Stay.objects.filter(station=self, moved_in__lte=on)
            .filter(Q(moved_out__isnull=True) | Q(moved_out__gt=on))
            .count()
        )

    def check_deletable(self):
        if Stay.objects.filter(station=self).exists():
            raise ValidationError(_("This place has stays recorded; delete them first."))

    def clean(self):
        if self.pk and self.capacity and self.occupancy() > self.capacity:
            raise ValidationError({"capacity": _("The capacity cannot fall below the current occupancy.")})


class Stay(_Attached):
    """A talent staying in an apartment or using a station place, from a date until they leave."""

    station = models.ForeignKey(
        TalentStation,
        verbose_name=pgettext_lazy("talent", "place"),
        on_delete=models.PROTECT,
        related_name="stays",
    )
    talent = models.ForeignKey(
        Talent, verbose_name=_("talent"), on_delete=models.PROTECT, related_name="stays"
    )
    room = models.CharField(_("room"), max_length=50, blank=True)
    moved_in = models.DateField(_("moved in"), default=date.today)
    moved_out = models.DateField(_("moved out"), null=True, blank=True)

    class Meta:
        verbose_name = _("stay")
        verbose_name_plural = _("stays")
        ordering = ["-moved_in", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(moved_out__isnull=True) | Q(moved_out__gte=models.F("moved_in")),
                name="talent_stay_dates",
                violation_error_message=_("A stay cannot end before it starts."),
            )
        ]

    def __str__(self):
        return "{} · {}".format(self.talent, self.station) if self.talent_id and self.station_id else ""

    def parent(self):
        return self.station if self.station_id else None

    def clean(self):
        if not self.station_id or not self.moved_in or self.moved_out:
            return
        if connection.in_atomic_block:
            # Check-in under the place's row lock (PostgreSQL; SQLite serialises writers): two
            # check-ins at once cannot both see the last free place. Saving (core.services) is
            # atomic, so the lock holds until the stay is written; a form's validation outside a
            # transaction only reads.
            station = TalentStation.all_objects.select_for_update().filter(pk=self.station_id).first()
        else:
            station = self.station
        taken = (
            Stay.objects.filter(station_id=self.station_id, moved_in__lte=self.moved_in)
            .filter(Q(moved_out__isnull=True) | Q(moved_out__gt=self.moved_in))
            .exclude(pk=self.pk)
            .count()
        )
        if station is not None and taken >= station.capacity:
            raise ValidationError(
                {"station": _("This place is full ({} of {}).").format(taken, station.capacity)}
            )


# ------------------------------------------------------------------------------------ 揭榜挂帅


class Challenge(_Placed):
    """A 揭榜挂帅 challenge (技术难题): who issues it, the field, the bounty and the deadline; teams
    apply, one is awarded, milestones are paid; the outcome is recorded."""

    org = _org_fk(_("publishing organization"), related_name="talent_challenges")
    org_path = _path()
    title = models.CharField(_("title"), max_length=200)
    issuer = models.CharField(
        _("issuer"), max_length=200, help_text=_("The enterprise or body with the problem.")
    )
    field = models.CharField(_("technical field"), max_length=100, blank=True)
    industry = models.CharField(_("industry chain"), max_length=30, blank=True)
    bounty = models.DecimalField(
        _("bounty (10,000 yuan)"), validators=[MinValueValidator(Decimal("0"))], **MONEY
    )
    published_on = models.DateField(_("published on"), default=date.today, db_index=True)
    deadline = models.DateField(pgettext_lazy("talent", "deadline"))
    status = models.CharField(
        _("status"), max_length=20, choices=ChallengeStatus.choices, default=ChallengeStatus.OPEN
    )
    outcome = models.TextField(pgettext_lazy("talent", "outcome"), blank=True)

    class Meta:
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")
        ordering = ["-published_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gte=models.F("published_on")),
                name="talent_challenge_dates",
                violation_error_message=_("The deadline cannot be before publication."),
            )
        ]

    def __str__(self):
        return self.title

    def get_industry_display(self):
        return dict(rules.industries()).get(self.industry, self.industry)

    def clean(self):
        if self.industry and self.industry not in dict(rules.industries()):
            raise ValidationError({"industry": _("Unknown industry chain.")})
        # The check constraint's rule, also for imports (they validate rows without constraints).
        if self.deadline and self.published_on and self.deadline < self.published_on:
            raise ValidationError({"deadline": _("The deadline cannot be before publication.")})

    def check_deletable(self):
        if (
            ChallengeTeam.objects.filter(challenge=self).exists()
            or ChallengeMilestone.objects.filter(challenge=self).exists()
        ):
            raise ValidationError(_("This challenge has teams or milestones; withdraw it instead."))

    def after_save(self, created):
        if not created:
            for model in (ChallengeTeam, ChallengeMilestone):
                model.all_objects.filter(challenge=self).exclude(org_id=self.org_id).update(
                    org_id=self.org_id, org_path=self.org_path
                )


class ChallengeTeam(_Attached):
    """A team applying for a challenge (揭榜团队), with its leader and review score."""

    challenge = models.ForeignKey(
        Challenge, verbose_name=_("challenge"), on_delete=models.PROTECT, related_name="teams"
    )
    name = models.CharField(pgettext_lazy("talent", "team"), max_length=200)
    leader_name = models.CharField(_("team leader"), max_length=100)
    institution = models.CharField(_("institution"), max_length=200, blank=True)
    members = models.CharField(_("members"), max_length=500, blank=True)
    score = models.DecimalField(
        _("review score"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    status = models.CharField(
        _("status"), max_length=20, choices=TeamStatus.choices, default=TeamStatus.APPLIED
    )

    class Meta:
        verbose_name = _("challenge team")
        verbose_name_plural = _("challenge teams")
        ordering = ["challenge", "-score", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["challenge"],
                condition=Q(status="won", deleted_at__isnull=True),
                name="talent_challenge_one_winner",
                violation_error_message=_("A challenge is awarded to one team only."),
            )
        ]

    def __str__(self):
        return self.name

    def parent(self):
        return self.challenge if self.challenge_id else None


class ChallengeMilestone(_Attached):
    """A milestone of an awarded challenge with the payment due when it is met."""

    challenge = models.ForeignKey(
        Challenge, verbose_name=_("challenge"), on_delete=models.PROTECT, related_name="milestones"
    )
    title = models.CharField(pgettext_lazy("talent", "milestone"), max_length=200)
    due_on = models.DateField(pgettext_lazy("talent", "due on"))
    done_on = models.DateField(_("met on"), null=True, blank=True)
    payment = models.DecimalField(
        _("payment (10,000 yuan)"),
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        **MONEY,
    )
    paid_on = models.DateField(pgettext_lazy("talent", "paid on"), null=True, blank=True)

    class Meta:
        verbose_name = _("challenge milestone")
        verbose_name_plural = _("challenge milestones")
        ordering = ["challenge", "due_on", "id"]

    def __str__(self):
        return self.title

    def parent(self):
        return self.challenge if self.challenge_id else None

    def clean(self):
        if self.paid_on and not self.done_on:
            raise ValidationError({"paid_on": _("A milestone is paid only once it is met.")})
        if self.challenge_id and self.payment is not None:
            others = ChallengeMilestone.objects.filter(challenge_id=self.challenge_id).exclude(
                pk=self.pk
            ).aggregate(s=Sum("payment"))["s"] or Decimal("0")
            if others + self.payment > self.challenge.bounty:
                raise ValidationError({"payment": _("The milestone payments would exceed the bounty.")})
