"""Every registered cadres model's API, through the generic suite."""

from orgwork.core.testing.api import ModelApiSuite
from tests.cadres import cases


class TestCadreApi(cases.CadreCases, ModelApiSuite):
    pass


class TestCadrePostApi(cases.CadrePostCases, ModelApiSuite):
    pass


class TestEducationApi(cases.EducationCases, ModelApiSuite):
    pass


class TestAppraisalApi(cases.AppraisalCases, ModelApiSuite):
    pass


class TestRewardSanctionApi(cases.RewardSanctionCases, ModelApiSuite):
    pass


class TestFamilyMemberApi(cases.FamilyMemberCases, ModelApiSuite):
    pass


class TestReserveEntryApi(cases.ReserveEntryCases, ModelApiSuite):
    pass


class TestCohortTargetApi(cases.CohortTargetCases, ModelApiSuite):
    pass


class TestEvaluationApi(cases.EvaluationCases, ModelApiSuite):
    pass


class TestAssignmentBatchApi(cases.AssignmentBatchCases, ModelApiSuite):
    pass


class TestAssignmentApi(cases.AssignmentCases, ModelApiSuite):
    pass


class TestContestResultApi(cases.ContestResultCases, ModelApiSuite):
    pass


class TestArchiveNoteApi(cases.ArchiveNoteCases, ModelApiSuite):
    pass


class TestVacancyApi(cases.VacancyCases, ModelApiSuite):
    pass


class TestAppointmentApi(cases.AppointmentCases, ModelApiSuite):
    pass
