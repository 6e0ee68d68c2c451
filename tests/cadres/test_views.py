"""Every door of every registered cadres model, through the generic page suite."""

from orgwork.core.testing.views import ModelViewSuite
from tests.cadres import cases


def _form(data):
    """POST data of a form: JSON scores become the per-dimension fields of the evaluation form."""
    data = dict(data)
    for key, value in data.pop("scores", {}).items():
        data["score_" + key] = value
    return data


class TestCadreViews(cases.CadreCases, ModelViewSuite):
    pass


class TestCadrePostViews(cases.CadrePostCases, ModelViewSuite):
    pass


class TestEducationViews(cases.EducationCases, ModelViewSuite):
    pass


class TestAppraisalViews(cases.AppraisalCases, ModelViewSuite):
    pass


class TestRewardSanctionViews(cases.RewardSanctionCases, ModelViewSuite):
    pass


class TestFamilyMemberViews(cases.FamilyMemberCases, ModelViewSuite):
    pass


class TestReserveEntryViews(cases.ReserveEntryCases, ModelViewSuite):
    pass


class TestCohortTargetViews(cases.CohortTargetCases, ModelViewSuite):
    pass


class TestEvaluationViews(cases.EvaluationCases, ModelViewSuite):
    def create_data(self, tree):
        return _form(super().create_data(tree))

    def form_values(self, obj):
        data = super().form_values(obj)
        for key, value in obj.scores.items():
            data["score_" + key] = value
        return data


class TestAssignmentBatchViews(cases.AssignmentBatchCases, ModelViewSuite):
    pass


class TestAssignmentViews(cases.AssignmentCases, ModelViewSuite):
    pass


class TestContestResultViews(cases.ContestResultCases, ModelViewSuite):
    pass


class TestArchiveNoteViews(cases.ArchiveNoteCases, ModelViewSuite):
    pass


class TestVacancyViews(cases.VacancyCases, ModelViewSuite):
    pass


class TestAppointmentViews(cases.AppointmentCases, ModelViewSuite):
    pass
