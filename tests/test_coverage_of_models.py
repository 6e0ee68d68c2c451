"""Meta-test: every registered model has the generic permission-aware view suite."""

import importlib
import pkgutil

import tests
from orgwork.core.registry import registry
from orgwork.core.testing.views import SUITES


def _import_all_test_modules():
    for mod in pkgutil.walk_packages(tests.__path__, "tests."):
        if mod.name.rsplit(".", 1)[-1].startswith("test_"):
            importlib.import_module(mod.name)


def test_every_registered_model_has_a_view_suite():
    _import_all_test_modules()
    covered = {suite.model for suite in SUITES}
    missing = sorted(m._meta.label for m in registry if m not in covered)
    assert not missing, "models without a ModelViewSuite: {}".format(", ".join(missing))
