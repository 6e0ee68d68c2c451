"""Read routing: background exports read from the replica when one is configured; everything
else, and every write, stays on the primary."""

import pytest
from django.test import override_settings
from django.urls import reverse

from orgwork.core import db_routing
from orgwork.core.db_routing import ReplicaRouter, read_replica
from orgwork.core.models import Job
from orgwork.people.models import Person
from tests.factories import make_person

pytestmark = pytest.mark.django_db


def test_without_a_replica_everything_reads_from_the_primary():
    router = ReplicaRouter()
    with read_replica():
        assert router.db_for_read(Person) is None
    assert router.db_for_write(Person) == "default"


def test_with_a_replica_only_reads_inside_the_context_go_there(monkeypatch):
    monkeypatch.setattr(db_routing, "replica_configured", lambda: True)
    router = ReplicaRouter()
    assert router.db_for_read(Person) is None
    with read_replica():
        assert router.db_for_read(Person) == "replica"
        assert router.db_for_write(Person) == "default"
    assert router.db_for_read(Person) is None
    assert router.allow_migrate("replica", "people") is False and router.allow_migrate("default", "people")


@override_settings(ORGWORK_EXPORT_JOB_ROWS=1)
def test_a_background_export_reads_its_rows_through_the_replica_route(client, tree, admin_a, monkeypatch):
    from orgwork.core import jobs

    make_person("王芳", tree["village_a"], sex="F")
    make_person("李娜", tree["village_a"], sex="F")
    # The "replica" is the primary itself here (a second database needs a streaming replica); what
    # is checked is that the job's reads are routed, and that the page request's reads are not.
    monkeypatch.setattr(db_routing, "REPLICA", "default")
    routed = []
    original = ReplicaRouter.db_for_read

    def spy(self, model, **hints):
        db = original(self, model, **hints)
        if model is Person:
            routed.append(db)
        return db

    monkeypatch.setattr(ReplicaRouter, "db_for_read", spy)
    client.force_login(admin_a)
    response = client.get(reverse("people:person_list"), {"_export": "xlsx"})
    assert response.status_code == 302
    assert set(routed) <= {None}  # the request itself stays on the primary
    routed.clear()
    job = Job.objects.get(user=admin_a)
    jobs.execute(job.pk)
    job.refresh_from_db()
    assert job.status == "succeeded", job.error
    assert job.result["rows"] == 2
    assert routed and set(routed) == {"default"}  # every person read of the job took the replica route
