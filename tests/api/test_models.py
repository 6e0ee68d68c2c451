"""Every registered model's API, through the generic suite."""

from orgwork.core.testing.api import ModelApiSuite
from tests.cases import OrgCases, PersonCases, TeamSeatCases, TermCases
from tests.factories import make_person


class TestOrgApi(OrgCases, ModelApiSuite):
    def create_data(self, tree):
        return {
            "parent": tree["town_a"].pk,
            "name": "震泽镇新建党支部",
            "code": "NEW001",
            "kind": "branch",
            "level": "unit",
            "sector": "organ",
        }


class TestTermApi(TermCases, ModelApiSuite):
    def create_data(self, tree):
        return {"org": tree["village_a"].pk, "number": 3, "started_on": "2024-03-01"}


class TestTeamSeatApi(TeamSeatCases, ModelApiSuite):
    def create_data(self, tree):
        person = make_person("钱七", tree["village_a"])
        return {
            "org": tree["village_a"].pk,
            "team": "party",
            "role": "member",
            "person": person.pk,
            "started_on": "2024-01-01",
        }


class TestPersonApi(PersonCases, ModelApiSuite):
    def create_data(self, tree):
        return {
            "name": "沙和尚",
            "id_number": "11010519491231002X",
            "registered_org": tree["village_a"].pk,
            "political_status": "13",
            "ethnicity": "01",
        }
