"""Tree writes are serialized: concurrent creates and moves under one parent never collide."""

import threading

import pytest
from django.db import close_old_connections, connections

from orgwork.orgs.models import Org
from orgwork.orgs.services import move_org
from tests.factories import make_org


@pytest.mark.django_db(transaction=True)
def test_concurrent_moves_under_one_parent_get_distinct_paths():
    root = make_org("根", kind="committee", level="city")
    target = make_org("目标", root)
    movers = [make_org(f"待移{i}", make_org(f"源{i}", root)) for i in range(4)]
    for m in movers:
        make_org("子", m)
    errors = []
    barrier = threading.Barrier(len(movers))

    def work(org):
        try:
            close_old_connections()
            barrier.wait(timeout=10)
            move_org(org, target, actor=None)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(m,)) for m in movers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors
    moved = Org.objects.filter(parent=target)
    assert moved.count() == 4
    paths = list(Org.objects.values_list("path", flat=True))
    assert len(paths) == len(set(paths))
    for m in moved:
        child = Org.objects.get(parent=m)
        assert child.path.startswith(m.path) and child.path.startswith(target.path)
