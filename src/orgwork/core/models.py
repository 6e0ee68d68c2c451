"""Base models shared by every app, the change log and run-time settings."""

import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import gettext_lazy as _

__all__ = [
    "TimeStampedModel",
    "VersionedModel",
    "SoftDeleteModel",
    "ScopedModel",
    "ScopedQuerySet",
    "ChangeLog",
    "ChangeLogAction",
    "Setting",
    "UserPreference",
    "Job",
    "JobStatus",
    "CalendarDay",
]


class ScopedQuerySet(models.QuerySet):
    """A queryset that knows how to keep only what a user may see (one method, every door)."""

    def restrict(self, user, action="view"):
        from orgwork.accounts.scope import scope_q

        q = scope_q(self.model, user, action)
        if q is None:
            return self.none()
        return self.filter(q)

    visible_to = restrict

    def same_scope_as_view(self, user, action) -> bool:
        """Does ``restrict(user, action)`` keep exactly the rows ``restrict(user, "view")`` keeps?
        Then a record fetched in the view scope needs no second query for ``action``. Here the
        scope is the user's prefixes; a queryset whose ``restrict`` adds more says so by
        overriding this."""
        from orgwork.accounts.scope import scope_prefixes

        return set(scope_prefixes(user, action)) == set(scope_prefixes(user, "view"))

    def with_cached_count(self):
        """Let ``count()`` reuse the count of the same query on the same data (see core.figures):
        paging through a long list then counts once, not on every page."""
        clone = self._chain()
        clone._cached_count = True
        return clone

    def _clone(self):
        clone = super()._clone()
        clone._cached_count = getattr(self, "_cached_count", False)
        return clone

    def count(self):
        if getattr(self, "_cached_count", False) and self._result_cache is None:
            from orgwork.core.figures import cached_count

            return cached_count(self, super().count)
        return super().count()

    def alive(self):
        if hasattr(self.model, "deleted_at"):
            return self.filter(deleted_at__isnull=True)
        return self


class ScopedManager(models.Manager.from_queryset(ScopedQuerySet)):
    """Default manager: hides rows in the recycle bin."""

    def get_queryset(self):
        qs = super().get_queryset()
        if hasattr(self.model, "deleted_at"):
            qs = qs.filter(deleted_at__isnull=True)
        return qs


class AllObjectsManager(models.Manager.from_queryset(ScopedQuerySet)):
    """Every row, recycle bin included."""


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, editable=False)

    class Meta:
        abstract = True


class VersionedModel(models.Model):
    """Optimistic locking: every save through a service bumps ``version``; a stale edit is refused."""

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True


class SoftDeleteModel(models.Model):
    """Deleting puts the row in the recycle bin; an org admin can restore it."""

    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True, editable=False, db_index=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deleted by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True

    # Django checks uniqueness through the default manager, which hides the recycle bin; a deleted
    # row still holds its values in the table, so a new record that repeats them would fail in the
    # database. These checks find such rows and say so in the form instead.
    def validate_unique(self, exclude=None):
        super().validate_unique(exclude=exclude)
        exclude = set(exclude or ())
        for f in self._meta.local_fields:
            if f.unique and not f.primary_key and f.name not in exclude:
                self._refuse_binned_duplicate([f.name], None)

    def validate_constraints(self, exclude=None):
        super().validate_constraints(exclude=exclude)
        exclude = set(exclude or ())
        for c in self._meta.constraints:
            fields = list(getattr(c, "fields", ()) or ())
            if not isinstance(c, models.UniqueConstraint) or not fields or exclude & set(fields):
                continue
            self._refuse_binned_duplicate(fields, c.condition)

    def _refuse_binned_duplicate(self, fields, condition):
        from django.core.exceptions import ValidationError

        lookup = {}
        for name in fields:
            field = self._meta.get_field(name)
            value = getattr(self, field.attname)
            if value is None:
                return
            lookup[field.attname] = value
        binned = type(self)._base_manager.filter(deleted_at__isnull=False, **lookup).exclude(pk=self.pk)
        if condition is not None:
            binned = binned.filter(condition)
        if binned.exists():
            names = "、".join(str(self._meta.get_field(n).verbose_name) for n in fields)
            raise ValidationError(
                _(
                    "A record with the same {fields} is in the recycle bin. Restore it from the "
                    "recycle bin, or change the value."
                ).format(fields=names)
            )


