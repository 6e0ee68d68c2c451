"""Every door of the org-tree models, through the generic suite."""

from datetime import date

from orgwork.core.testing.views import ModelViewSuite
from tests.cases import OrgCases, TeamSeatCases, TermCases
from tests.factories import make_person


class TestOrgViews(OrgCases, ModelViewSuite):
    bulk_change = ("sector", "school")

    def create_data(self, tree):
        return {
            "parent": tree["town_a"].pk,
            "name": "震泽镇新建党支部",
            "code": "NEW001",
            "kind": "branch",
            "level": "unit",
            "sector": "organ",
            "position": 0,
        }


class TestTermViews(TermCases, ModelViewSuite):
    def create_data(self, tree):
        return {"org": tree["village_a"].pk, "number": 3, "started_on": "2024-03-01", "ends_on": ""}


class TestTeamSeatViews(TeamSeatCases, ModelViewSuite):
    def create_data(self, tree):
        person = make_person("钱七", tree["village_a"])
        return {
            "org": tree["village_a"].pk,
            "team": "party",
            "role": "member",
            "person": person.pk,
            "started_on": date(2024, 1, 1).isoformat(),
        }
