"""人才驿站 and apartments: check-ins never exceed the capacity, also when they happen at once."""

import threading
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from orgwork.talent.models import Stay, Talent, TalentStation
from tests.talent.factories import make_station, make_stay, make_talent


@pytest.mark.django_db
def test_a_full_place_refuses_the_next_check_in_with_the_figures(tree):
    station = make_station(tree["town_a"], capacity=2)
    a, b, c = (make_talent(tree["village_a"], n) for n in ("甲", "乙", "丙"))
    make_stay(station, a)
    make_stay(station, b)
    with pytest.raises(ValidationError, match="已满（2 / 2）"):
        make_stay(station, c)
    # A stay that ended frees its place.
    Stay.objects.filter(talent=a).update(moved_out=date(2024, 3, 10))
    make_stay(station, c, moved_in=date(2024, 3, 11))


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL")
def test_concurrent_check_ins_never_exceed_the_capacity(tree):
    """Eight check-ins into a place with three free places, at the same moment, each in its own
    connection: exactly three pass, the occupancy stays at the capacity."""
    station = make_station(tree["town_a"], capacity=4)
    make_stay(station, make_talent(tree["village_a"], "已入住"))
    talents = [make_talent(tree["village_a"], "人才{}".format(i)) for i in range(8)]
    barrier = threading.Barrier(len(talents))
    results = []

    def check_in(talent_id):
        try:
            barrier.wait()
            make_stay(TalentStation.objects.get(pk=station.pk), Talent.objects.get(pk=talent_id))
            results.append("ok")
        except ValidationError:
            results.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=check_in, args=(t.pk,)) for t in talents]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["ok"] * 3 + ["refused"] * 5
    assert Stay.objects.filter(station_id=station.pk).count() == 4
    assert TalentStation.objects.get(pk=station.pk).occupancy(date(2024, 3, 2)) == 4
