"""The change log: a row for every kind of change, masked sensitive fields, append-only, purge."""

from datetime import timedelta

import pytest
from django.utils import timezone

from orgwork.core.audit import purge_change_log
from orgwork.core.models import ChangeLog
from orgwork.core.services import StaleEditError, delete_object, restore_object, update_object
from orgwork.people.models import Person
from orgwork.people.services import merge_people
from tests.factories import make_person, make_user


def test_create_update_delete_restore_each_write_a_row(tree):
    p = make_person("审一", tree["village_a"])
    p.native_place = "吴江"
    update_object(p, actor=None, expected_version=1)
    delete_object(p, actor=None)
    restore_object(p, actor=None)
    actions = list(
        ChangeLog.objects.filter(object_id=str(p.pk), content_type__model="person")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "update", "delete", "restore"]
    update = ChangeLog.objects.get(object_id=str(p.pk), action="update")
    assert update.changed_fields == [("native_place", "", "吴江")]


def test_id_numbers_are_masked_in_the_log(tree):
    p = make_person("审二", tree["village_a"])
    row = ChangeLog.objects.get(object_id=str(p.pk), action="create", content_type__model="person")
    assert row.after["id_number"] == p.masked_id_number
    assert p.id_number not in str(row.after)


def test_the_log_is_append_only(tree):
    row = ChangeLog.objects.first()
    row.note = "tampered"
    with pytest.raises(PermissionError):
        row.save()
    with pytest.raises(PermissionError):
        row.delete()
    with pytest.raises(PermissionError):
        ChangeLog.objects.all().delete()
    with pytest.raises(PermissionError):
        ChangeLog.objects.update(note="x")


def test_stale_version_is_refused_and_nothing_is_overwritten(tree):
    p = make_person("审三", tree["village_a"])
    mine = Person.objects.get(pk=p.pk)
    theirs = Person.objects.get(pk=p.pk)
    theirs.native_place = "他们的"
    update_object(theirs, actor=None, expected_version=1)
    mine.native_place = "我的"
    with pytest.raises(StaleEditError):
        update_object(mine, actor=None, expected_version=1)
    assert Person.objects.get(pk=p.pk).native_place == "他们的"


def test_purge_keeps_at_least_180_days_and_is_itself_audited(tree):
    auditor = make_user("auditor1", "auditor")
    with pytest.raises(ValueError):
        purge_change_log(actor=auditor, older_than_days=30)
    old = ChangeLog.objects.create(action="login", user_name="old", time=timezone.now() - timedelta(days=400))
    count = purge_change_log(actor=auditor, older_than_days=365)
    assert count == 1
    assert not ChangeLog.objects.filter(pk=old.pk).exists()
    assert ChangeLog.objects.filter(action="purge", user_name="auditor1").exists()


def test_merge_moves_links_and_is_audited(tree):
    from orgwork.orgs.models import TeamSeat
    from tests.factories import make_seat

    keep = make_person("合一", tree["village_a"])
    drop = make_person("合一", tree["village_a"], id_number="", phone="13912345678")
    drop.id_number = None
    seat = make_seat(tree["village_a"], drop, role="member")
    merge_people(keep, drop, actor=None)
    assert TeamSeat.objects.get(pk=seat.pk).person_id == keep.pk
    keep.refresh_from_db()
    assert keep.phone == "13912345678"
    dropped = Person.all_objects.get(pk=drop.pk)
    assert dropped.deleted_at is not None and dropped.merged_into_id == keep.pk
    assert ChangeLog.objects.filter(action="merge", object_id=str(keep.pk)).exists()


def test_cached_list_count_follows_every_change(tree):
    from orgwork.people.models import Person

    qs = Person.objects.filter(registered_org=tree["village_a"]).with_cached_count()
    assert qs.count() == 0
    p = make_person("计数一", tree["village_a"])
    assert qs.filter(name__startswith="计数").count() == 1
    assert qs.count() == 1  # the same query again: a change happened, so it is recounted
    delete_object(p, actor=None)
    assert qs.count() == 0


def test_purge_command_needs_an_auditor(tree):
    from django.core.management import CommandError, call_command

    staff = make_user("not_auditor", "org_staff", tree["town_a"])
    with pytest.raises(CommandError):
        call_command("purge_audit_log", auditor=staff.username)
    make_user("real_auditor", "auditor")
    ChangeLog.objects.create(action="login", user_name="ancient", time=timezone.now() - timedelta(days=800))
    call_command("purge_audit_log", auditor="real_auditor", days=365)
    assert not ChangeLog.objects.filter(user_name="ancient").exists()
    assert ChangeLog.objects.filter(action="purge", user_name="real_auditor").exists()


def test_a_file_field_is_logged_by_its_name():
    from django.db import models

    from orgwork.core.audit import snapshot

    class Evidence(models.Model):
        file = models.FileField(upload_to="x/")
        note = models.CharField(max_length=10)

        class Meta:
            app_label = "core"
            managed = False

        def __str__(self):
            return self.note

    obj = Evidence(note="n")
    assert snapshot(obj)["file"] == ""
    obj.file.name = "x/证明.pdf"
    assert snapshot(obj)["file"] == "x/证明.pdf"  # the name, never the bytes, goes to the log
