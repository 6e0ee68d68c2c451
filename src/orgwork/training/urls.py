from django.urls import path

from orgwork.core.registry import get_model_urls
from orgwork.training import views
from orgwork.training.models import Attendance, Course, Enrollment, Evaluation, Session

app_name = "training"
urlpatterns = [
    path("statistics/", views.StatisticsView.as_view(), name="statistics"),
    path("hours/", views.ComplianceView.as_view(), name="compliance"),
    path("tiers/", views.TierSettingsView.as_view(), name="tiers"),
    path("people/<int:pk>/hours/", views.PersonHoursView.as_view(), name="person_hours"),
    path("sessions/<int:pk>/roster/", views.RosterView.as_view(), name="session_roster"),
    path("sessions/<int:pk>/sign-in/", views.SignInImportView.as_view(), name="session_sign_in"),
    path("courses/<int:pk>/enroll/", views.EnrollManyView.as_view(), name="course_enroll"),
    *get_model_urls(
        Course, "courses", views={"list": views.CourseListView, "detail": views.CourseDetailView}
    ),
    *get_model_urls(
        Session, "sessions", views={"list": views.SessionListView, "detail": views.SessionDetailView}
    ),
    *get_model_urls(Enrollment, "enrollments", views={"list": views.EnrollmentListView}),
    *get_model_urls(Attendance, "attendances", views={"list": views.AttendanceListView}),
    *get_model_urls(Evaluation, "evaluations", views={"list": views.EvaluationListView}),
]
