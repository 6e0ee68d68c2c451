"""Verbs of talent work through the API, beside the generated CRUD: POST
/api/talent/tranches/{id}/pay/ pays a tranche (拨付) through ``talent.services.pay_tranche``, the
same rules as the page (paid once, never beyond the tranche or the award: else 400 with the
reason; 403 without the right to change). The answer is the tranche as it stands after."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from orgwork.core.api.serializers import validation_error
from orgwork.core.api.verbs import optional_date_field

__all__ = ["TrancheVerbsMixin"]


class PayInput(serializers.Serializer):
    amount = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0.01"),
        required=False,
        allow_null=True,
        help_text=_("Amount paid (10,000 yuan); blank: the tranche's amount."),
    )
    paid_on = optional_date_field(help_text=pgettext_lazy("talent", "Blank: today."))


class TrancheVerbsMixin:
    """Adds POST …/pay/ to the tranche viewset. The tranche is read within the user's view scope;
    whether they may pay it is the service's decision."""

    def get_scope_action(self):
        if getattr(self, "action", None) == "pay":
            return "view"
        return super().get_scope_action()

    @extend_schema(request=PayInput, summary=_("Pay the tranche against its milestone (拨付)."))
    @action(detail=True, methods=["post"], url_path="pay", url_name="pay")
    def pay(self, request, pk=None):
        from orgwork.talent.services import pay_tranche

        tranche = self.get_object()
        data = PayInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            pay_tranche(
                tranche,
                actor=request.user,
                amount=data.validated_data.get("amount"),
                on=data.validated_data.get("paid_on"),
            )
        except DjangoPermissionDenied as exc:
            raise PermissionDenied(str(exc)) from None
        except DjangoValidationError as exc:
            raise validation_error(exc) from None
        tranche.refresh_from_db()
        return Response(self.get_serializer(tranche).data)
