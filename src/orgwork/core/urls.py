from django.urls import path

from orgwork.core import calendar_views, job_views, views

app_name = "core"
urlpatterns = [
    path("recycle-bin/", views.RecycleBinView.as_view(), name="recycle_bin"),
    path("recycle-bin/<int:ct>/<int:pk>/restore/", views.RestoreView.as_view(), name="restore"),
    path("changelog/", views.ChangeLogListView.as_view(), name="changelog_list"),
    path("changelog/export/", views.ChangeLogExportView.as_view(), name="changelog_export"),
    path("jobs/", job_views.JobListView.as_view(), name="job_list"),
    path("jobs/badge/", job_views.JobBadgeView.as_view(), name="job_badge"),
    path("jobs/<uuid:pk>/", job_views.JobDetailView.as_view(), name="job_detail"),
    path("jobs/<uuid:pk>/progress/", job_views.JobProgressView.as_view(), name="job_progress"),
    path("jobs/<uuid:pk>/cancel/", job_views.JobCancelView.as_view(), name="job_cancel"),
    path("jobs/<uuid:pk>/retry/", job_views.JobRetryView.as_view(), name="job_retry"),
    path("jobs/<uuid:pk>/download/", job_views.JobDownloadView.as_view(), name="job_download"),
    path("calendar/", calendar_views.CalendarView.as_view(), name="calendar"),
    path("lookup/<str:label>/", views.LookupView.as_view(), name="lookup"),
]
