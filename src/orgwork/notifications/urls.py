from django.urls import path

from orgwork.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.NoticeListView.as_view(), name="notice_list"),
    path("bell/", views.BellView.as_view(), name="bell"),
    path("<int:pk>/read/", views.MarkReadView.as_view(), name="mark_read"),
    path("read-all/", views.MarkAllReadView.as_view(), name="mark_all_read"),
]
