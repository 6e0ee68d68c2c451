"""Every door of the grassroots models, through the generic API suite."""

from orgwork.core.testing.api import ModelApiSuite
from tests.grassroots import cases as c


class TestPledgeItemApi(c.PledgeItemCases, ModelApiSuite):
    pass


class TestPledgeRoleApi(c.PledgeRoleCases, ModelApiSuite):
    pass


class TestDeedApi(c.DeedCases, ModelApiSuite):
    pass


class TestHouseholdApi(c.HouseholdCases, ModelApiSuite):
    pass


class TestPairingApi(c.PairingCases, ModelApiSuite):
    pass


class TestVisitApi(c.VisitCases, ModelApiSuite):
    pass


class TestActionBranchApi(c.ActionBranchCases, ModelApiSuite):
    pass


class TestActionBranchMemberApi(c.ActionBranchMemberCases, ModelApiSuite):
    pass


class TestActionActivityApi(c.ActionActivityCases, ModelApiSuite):
    pass


class TestSecretaryProjectApi(c.SecretaryProjectCases, ModelApiSuite):
    pass


class TestProjectMilestoneApi(c.ProjectMilestoneCases, ModelApiSuite):
    pass


class TestProjectEvidenceApi(c.ProjectEvidenceCases, ModelApiSuite):
    pass


class TestHealthCheckItemApi(c.HealthCheckItemCases, ModelApiSuite):
    pass


class TestHealthCheckApi(c.HealthCheckCases, ModelApiSuite):
    pass
