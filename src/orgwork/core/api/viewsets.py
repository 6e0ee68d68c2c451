"""Viewset bases of the REST API. Every queryset starts from ``Model.objects.restrict(user, action)``,
the action following the HTTP method; a single object out of scope is the same 404 as a missing one."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import permissions, viewsets

from orgwork.accounts.scope import has_global_action
from orgwork.core import services
from orgwork.core.api.errors import DeleteRefused
from orgwork.core.api.serializers import ChangeLogSerializer
from orgwork.core.filters import ChangeLogFilterSet
from orgwork.core.models import ChangeLog

__all__ = ["METHOD_ACTIONS", "ScopedModelViewSet", "HasGlobalAction", "ChangeLogViewSet"]

METHOD_ACTIONS = {
    "GET": "view",
    "HEAD": "view",
    "OPTIONS": "view",
    "POST": "add",
    "PUT": "change",
    "PATCH": "change",
    "DELETE": "delete",
}


class ScopedModelViewSet(viewsets.ModelViewSet):
    """List, read, create, update (optimistic locking) and delete (recycle bin) one registered model."""

    model: type = None

    def get_scope_action(self):
        return METHOD_ACTIONS.get(self.request.method, "view")

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return self.model.objects.none()
        return self.model.objects.restrict(self.request.user, self.get_scope_action())

    def perform_destroy(self, instance):
        try:
            services.delete_object(instance, actor=self.request.user)
        except DjangoValidationError as exc:
            raise DeleteRefused(" ".join(exc.messages)) from None
        except services.DeleteRefused as exc:
            raise DeleteRefused(str(exc)) from None


class HasGlobalAction(permissions.BasePermission):
    """A global (not org-scoped) action such as ``view_audit``, named by the view's ``global_action``."""

    def has_permission(self, request, view):
        return has_global_action(request.user, view.global_action)


class ChangeLogViewSet(viewsets.ReadOnlyModelViewSet):
    """The change log, read-only, for the auditor (global action ``view_audit``)."""

    global_action = "view_audit"
    permission_classes = [permissions.IsAuthenticated, HasGlobalAction]
    serializer_class = ChangeLogSerializer
    filterset_class = ChangeLogFilterSet
    queryset = ChangeLog.objects.select_related("content_type")
