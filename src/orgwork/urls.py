"""OrgWork URL map: one include per app."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import include, path

from orgwork.core.api import docs as api_docs


@login_required
def home(request):
    from orgwork.accounts.scope import scope_prefixes
    from orgwork.orgs.models import Org

    roots = Org.objects.filter(path__in=scope_prefixes(request.user, "view")).order_by("path")
    return render(request, "home.html", {"roots": roots})


urlpatterns = [
    path("", home, name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("orgwork.accounts.urls")),
    path("core/", include("orgwork.core.urls")),
    path("orgs/", include("orgwork.orgs.urls")),
    path("people/", include("orgwork.people.urls")),
    path("training/", include("orgwork.training.urls")),
    path("members/", include("orgwork.members.urls")),
    path("grassroots/", include("orgwork.grassroots.urls")),
    path("notifications/", include("orgwork.notifications.urls")),
    path("casework/", include("orgwork.casework.urls")),
    path("cadres/", include("orgwork.cadres.urls")),
    path("talent/", include("orgwork.talent.urls")),  # talent app (issue 8)
    path("me/", include("orgwork.selfservice.urls")),  # 我的: the user's own records
    path("api/docs/", api_docs.swagger_view, name="api_docs"),
    path("api/redoc/", api_docs.redoc_view, name="api_redoc"),
    path("api/redoc/redoc.standalone.js", api_docs.redoc_bundle, name="api_redoc_bundle"),
    path("api/", include(("orgwork.core.api.routers", "api"), namespace="api")),
]

handler403 = "orgwork.core.views.permission_denied"
handler404 = "orgwork.core.views.page_not_found"
