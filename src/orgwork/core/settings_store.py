"""Run-time settings of the field: a ``core.Setting`` row overrides the default given by the caller."""

from orgwork.core.models import Setting

__all__ = ["get_setting", "set_setting"]


def get_setting(key, default=None):
    row = Setting.objects.filter(key=key).only("value").first()
    return default if row is None else row.value


def set_setting(key, value, *, actor):
    from orgwork.core.audit import record_change, snapshot
    from orgwork.core.models import ChangeLogAction

    row, created = Setting.objects.get_or_create(key=key, defaults={"value": value})
    before = None if created else snapshot(row)
    if not created:
        row.value = value
        row.save(update_fields=["value", "updated_at"])
    record_change(
        row, ChangeLogAction.CREATE if created else ChangeLogAction.UPDATE, actor=actor, before=before
    )
    return row
