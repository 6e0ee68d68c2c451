"""API serializers of cadre work: the forms' field lists, related objects as ids within scope."""

from orgwork.cadres.forms import FIELDS
from orgwork.cadres.models import Evaluation
from orgwork.core.api.serializers import ScopedModelSerializer

__all__ = ["serializer_for"]

_READ_ONLY = {Evaluation: ["total"]}
_cache = {}


def serializer_for(model):
    if model not in _cache:
        extra = _READ_ONLY.get(model, [])
        meta = type(
            "Meta",
            (),
            {
                "model": model,
                "fields": ["id", "version", "created_at", "updated_at", *FIELDS[model], *extra],
                "read_only_fields": extra,
            },
        )
        _cache[model] = type(
            model.__name__ + "Serializer", (ScopedModelSerializer,), {"Meta": meta, "__module__": __name__}
        )
    return _cache[model]
