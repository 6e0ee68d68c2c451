"""Every registered model's API, through the generic suite."""

from orgwork.core.testing.api import ModelApiSuite
from orgwork.orgs.models import Org, TeamSeat, Term
from orgwork.people.models import Person
from tests.factories import make_org, make_person, make_seat, make_term


class TestOrgApi(ModelApiSuite):
    model = Org

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
        }

    def edit_changes(self, obj):
        return {"short_name": "改后简称"}


class TestTermApi(ModelApiSuite):
    model = Term

    def make_in_scope(self, tree):
        return make_term(make_org("震泽镇某党支部", tree["village_a"]))

    def make_out_of_scope(self, tree):
        return make_term(make_org("盛泽镇某党支部", tree["village_b"]))

    def create_data(self, tree):
        return {"org": tree["village_a"].pk, "number": 3, "started_on": "2024-03-01"}

    def edit_changes(self, obj):
        return {"election_method": "差额选举"}


class TestTeamSeatApi(ModelApiSuite):
    model = TeamSeat

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
            "started_on": "2024-01-01",
        }

    def edit_changes(self, obj):
        return {"notes": "兼任村委会主任"}


class TestPersonApi(ModelApiSuite):
    model = Person

    def make_in_scope(self, tree):
        return make_person("孙悟", tree["village_a"])

    def make_out_of_scope(self, tree):
        return make_person("猪八", tree["village_b"])

    def create_data(self, tree):
        return {
            "name": "沙和尚",
            "id_number": "11010519491231002X",
            "registered_org": tree["village_a"].pk,
            "political_status": "13",
            "ethnicity": "01",
        }

    def edit_changes(self, obj):
        return {"native_place": "江苏苏州"}
