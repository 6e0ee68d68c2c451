"""The bell (loaded by htmx after the page, like the jobs badge), the notices page, mark read."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View

from orgwork.notifications import services
from orgwork.notifications.models import Notice

__all__ = ["BellView", "NoticeListView", "MarkReadView", "MarkAllReadView"]


class BellView(LoginRequiredMixin, View):
    def get(self, request):
        return render(request, "notifications/_bell.html", {"unread": services.unread_count(request.user)})


class NoticeListView(LoginRequiredMixin, View):
    def get(self, request):
        qs = Notice.objects.filter(recipient=request.user)
        if request.GET.get("unread"):
            qs = qs.filter(read_at__isnull=True)
        page = Paginator(qs, 30).get_page(request.GET.get("page"))
        return render(
            request,
            "notifications/notice_list.html",
            {"page": page, "unread_only": bool(request.GET.get("unread"))},
        )


class MarkReadView(LoginRequiredMixin, View):
    """Mark one notice read, then follow its link (or go back to the list)."""

    def post(self, request, pk):
        notice = Notice.objects.filter(recipient=request.user, pk=pk).first()
        services.mark_read(request.user, pk)
        target = notice.url if notice and notice.url else reverse("notifications:notice_list")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = reverse("notifications:notice_list")
        if request.POST.get("stay"):
            target = reverse("notifications:notice_list")
        return HttpResponseRedirect(target)


class MarkAllReadView(LoginRequiredMixin, View):
    def post(self, request):
        services.mark_all_read(request.user)
        return HttpResponseRedirect(reverse("notifications:notice_list"))
