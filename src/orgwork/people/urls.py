from django.urls import path

from orgwork.core.registry import get_model_urls
from orgwork.people import views
from orgwork.people.models import Person

app_name = "people"
urlpatterns = [
    path("search/", views.SearchView.as_view(), name="search"),
    path("people/duplicates/", views.DuplicatesView.as_view(), name="person_duplicates"),
    path("people/<int:pk>/reveal-id/", views.RevealIdView.as_view(), name="person_reveal_id"),
    path("people/<int:pk>/merge/", views.MergeView.as_view(), name="person_merge"),
    *get_model_urls(Person, "people", views={"list": views.PersonListView, "detail": views.PersonDetailView}),
]
