from django.urls import path

from orgwork.core import views

app_name = "core"
urlpatterns = [
    path("recycle-bin/", views.RecycleBinView.as_view(), name="recycle_bin"),
    path("recycle-bin/<int:ct>/<int:pk>/restore/", views.RestoreView.as_view(), name="restore"),
    path("changelog/", views.ChangeLogListView.as_view(), name="changelog_list"),
    path("changelog/export/", views.ChangeLogExportView.as_view(), name="changelog_export"),
    path("lookup/<str:label>/", views.LookupView.as_view(), name="lookup"),
]
