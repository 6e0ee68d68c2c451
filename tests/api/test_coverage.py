"""Meta-test: every registered model has a serializer and the generic API suite."""

from orgwork.core.registry import registry
from orgwork.core.testing.api import API_SUITES
from tests.test_coverage_of_models import _import_all_test_modules


def test_every_registered_model_has_an_api_suite():
    _import_all_test_modules()
    covered = {suite.model for suite in API_SUITES}
    missing = sorted(m._meta.label for m in registry if m not in covered)
    assert not missing, "models without a ModelApiSuite: {}".format(", ".join(missing))


def test_every_registered_model_has_a_serializer():
    missing = sorted(m._meta.label for m, cfg in registry.items() if cfg.serializer is None)
    assert not missing, "models registered without a serializer: {}".format(", ".join(missing))