class ScopedModel(TimeStampedModel, VersionedModel, SoftDeleteModel):
    """A record that lies in part of the org tree.

    ``scope_path_field`` names the (denormalized, indexed) materialized-path column that places the
    row in the tree; ``accounts.scope`` turns a user's grants into ranges on it.
    """

    scope_path_field = "org_path"

    objects = ScopedManager()
    all_objects = AllObjectsManager()

    class Meta:
        abstract = True

    @classmethod
    def scope_q_for_prefixes(cls, prefixes):
        from orgwork.core.paths import subtrees_q

        return subtrees_q(prefixes, cls.scope_path_field)

    def _get_FIELD_display(self, field):
        """Django's ``get_FOO_display()`` with the field's code → label dict made once per field:
        Django builds it on every call, hashing (so translating) every label of the field, which
        cost an org page 450 translations (a seat's role has 20 choices). The labels stay lazy,
        translated when shown, as Django's are."""
        labels = _choice_labels(field)
        if labels is None:
            return super()._get_FIELD_display(field)
        value = getattr(self, field.attname)
        return force_str(labels.get(make_hashable(value), value), strings_only=True)


_CHOICE_LABELS: dict = {}


def _choice_labels(field):
    """{code: label} of a field with fixed choices (None for choices computed by a callable)."""
    from django.utils.choices import CallableChoiceIterator

    try:
        return _CHOICE_LABELS[field]
    except KeyError:
        pass
    if isinstance(field.choices, CallableChoiceIterator):
        labels = None
    else:
        labels = {make_hashable(code): label for code, label in field.flatchoices}
    _CHOICE_LABELS[field] = labels
    return labels


class RefreshesDerived:
    """Mixin of a record whose writes change figures stored on the record its ``derived_of``
    foreign key names (a count, a summary): ``refresh_derived(ids)`` is called with that record's
    id when this one is created, edited (the former one's too when it moved), sent to the recycle
    bin or restored through ``core.services``. Bulk writes call the refresh themselves."""

    derived_of = ""

    @classmethod
    def refresh_derived(cls, ids):
        raise NotImplementedError

    @classmethod
    def from_db(cls, db, field_names, values):
        obj = super().from_db(db, field_names, values)
        obj._derived_of_loaded = obj.__dict__.get(cls.derived_of + "_id")
        return obj

    def _refresh(self):
        ids = {getattr(self, self.derived_of + "_id"), getattr(self, "_derived_of_loaded", None)}
        self.refresh_derived(sorted(i for i in ids if i))

    def after_save(self, created):
        self._refresh()

    def after_delete(self):
        self._refresh()

    def after_restore(self):
        self._refresh()


class ChangeLogAction(models.TextChoices):
    CREATE = "create", _("create")
    UPDATE = "update", _("update")
    DELETE = "delete", _("delete (to recycle bin)")
    RESTORE = "restore", _("restore")
    MOVE = "move", _("move")
    MERGE = "merge", _("merge")
    VIEW_SENSITIVE = "view_sensitive", _("view sensitive data")
    EXPORT = "export", _("export")
    LOGIN = "login", _("log in")
    LOGIN_FAILED = "login_failed", _("failed log in")
    LOGOUT = "logout", _("log out")
    GRANT = "grant", _("grant role")
    REVOKE = "revoke", _("revoke role")
    PURGE = "purge", _("purge audit log")


class ChangeLogQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("the change log is append-only")

    def delete(self):
        raise PermissionError("the change log is append-only; use core.audit.purge_change_log")


