"""Backup and restore: back up, change data, restore, and every table is as it was backed up;
a damaged or mismatched backup is refused and the database is left alone."""

import hashlib
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from orgwork.core import backup as bk
from orgwork.core import services
from orgwork.people.models import Person
from tests.factories import make_org, make_person, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def fingerprint() -> dict[str, str]:
    """A hash of every table's rows (order-independent)."""
    out = {}
    with connection.cursor() as cur:
        for table in sorted(connection.introspection.table_names(cur)):
            cur.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows = sorted(repr(r) for r in cur.fetchall())
            out[table] = hashlib.sha256("\n".join(rows).encode()).hexdigest() + f":{len(rows)}"
    return out


@pytest.fixture
def data(tree):
    user = make_user("backup_admin", "org_admin", tree["district"])
    person = make_person("王五", tree["village_a"])
    return {"user": user, "person": person, **tree}


def mutate(data):
    person = data["person"]
    person.phone = "13900000000"
    services.update_object(person, actor=data["user"])
    make_org("新建村党支部", data["town_a"], kind="branch", level="village", code="320509101299")
    services.delete_object(data["village_b"], actor=data["user"])


def test_backup_then_restore_gives_back_every_table(data, tmp_path):
    before = fingerprint()
    folder = bk.backup(tmp_path)
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["vendor"] == connection.vendor
    assert manifest["tables"]["people_person"] == Person.all_objects.count()

    mutate(data)
    assert fingerprint() != before

    call_command("restore", str(folder), yes=True)
    assert fingerprint() == before


def test_damaged_backup_is_refused_and_nothing_changes(data, tmp_path):
    folder = bk.backup(tmp_path)
    mutate(data)
    after_mutation = fingerprint()
    manifest = bk.read_manifest(folder)
    with open(folder / manifest["file"], "r+b") as f:
        f.seek(200)
        f.write(b"\x00garbage\x00")
    with pytest.raises(CommandError, match="损坏"):
        call_command("restore", str(folder), yes=True)
    assert fingerprint() == after_mutation


def test_backup_of_another_version_is_refused(data, tmp_path):
    folder = bk.backup(tmp_path)
    manifest = bk.read_manifest(folder)
    manifest["migrations"].append("people.9999_from_the_future")
    manifest["app_version"] = "9.9.9"
    (folder / "manifest.json").write_text(json.dumps(manifest))
    mutate(data)
    after_mutation = fingerprint()
    with pytest.raises(CommandError, match="9.9.9"):
        call_command("restore", str(folder), yes=True)
    assert fingerprint() == after_mutation


def test_backup_command_prints_its_folder(data, tmp_path, capsys):
    call_command("backup", output=str(tmp_path))
    folder = capsys.readouterr().out.strip()
    assert bk.read_manifest(folder)["sha256"]
    call_command("restore", folder, check=True)
    assert "OK" in capsys.readouterr().out
