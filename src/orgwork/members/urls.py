from django.urls import path

from orgwork.core.registry import get_model_urls
from orgwork.members import views
from orgwork.members.models import (
    Due,
    Meeting,
    MeetingAttendance,
    Member,
    Recruitment,
    RecruitmentStep,
    Transfer,
)

app_name = "members"
urlpatterns = [
    path("due-this-month/", views.DueThisMonthView.as_view(), name="due_this_month"),
    path(
        "recruitments/<int:pk>/record-step/", views.RecordStepView.as_view(), name="recruitment_record_step"
    ),
    path("recruitments/<int:pk>/action/", views.RecruitmentActionView.as_view(), name="recruitment_action"),
    path("transfers/inbox/", views.TransferInboxView.as_view(), name="transfer_inbox"),
    path("transfers/<int:pk>/action/", views.TransferActionView.as_view(), name="transfer_action"),
    path("dues/ledger/", views.DuesLedgerView.as_view(), name="dues_ledger"),
    path("dues/<int:pk>/pay/", views.PaymentView.as_view(), name="due_pay"),
    path("meetings/completeness/", views.MeetingCompletenessView.as_view(), name="meeting_completeness"),
    path("stats/", views.StatsView.as_view(), name="stats"),
    path("members/national.xlsx", views.NationalExportView.as_view(), name="member_national_export"),
    *get_model_urls(
        Member, "members", views={"list": views.MemberListView, "detail": views.MemberDetailView}
    ),
    *get_model_urls(
        Recruitment,
        "recruitments",
        views={"list": views.RecruitmentListView, "detail": views.RecruitmentDetailView},
    ),
    *get_model_urls(RecruitmentStep, "steps", views={"add": views.StepEditView, "edit": views.StepEditView}),
    *get_model_urls(Due, "dues", views={"detail": views.DueDetailView}),
    *get_model_urls(
        Transfer,
        "transfers",
        views={
            "detail": views.TransferDetailView,
            "add": views.TransferEditView,
            "edit": views.TransferEditView,
        },
    ),
    path("meetings/<int:pk>/roll-call/", views.RollCallView.as_view(), name="meeting_roll_call"),
    *get_model_urls(Meeting, "meetings", views={"detail": views.MeetingDetailView}),
    *get_model_urls(MeetingAttendance, "attendance"),
]
