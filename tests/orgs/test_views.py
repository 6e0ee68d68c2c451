"""Every door of the org-tree models, through the generic suite."""

from datetime import date

from orgwork.core.testing.views import ModelViewSuite
from orgwork.orgs.models import Org, TeamSeat, Term
from tests.factories import make_org, make_person, make_seat, make_term


class TestOrgViews(ModelViewSuite):
    model = Org
    bulk_change = ("sector", "school")

    def make_in_scope(self, tree):
        return make_org("震泽镇机关第一党支部", tree["town_a"])

    def make_out_of_scope(self, tree):
        return make_org("盛泽镇机关第一党支部", tree["town_b"])

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

    def edit_changes(self, obj):
        return {"short_name": "改后简称"}


class TestTermViews(ModelViewSuite):
    model = Term
    marker_attr = "org"

    def make_in_scope(self, tree):
        return make_term(make_org("震泽镇某党支部", tree["village_a"]))

    def make_out_of_scope(self, tree):
        return make_term(make_org("盛泽镇某党支部", tree["village_b"]))

    def create_data(self, tree):
        return {"org": tree["village_a"].pk, "number": 3, "started_on": "2024-03-01", "ends_on": ""}

    def edit_changes(self, obj):
        return {"election_method": "差额选举"}


class TestTeamSeatViews(ModelViewSuite):
    model = TeamSeat
    marker_attr = "person"

    def make_in_scope(self, tree):
        return make_seat(tree["village_a"], make_person("王五", tree["village_a"]), role="secretary")

    def make_out_of_scope(self, tree):
        return make_seat(tree["village_b"], make_person("赵六", tree["village_b"]), role="secretary")

    def create_data(self, tree):
        person = make_person("钱七", tree["village_a"])
        return {
            "org": tree["village_a"].pk,
            "team": "party",
            "role": "member",
            "person": person.pk,
            "started_on": date(2024, 1, 1).isoformat(),
        }

    def edit_changes(self, obj):
        return {"notes": "兼任村委会主任"}