class ChangeLog(models.Model):
    """One audited event: a change (before → after), a sensitive read, a login. Append-only."""

    time = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )
    user_name = models.CharField(_("user name"), max_length=150, blank=True)
    request_id = models.CharField(_("request id"), max_length=36, blank=True, db_index=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=ChangeLogAction.choices, db_index=True)
    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("object type"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    before = models.JSONField(_("before"), null=True, blank=True, encoder=DjangoJSONEncoder)
    after = models.JSONField(_("after"), null=True, blank=True, encoder=DjangoJSONEncoder)
    note = models.CharField(_("note"), max_length=500, blank=True)

    objects = ChangeLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("change log entry")
        verbose_name_plural = _("change log")
        ordering = ["-time", "-id"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="core_changelog_object_idx"),
            # The data generation (core.figures): the newest row that changed data, one index step.
            # The actions are core.figures.DATA_ACTIONS as literals (a test keeps the two equal).
            models.Index(
                fields=["id"],
                name="core_changelog_data_idx",
                condition=models.Q(action__in=["create", "update", "delete", "restore", "move", "merge"]),
            ),
        ]

    def __str__(self):
        return f"{self.time} {self.get_action_display()} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("the change log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("the change log is append-only")

    @property
    def changed_fields(self):
        before, after = self.before or {}, self.after or {}
        keys = sorted(set(before) | set(after))
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]


class Setting(models.Model):
    """A run-time setting of the field (term lengths, security policy …) that overrides the default."""

    key = models.CharField(_("key"), max_length=100, unique=True)
    value = models.JSONField(_("value"), encoder=DjangoJSONEncoder)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("setting")
        verbose_name_plural = _("settings")

    def __str__(self):
        return self.key


class UserPreference(models.Model):
    """What a user chose on a page (columns, page size), remembered between visits."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE)
    key = models.CharField(_("key"), max_length=100)
    value = models.JSONField(_("value"), default=dict)

    class Meta:
        verbose_name = _("user preference")
        verbose_name_plural = _("user preferences")
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="core_userpreference_unique_key")]

    def __str__(self):
        return f"{self.user_id}: {self.key}"


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


class Job(models.Model):
    """A background job (large import or export) started by a user: the user's view of a django-tasks
    task. Live progress and the cancel flag live in files beside the job's input and result (see
    core.jobs), so they work while the job holds a write transaction open, on SQLite too."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs", verbose_name=_("user")
    )
    kind = models.CharField(_("kind"), max_length=100)
    label = models.CharField(_("job"), max_length=200)
    params = models.JSONField(_("parameters"), default=dict, encoder=DjangoJSONEncoder, blank=True)
    language = models.CharField(max_length=10, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED, db_index=True
    )
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), null=True, blank=True)
    message = models.CharField(_("message"), max_length=300, blank=True)
    result = models.JSONField(_("result"), null=True, blank=True, encoder=DjangoJSONEncoder)
    error = models.TextField(_("error"), blank=True)
    input_name = models.CharField(_("input file"), max_length=255, blank=True)
    result_file = models.CharField(_("result file"), max_length=255, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "-created_at"])]
        verbose_name = _("job")
        verbose_name_plural = _("jobs")

    def __str__(self):
        return self.label

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("core:job_detail", args=[self.pk])

    @property
    def is_active(self):
        return self.status in (JobStatus.QUEUED, JobStatus.RUNNING)

    @property
    def percent(self):
        if self.status == JobStatus.SUCCEEDED:
            return 100
        if not self.total:
            return 0
        return min(100, int(self.done * 100 / self.total))


class CalendarDay(models.Model):
    """One day that departs from the weekend rule: a statutory holiday on a weekday, or a make-up
    working day (调休) on a weekend. Users maintain next year's days when the State Council publishes
    them; for a year listed here this table is the whole truth (see core.workdays)."""

    date = models.DateField(_("date"), unique=True)
    is_workday = models.BooleanField(_("working day"))
    name = models.CharField(_("name"), max_length=50, blank=True, help_text=_("e.g. Spring Festival"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")

    def __str__(self):
        return f"{self.date.isoformat()} {self.name}"
