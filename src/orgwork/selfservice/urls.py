from django.urls import path

from orgwork.selfservice import views

app_name = "selfservice"
urlpatterns = [
    path("", views.MeView.as_view(), name="me"),
]
