"""Every talent model's API, through the generic suite."""

from orgwork.core.testing.api import ModelApiSuite
from tests.factories import make_person
from tests.talent import cases as c
from tests.talent.factories import make_challenge, make_program, make_round, make_station, make_talent


def _new_talent(tree, name="冯新才"):
    return make_talent(tree["village_a"], name)


class TestTalentApi(c.TalentCases, ModelApiSuite):
    def create_data(self, tree):
        return {
            "person": make_person("郑海归", tree["village_a"]).pk,
            "org": tree["town_a"].pk,
            "category": "overseas",
            "level": "A",
            "industry": "biomed",
            "employer_name": "苏州某生物医药有限公司",
            "employer_code": "91350100M000100Y43",
            "origin": "returnee",
            "arrived_on": "2019-07-01",
            "channel": "startup_week",
        }


class TestTalentProgramApi(c.TalentProgramCases, ModelApiSuite):
    def create_data(self, tree):
        return {
            "org": tree["town_a"].pk,
            "name": "震泽镇新苗计划",
            "kind": "district",
            "budget": "800",
            "year": 2024,
        }


class TestProgramRoundApi(c.ProgramRoundCases, ModelApiSuite):
    def create_data(self, tree):
        return {
            "program": make_program(tree["town_a"], "震泽镇新苗计划").pk,
            "name": "2024年第二批",
            "opens_on": "2024-08-01",
            "closes_on": "2024-09-01",
        }


class TestAwardApi(c.AwardCases, ModelApiSuite):
    def create_data(self, tree):
        rnd = make_round(make_program(tree["town_a"], "震泽镇新苗计划"))
        return {"round": rnd.pk, "talent": _new_talent(tree).pk, "project": "新型传感器", "score": "80"}


class TestTrancheApi(c.TrancheCases, ModelApiSuite):
    def create_data(self, tree):
        award = c._award(tree, "a")
        return {"award": award.pk, "milestone": "中期考核", "amount": "50", "due_on": "2025-01-01"}


class TestTalentCardApi(c.TalentCardCases, ModelApiSuite):
    def create_data(self, tree):
        return {"talent": _new_talent(tree).pk, "issued_on": "2024-05-01"}


class TestCardServiceUseApi(c.CardServiceUseCases, ModelApiSuite):
    def create_data(self, tree):
        card = c._card(tree, "a")
        return {"card": card.pk, "benefit": "checkup", "used_on": "2024-05-01", "provider": "区人民医院"}


class TestLiaisonPairApi(c.LiaisonPairCases, ModelApiSuite):
    def create_data(self, tree):
        return {
            "leader": make_person("周区长", tree["town_a"]).pk,
            "talent": _new_talent(tree).pk,
            "leader_post": "副区长",
            "started_on": "2024-01-01",
        }


class TestContactLogApi(c.ContactLogCases, ModelApiSuite):
    def create_data(self, tree):
        pair = c._pair(tree, "a")
        return {"pair": pair.pk, "date": "2024-04-02", "way": "visit", "asked": "子女入学", "done": "已协调"}


class TestTalentStationApi(c.TalentStationCases, ModelApiSuite):
    def create_data(self, tree):
        return {"org": tree["town_a"].pk, "name": "震泽镇人才公寓二期", "kind": "apartment", "capacity": 40}


class TestStayApi(c.StayCases, ModelApiSuite):
    def create_data(self, tree):
        station = make_station(tree["town_a"], "震泽镇人才公寓二期")
        return {
            "station": station.pk,
            "talent": _new_talent(tree).pk,
            "room": "2-303",
            "moved_in": "2024-04-01",
        }


class TestChallengeApi(c.ChallengeCases, ModelApiSuite):
    def create_data(self, tree):
        return {
            "org": tree["town_a"].pk,
            "title": "高速光模块封装",
            "issuer": "震泽某光电科技有限公司",
            "industry": "it",
            "bounty": "2000",
            "published_on": "2024-03-01",
            "deadline": "2024-06-30",
            "status": "open",
        }


class TestChallengeTeamApi(c.ChallengeTeamCases, ModelApiSuite):
    def create_data(self, tree):
        return {
            "challenge": make_challenge(tree["town_a"], "高速光模块封装").pk,
            "name": "东南大学光电团队",
            "leader_name": "陈教授",
            "status": "applied",
        }


class TestChallengeMilestoneApi(c.ChallengeMilestoneCases, ModelApiSuite):
    def create_data(self, tree):
        return {
            "challenge": make_challenge(tree["town_a"], "高速光模块封装").pk,
            "title": "小批量试产",
            "due_on": "2024-11-30",
            "payment": "300",
        }
