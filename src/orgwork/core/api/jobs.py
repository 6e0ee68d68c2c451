"""The user's background jobs through the API: list, read (with live progress), cancel."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from orgwork.core import jobs
from orgwork.core.models import Job, JobStatus

__all__ = ["JobSerializer", "JobViewSet"]


class JobSerializer(serializers.ModelSerializer):
    percent = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Job
        fields = [
            "id",
            "kind",
            "label",
            "status",
            "done",
            "total",
            "percent",
            "message",
            "result",
            "error",
            "input_name",
            "result_file",
            "download_url",
            "created_at",
            "started_at",
            "finished_at",
        ]
        read_only_fields = fields

    def to_representation(self, job):
        data = super().to_representation(job)
        if job.status == JobStatus.RUNNING:
            state = jobs.live_state(job)
            data["done"] = state.get("done", job.done)
            data["total"] = state.get("total", job.total)
            data["message"] = state.get("message") or job.message
            data["percent"] = min(100, int(data["done"] * 100 / data["total"])) if data["total"] else 0
        return data

    def get_percent(self, job) -> int:
        return job.percent

    def get_download_url(self, job) -> str | None:
        if job.status != JobStatus.SUCCEEDED or not job.result_file:
            return None
        from django.urls import reverse

        request = self.context.get("request")
        url = reverse("core:job_download", args=[job.pk])
        return request.build_absolute_uri(url) if request else url


class JobViewSet(viewsets.ReadOnlyModelViewSet):
    """Background jobs (imports, exports) of the calling user; nobody sees another user's jobs."""

    serializer_class = JobSerializer
    queryset = Job.objects.none()
    filterset_fields = ["status", "kind"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Job.objects.none()
        return Job.objects.filter(user=self.request.user)

    @extend_schema(request=None, responses=JobSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Ask the job to stop; a running import rolls back, leaving the database unchanged."""
        job = self.get_object()
        if job.is_active:
            jobs.cancel(job)
            job.refresh_from_db()
        return Response(self.get_serializer(job).data)
