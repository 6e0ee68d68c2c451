"""Per-model data of the training app for the generic page and API suites and the access matrix:
one object in township A, one in township B. Names carry the organizer's name, which is the marker
a user sees (and the global search finds)."""

from orgwork.training.models import Attendance, Course, Enrollment, Evaluation, Session
from tests.factories import make_org, make_person
from tests.training.factories import enroll, make_course, make_evaluation, make_session, mark

__all__ = [
    "CourseCases",
    "SessionCases",
    "EnrollmentCases",
    "AttendanceCases",
    "EvaluationCases",
    "TRAINING_CASES",
]


def _org(tree, side):
    if side == "a":
        return make_org("震泽镇党校培训点", tree["village_a"])
    return make_org("盛泽镇党校培训点", tree["village_b"])


class CourseCases:
    model = Course
    marker_attr = "org"

    def make_in_scope(self, tree):
        return make_course(_org(tree, "a"))

    def make_out_of_scope(self, tree):
        return make_course(_org(tree, "b"))

    def edit_changes(self, obj):
        return {"place": "区委党校报告厅"}


class SessionCases:
    model = Session
    marker_attr = "org"
    scope_fields = ("course",)

    def make_in_scope(self, tree):
        return make_session(make_course(_org(tree, "a")))

    def make_out_of_scope(self, tree):
        return make_session(make_course(_org(tree, "b")))

    def edit_changes(self, obj):
        return {"place": "第二教室"}


class EnrollmentCases:
    model = Enrollment
    marker_attr = "person"
    scope_fields = ("course",)

    def make_in_scope(self, tree):
        return enroll(make_course(_org(tree, "a")), make_person("钱学员", tree["village_a"]))[0]

    def make_out_of_scope(self, tree):
        return enroll(make_course(_org(tree, "b")), make_person("孙学员", tree["village_b"]))[0]

    def edit_changes(self, obj):
        return {"notes": "单位推荐"}


class AttendanceCases:
    model = Attendance
    marker_attr = "person"
    scope_fields = ("session",)

    def _make(self, tree, side, name, village):
        course = make_course(_org(tree, side))
        e = enroll(course, make_person(name, tree[village]))[0]
        return mark(make_session(course), e)

    def make_in_scope(self, tree):
        return self._make(tree, "a", "周签到", "village_a")

    def make_out_of_scope(self, tree):
        return self._make(tree, "b", "吴签到", "village_b")

    def edit_changes(self, obj):
        return {"status": "leave"}


class EvaluationCases:
    model = Evaluation
    marker_attr = "org"
    scope_fields = ("session",)

    def make_in_scope(self, tree):
        return make_evaluation(make_session(make_course(_org(tree, "a"))))

    def make_out_of_scope(self, tree):
        return make_evaluation(make_session(make_course(_org(tree, "b"))))

    def edit_changes(self, obj):
        return {"comment": "案例丰富"}


TRAINING_CASES = [CourseCases, SessionCases, EnrollmentCases, AttendanceCases, EvaluationCases]
