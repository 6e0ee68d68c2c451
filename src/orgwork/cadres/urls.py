from django.urls import path

from orgwork.cadres import views
from orgwork.cadres.views import _MODELS
from orgwork.core.registry import get_model_urls

app_name = "cadres"

_DETAIL = {
    "Cadre": views.CadreDetailView,
    "Vacancy": views.VacancyDetailView,
    "AssignmentBatch": views.AssignmentBatchDetailView,
    "Appointment": views.AppointmentDetailView,
}

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("cadres/import-lrmx/", views.LrmxImportView.as_view(), name="lrmx_import"),
    path("cadres/<int:pk>/archive/", views.ArchiveView.as_view(), name="cadre_archive"),
    path("cadres/<int:pk>/form.docx", views.AppointmentFormView.as_view(), name="cadre_form_docx"),
    path("cadres/<int:pk>/lrmx/", views.LrmxExportView.as_view(), name="cadre_lrmx"),
    path("appointments/<int:pk>/appoint/", views.AppointVerbView.as_view(), name="appointment_appoint"),
    path("appointments/<int:pk>/probation/", views.ProbationVerbView.as_view(), name="appointment_probation"),
]
for model, plural, _template in _MODELS:
    v = {"list": views.ScopedListView}
    if model.__name__ in _DETAIL:
        v["detail"] = _DETAIL[model.__name__]
    urlpatterns += get_model_urls(model, plural, views=v)
