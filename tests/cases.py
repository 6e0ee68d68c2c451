"""Per-model test data shared by the generic page suite and the generic API suite: one object in
township A (the users' scope), one in township B (out of scope), and an edit to apply."""

from orgwork.orgs.models import Org, TeamSeat, Term
from orgwork.people.models import Person
from tests.factories import make_org, make_person, make_seat, make_term

__all__ = ["OrgCases", "TermCases", "TeamSeatCases", "PersonCases", "CaseCases", "CaseByOrgCases"]


class OrgCases:
    model = Org

    def make_in_scope(self, tree):
        return make_org("震泽镇机关第一党支部", tree["town_a"])

    def make_out_of_scope(self, tree):
        return make_org("盛泽镇机关第一党支部", tree["town_b"])

    def edit_changes(self, obj):
        return {"short_name": "改后简称"}


class TermCases:
    model = Term
    marker_attr = "org"

    def make_in_scope(self, tree):
        return make_term(make_org("震泽镇某党支部", tree["village_a"]))

    def make_out_of_scope(self, tree):
        return make_term(make_org("盛泽镇某党支部", tree["village_b"]))

    def edit_changes(self, obj):
        return {"election_method": "差额选举"}


class TeamSeatCases:
    model = TeamSeat
    marker_attr = "person"

    def make_in_scope(self, tree):
        return make_seat(tree["village_a"], make_person("王五", tree["village_a"]), role="secretary")

    def make_out_of_scope(self, tree):
        return make_seat(tree["village_b"], make_person("赵六", tree["village_b"]), role="secretary")

    def edit_changes(self, obj):
        return {"notes": "兼任村委会主任"}


class PersonCases:
    model = Person

    def make_in_scope(self, tree):
        return make_person("孙悟", tree["village_a"])

    def make_out_of_scope(self, tree):
        return make_person("猪八", tree["village_b"])

    def edit_changes(self, obj):
        return {"native_place": "江苏苏州"}


class CaseCases:
    """casework.Case (issue 7): registered by a village org of each township."""

    from orgwork.casework.models import Case as model

    marker_attr = "title"

    def make_in_scope(self, tree):
        from tests.casework.factories import make_case

        return make_case(tree["village_a"], "众安桥村路灯损坏")

    def make_out_of_scope(self, tree):
        from tests.casework.factories import make_case

        return make_case(tree["village_b"], "黄家溪村垃圾清运不及时")

    def edit_changes(self, obj):
        return {"raised_place": "村委会门口"}


class CaseByOrgCases(CaseCases):
    """The same, marked by the registering org: the access matrix's global-search door finds
    orgs and people, not cases."""

    marker_attr = "org"
