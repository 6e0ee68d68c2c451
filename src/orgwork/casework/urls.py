from django.urls import path

from orgwork.casework import views
from orgwork.casework.models import Case
from orgwork.casework.settings_views import CaseworkSettingsView
from orgwork.core.registry import get_model_urls

app_name = "casework"
urlpatterns = [
    path("mine/", views.MyCasesView.as_view(), name="my_cases"),
    path("supervision/", views.SupervisionView.as_view(), name="supervision"),
    path("statistics/", views.StatsView.as_view(), name="stats"),
    path("settings/", CaseworkSettingsView.as_view(), name="settings"),
    path("cases/suggest/", views.SuggestView.as_view(), name="case_suggest"),
    *get_model_urls(
        Case,
        "cases",
        views={
            "list": views.CaseListView,
            "detail": views.CaseDetailView,
            "add": views.CaseRegisterView,
            "edit": views.CaseRegisterView,
        },
    ),
    path("cases/<int:pk>/files/<int:event_id>/", views.EventFileView.as_view(), name="event_file"),
    path("cases/<int:pk>/do/<slug:action>/", views.CaseActionView.as_view(), name="case_action"),
]
