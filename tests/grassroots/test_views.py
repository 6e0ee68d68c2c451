"""Every door of the grassroots models, through the generic page suite."""

from orgwork.core.testing.views import ModelViewSuite
from tests.grassroots import cases as c


class TestPledgeItemViews(c.PledgeItemCases, ModelViewSuite):
    pass


class TestPledgeRoleViews(c.PledgeRoleCases, ModelViewSuite):
    pass


class TestDeedViews(c.DeedCases, ModelViewSuite):
    pass


class TestHouseholdViews(c.HouseholdCases, ModelViewSuite):
    pass


class TestPairingViews(c.PairingCases, ModelViewSuite):
    pass


class TestVisitViews(c.VisitCases, ModelViewSuite):
    pass


class TestActionBranchViews(c.ActionBranchCases, ModelViewSuite):
    pass


class TestActionBranchMemberViews(c.ActionBranchMemberCases, ModelViewSuite):
    pass


class TestActionActivityViews(c.ActionActivityCases, ModelViewSuite):
    pass


class TestSecretaryProjectViews(c.SecretaryProjectCases, ModelViewSuite):
    pass


class TestProjectMilestoneViews(c.ProjectMilestoneCases, ModelViewSuite):
    pass


class TestProjectEvidenceViews(c.ProjectEvidenceCases, ModelViewSuite):
    pass


class TestHealthCheckItemViews(c.HealthCheckItemCases, ModelViewSuite):
    pass


class TestHealthCheckViews(c.HealthCheckCases, ModelViewSuite):
    pass
