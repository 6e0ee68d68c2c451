"""An import makes its new records by copying one made once: each must still be what ``Model()``
makes, with its own value of every default that is a callable."""

from orgwork.cadres.models import Cadre
from orgwork.core.imports.base import Part
from orgwork.people.models import Person


def _fields(obj):
    return {f.attname: getattr(obj, f.attname) for f in type(obj)._meta.concrete_fields}


def test_new_records_equal_a_fresh_model_instance():
    part = Part(None, Person)
    made = [part.new() for _ in range(3)]
    fresh = Person()
    for obj in made:
        assert obj._state.adding and obj._state.db is None and obj.pk is None
        got, want = _fields(obj), _fields(fresh)
        # created_at: timezone.now, called for each record
        assert abs((got.pop("created_at") - want.pop("created_at")).total_seconds()) < 60
        assert got == want
    made[0].name = "张三"
    assert made[1].name == "" and fresh.name == ""


def test_callable_defaults_are_not_shared():
    part = Part(None, Cadre)
    a, b = part.new(), part.new()
    assert a.service_record == {} == b.service_record
    a.service_record["posts"] = 3
    assert b.service_record == {}  # default=dict: a dict of its own
    assert a._state is not b._state
