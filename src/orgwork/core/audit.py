"""The one place that writes the change log.

Services call ``record_change`` inside their own transaction, so a change and its audit row
commit or roll back together. Sensitive fields are masked in snapshots: the log is read by the
auditor, who sees no personal data by default (三员分立).
"""

import contextvars
import json
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext as _

from orgwork.core.models import ChangeLog, ChangeLogAction

__all__ = [
    "RequestContext",
    "current_request",
    "snapshot",
    "record_change",
    "record_changes",
    "record_event",
    "purge_change_log",
    "mask_value",
]

NOISE_FIELDS = {
    "updated_at",
    "created_at",
    "version",
    "name_pinyin",
    "name_initials",
    "deleted_at",
    "deleted_by",
}


@dataclass
class RequestContext:
    request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    ip: str | None = None
    request: object = None


current_request: contextvars.ContextVar[RequestContext | None] = contextvars.ContextVar(
    "orgwork_request", default=None
)


def mask_value(value):
    """Mask an ID-like string as 3205**********1234 (first 4 and last 4 kept)."""
    if not value:
        return value
    s = str(value)
    if len(s) <= 8:
        return "*" * len(s)
    return s[:4] + "*" * (len(s) - 8) + s[-4:]


def snapshot(obj) -> dict:
    """The object's concrete fields as JSON-safe values, noise left out and sensitive fields masked."""
    sensitive = set(getattr(obj, "sensitive_fields", ()))
    exclude = NOISE_FIELDS | set(getattr(obj, "audit_exclude", ()))
    data = {}
    for f in obj._meta.concrete_fields:
        if f.name in exclude:
            continue
        value = f.value_from_object(obj)
        if isinstance(value, FieldFile):
            value = value.name or ""  # a stored file is logged by its name
        if f.name in sensitive:
            value = mask_value(value)
        data[f.attname if f.is_relation else f.name] = value
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


_PLAIN = (str, int, float, bool, type(None))


def _snapshot_fast(obj, fields) -> dict:
    """``snapshot`` without the JSON round trip per object (imports write thousands): the same
    values, non-JSON ones converted by the same encoder."""
    encode = DjangoJSONEncoder().default
    data = {}
    for f, key, sensitive in fields:
        value = f.value_from_object(obj)
        if isinstance(value, FieldFile):
            value = value.name or ""
        if sensitive:
            value = mask_value(value)
        if isinstance(value, (dict, list)):  # a JSONField: its items may need the encoder too
            value = json.loads(json.dumps(value, cls=DjangoJSONEncoder))
        elif not isinstance(value, _PLAIN):
            value = encode(value)
        data[key] = value
    return data


def _snapshot_fields(model, obj):
    sensitive = set(getattr(obj, "sensitive_fields", ()))
    exclude = NOISE_FIELDS | set(getattr(obj, "audit_exclude", ()))
    return [
        (f, f.attname if f.is_relation else f.name, f.name in sensitive)
        for f in model._meta.concrete_fields
        if f.name not in exclude
    ]


def _actor_fields(actor):
    ctx = current_request.get()
    if actor is not None and getattr(actor, "is_authenticated", False):
        user, name = actor, actor.get_username()
    else:
        user, name = None, (getattr(actor, "username", "") or "system")
    return {
        "user": user,
        "user_name": name,
        "request_id": ctx.request_id if ctx else "",
        "ip": ctx.ip if ctx else None,
    }


def record_change(obj, action, *, actor, before=None, after=None, note=""):
    """Write one change row for ``obj``. Call inside the transaction that made the change."""
    if after is None and action not in (ChangeLogAction.DELETE,):
        after = snapshot(obj)
    return ChangeLog.objects.create(
        action=action,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        before=before,
        after=after,
        note=note[:500],
        **_actor_fields(actor),
    )


def record_changes(entries, *, actor, note=""):
    """Write the change rows of many objects at once (imports): ``entries`` are
    ``(obj, action, before, after)`` with the same meaning as in ``record_change`` (``after`` None
    means the object's snapshot now). Same rows as one ``record_change`` per object, written by
    ``insert_rows`` without a ChangeLog object per row: what every row shares (time, actor,
    request, note) is prepared once. Call inside the transaction that made the changes; returns
    the number of rows."""
    from orgwork.core.services import insert_rows

    if not entries:
        return 0
    pk = ChangeLog._meta.pk
    fields = [f for f in ChangeLog._meta.concrete_fields if f is not pk]
    shared = ChangeLog(note=note[:500], **_actor_fields(actor))
    prepared = {f.attname: f.get_db_prep_save(getattr(shared, f.attname), connection) for f in fields}
    before_field, after_field = ChangeLog._meta.get_field("before"), ChangeLog._meta.get_field("after")
    content_types = {}
    snapshot_fields = {}
    rows = []
    for obj, action, before, after in entries:
        model = type(obj)
        if model not in content_types:
            content_types[model] = ContentType.objects.get_for_model(obj, for_concrete_model=False).pk
            snapshot_fields[model] = _snapshot_fields(model, obj)
        if after is None and action not in (ChangeLogAction.DELETE,):
            after = _snapshot_fast(obj, snapshot_fields[model])
        prepared["action"] = action.value if hasattr(action, "value") else action
        prepared["content_type_id"] = content_types[model]
        prepared["object_id"] = str(obj.pk)
        prepared["object_repr"] = str(obj)[:200]
        prepared["before"] = before_field.get_db_prep_save(before, connection)
        prepared["after"] = after_field.get_db_prep_save(after, connection)
        rows.append([prepared[f.attname] for f in fields])
    insert_rows(ChangeLog, fields, rows)
    return len(rows)


def record_event(action, *, actor, obj=None, note="", data=None):
    """Log an event that changes no data: a sensitive read, a login, an export."""
    kwargs = {}
    if obj is not None:
        kwargs = {
            "content_type": ContentType.objects.get_for_model(obj, for_concrete_model=False),
            "object_id": str(obj.pk),
            "object_repr": str(obj)[:200],
        }
    return ChangeLog.objects.create(
        action=action, note=note[:500], after=data, **kwargs, **_actor_fields(actor)
    )


@transaction.atomic
def purge_change_log(*, actor, older_than_days=None) -> int:
    """Delete log rows older than the retention period (never less than 180 days), audited itself."""
    from orgwork.core.settings_store import get_setting

    days = older_than_days or get_setting("AUDIT_RETENTION_DAYS", settings.ORGWORK["AUDIT_RETENTION_DAYS"])
    if days < 180:
        raise ValueError(_("The audit log must be kept for at least {} days.").format(180))
    cutoff = timezone.now() - timedelta(days=days)
    table = ChangeLog._meta.db_table
    with connection.cursor() as cur:
        cur.execute(f"DELETE FROM {table} WHERE time < %s", [cutoff])
        count = cur.rowcount
    record_event(
        ChangeLogAction.PURGE,
        actor=actor,
        note=f"purged {count} rows older than {days} days",
        data={"count": count, "cutoff": cutoff.isoformat()},
    )
    return count
