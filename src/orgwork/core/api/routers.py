"""API URLs built from the registry: /api/<app>/<api_path>/ for every model registered with a
serializer, the change log, and the OpenAPI schema."""

from importlib import import_module

from django.apps import apps
from django.http import JsonResponse
from django.urls import include, path, re_path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from orgwork.core.api.jobs import JobViewSet
from orgwork.core.api.viewsets import ChangeLogViewSet, ScopedModelViewSet
from orgwork.core.registry import registry

__all__ = ["build_router", "viewset_for", "urlpatterns"]


def _autodiscover():
    """Registrations live in each app's views module; import them all before reading the registry."""
    for app in apps.get_app_configs():
        if app.name.startswith("orgwork."):
            try:
                import_module("{}.views".format(app.name))
            except ModuleNotFoundError as exc:
                if exc.name != "{}.views".format(app.name):
                    raise


def viewset_for(cfg):
    return type(
        "{}ViewSet".format(cfg.model.__name__),
        (*cfg.api_mixins, ScopedModelViewSet),
        {
            "model": cfg.model,
            "queryset": cfg.model.objects.none(),
            "serializer_class": cfg.serializer,
            "filterset_class": cfg.filterset,
            "__doc__": "{} (scoped to the user's part of the tree).".format(
                cfg.model._meta.verbose_name_plural
            ),
        },
    )


def build_router():
    _autodiscover()
    router = DefaultRouter()
    for cfg in sorted(registry.values(), key=lambda c: c.label):
        if cfg.serializer is None:
            continue
        router.register(
            "{}/{}".format(cfg.app_label, cfg.api_path),
            viewset_for(cfg),
            basename="{}-{}".format(cfg.app_label, cfg.model_name),
        )
    router.register("core/changelog", ChangeLogViewSet, basename="core-changelog")
    router.register("core/jobs", JobViewSet, basename="core-job")
    return router


@csrf_exempt  # nothing is changed; a PUT to an unknown URL is a 404 too, not a CSRF page
def not_found(request, *args, **kwargs):
    """Any other URL under /api/: the API's JSON 404 (core.api.errors), not the HTML page."""
    from orgwork.core.api.errors import error_body

    return JsonResponse(error_body("not_found", _("Not found.")), status=404)


urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("", include(build_router().urls)),
    re_path(r"", not_found),
]
