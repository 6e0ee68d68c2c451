from django.urls import path

from orgwork.core.registry import get_model_urls
from orgwork.orgs import views
from orgwork.orgs.models import Org, TeamSeat, Term

app_name = "orgs"
urlpatterns = [
    path("", views.OrgTreeView.as_view(), name="org_tree"),
    path("orgs/<int:pk>/children/", views.OrgChildrenView.as_view(), name="org_children"),
    path("orgs/<int:pk>/move/", views.OrgMoveView.as_view(), name="org_move"),
    path("orgs/<int:pk>/stats.xlsx", views.OrgStatsExportView.as_view(), name="org_stats_export"),
    path("terms/due/", views.TermsDueView.as_view(), name="terms_due"),
    *get_model_urls(
        Org,
        "orgs",
        views={"detail": views.OrgDetailView, "add": views.OrgEditView, "edit": views.OrgEditView},
    ),
    *get_model_urls(Term, "terms"),
    *get_model_urls(TeamSeat, "seats"),
]
