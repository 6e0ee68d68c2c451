"""Two sessions edit the same record at once over real, separate database connections: one wins,
the other gets the version conflict, and nothing is lost or half-written."""

import threading
import time

import pytest
from django.db import connection, transaction

from orgwork.core import services
from orgwork.core.models import ChangeLog
from orgwork.people.models import Person
from tests.factories import make_person, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_edits_one_wins_the_other_gets_a_conflict(tree):
    user = make_user("editor", "org_admin", tree["district"])
    person = make_person("赵六", tree["village_a"])
    version = person.version
    holding = threading.Event()
    outcome = {}

    def first():
        try:
            obj = Person.objects.get(pk=person.pk)
            obj.phone = "13900000001"
            with transaction.atomic():
                services.update_object(obj, actor=user, expected_version=version)
                holding.set()
                time.sleep(0.5)  # still holding the row while the second session tries
            outcome["first"] = "saved"
        except Exception as exc:  # pragma: no cover - reported by the assertions below
            outcome["first"] = exc
        finally:
            holding.set()
            connection.close()

    def second():
        holding.wait(10)
        try:
            obj = Person.objects.get(pk=person.pk)  # read before the first commits: old version
            obj.version = version
            obj.phone = "13900000002"
            services.update_object(obj, actor=user, expected_version=version)
            outcome["second"] = "saved"
        except services.StaleEditError:
            outcome["second"] = "conflict"
        except Exception as exc:  # pragma: no cover
            outcome["second"] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)

    assert outcome == {"first": "saved", "second": "conflict"}
    person.refresh_from_db()
    assert person.phone == "13900000001"
    assert person.version == version + 1
    updates = ChangeLog.objects.filter(object_id=str(person.pk), action="update")
    assert updates.count() == 1
