from orgwork.core.testing.api import ModelApiSuite
from tests.cases import CaseCases


class TestCaseApi(CaseCases, ModelApiSuite):
    def create_data(self, tree):
        return {
            "kind": "suggestion",
            "title": "API 登记的事项",
            "description": "路面破损",
            "source": "grid",
            "category": "infrastructure",
            "priority": "normal",
            "raised_on": "2026-03-02",
            "org": tree["village_a"].pk,
        }
