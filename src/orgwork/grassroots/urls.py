from django.urls import path

from orgwork.core.registry import get_model_urls
from orgwork.grassroots import views
from orgwork.grassroots.selfservice import MyDeedView

app_name = "grassroots"
urlpatterns = [
    path("pledges/", views.PledgeCompletionView.as_view(), name="pledge_completion"),
    path("pledges/deed/", views.QuickDeedView.as_view(), name="quick_deed"),
    path("me/deeds/add/", MyDeedView.as_view(), name="me_deed"),
    path("households/coverage/", views.HouseholdCoverageView.as_view(), name="household_coverage"),
    path(
        "action-branches/dashboard/",
        views.ActionBranchDashboardView.as_view(),
        name="action_branch_dashboard",
    ),
    path("health-checks/ranking/", views.HealthRankingView.as_view(), name="health_ranking"),
    path("health-checks/<int:pk>/score/", views.HealthCheckScoreView.as_view(), name="healthcheck_score"),
    path("health-checks/<int:pk>/flag/", views.HealthCheckFlagView.as_view(), name="healthcheck_flag"),
    path(
        "health-checks/<int:pk>/rectified/",
        views.HealthCheckRectifiedView.as_view(),
        name="healthcheck_rectified",
    ),
    path("secretary-projects/<int:pk>/review/", views.ProjectReviewView.as_view(), name="project_review"),
    path("secretary-projects/<int:pk>/upload/", views.EvidenceUploadView.as_view(), name="evidence_upload"),
    path(
        "project-evidence/<int:pk>/download/", views.EvidenceDownloadView.as_view(), name="evidence_download"
    ),
]
for model, plural in views.PLURALS.items():
    detail = views.DETAIL_VIEWS.get(model)
    urlpatterns += get_model_urls(model, plural, views={"detail": detail} if detail else None)
