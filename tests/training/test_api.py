"""Every training model's API, through the generic suite."""

from orgwork.core.testing.api import ModelApiSuite
from tests.factories import make_org, make_person
from tests.training.cases import AttendanceCases, CourseCases, EnrollmentCases, EvaluationCases, SessionCases
from tests.training.factories import enroll, make_course, make_session


class TestCourseApi(CourseCases, ModelApiSuite):
    def create_data(self, tree):
        return {
            "org": tree["town_a"].pk,
            "name": "震泽镇夜校第1期",
            "kind": "night_school",
            "series": "震泽夜校",
            "starts_on": "2024-04-01",
        }


class TestSessionApi(SessionCases, ModelApiSuite):
    def create_data(self, tree):
        course = make_course(make_org("震泽镇新培训点", tree["town_a"]))
        return {
            "course": course.pk,
            "date": "2024-03-10",
            "topic": "基层治理",
            "teacher_kind": "expert",
            "hours": "3.0",
        }


class TestEnrollmentApi(EnrollmentCases, ModelApiSuite):
    def create_data(self, tree):
        course = make_course(make_org("震泽镇新培训点", tree["town_a"]))
        return {"course": course.pk, "person": make_person("郑学员", tree["village_a"]).pk, "tier": "county"}


class TestAttendanceApi(AttendanceCases, ModelApiSuite):
    def create_data(self, tree):
        course = make_course(make_org("震泽镇新培训点", tree["town_a"]))
        e = enroll(course, make_person("冯学员", tree["village_a"]))[0]
        return {"session": make_session(course).pk, "enrollment": e.pk, "status": "present"}


class TestEvaluationApi(EvaluationCases, ModelApiSuite):
    def create_data(self, tree):
        session = make_session(make_course(make_org("震泽镇新培训点", tree["town_a"])))
        return {"session": session.pk, "content_score": 5, "teacher_score": 4}
