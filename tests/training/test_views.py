"""Every door of the training models, through the generic page suite."""

from orgwork.core.testing.views import ModelViewSuite
from tests.factories import make_org, make_person
from tests.training.cases import AttendanceCases, CourseCases, EnrollmentCases, EvaluationCases, SessionCases
from tests.training.factories import enroll, make_course, make_session


class TestCourseViews(CourseCases, ModelViewSuite):
    def create_data(self, tree):
        return {
            "org": tree["town_a"].pk,
            "name": "震泽镇2024年青年干部培训班",
            "kind": "class",
            "starts_on": "2024-04-01",
            "ends_on": "2024-04-30",
            "completion_rate": "0.80",
        }


class TestSessionViews(SessionCases, ModelViewSuite):
    def create_data(self, tree):
        course = make_course(make_org("震泽镇新培训点", tree["town_a"]))
        return {
            "course": course.pk,
            "date": "2024-03-10",
            "topic": "基层治理",
            "teacher_kind": "expert",
            "hours": "3",
        }


class TestEnrollmentViews(EnrollmentCases, ModelViewSuite):
    def create_data(self, tree):
        course = make_course(make_org("震泽镇新培训点", tree["town_a"]))
        return {
            "course": course.pk,
            "person": make_person("郑学员", tree["village_a"]).pk,
            "tier": "township",
            "status": "enrolled",
        }


class TestAttendanceViews(AttendanceCases, ModelViewSuite):
    def create_data(self, tree):
        course = make_course(make_org("震泽镇新培训点", tree["town_a"]))
        e = enroll(course, make_person("冯学员", tree["village_a"]))[0]
        return {"session": make_session(course).pk, "enrollment": e.pk, "status": "present"}


class TestEvaluationViews(EvaluationCases, ModelViewSuite):
    def create_data(self, tree):
        session = make_session(make_course(make_org("震泽镇新培训点", tree["town_a"])))
        return {"session": session.pk, "content_score": 5, "teacher_score": 4, "comment": "很有收获"}
