"""Request context: a request id that groups one request's audit rows, and the acting user; and
no caching of what a signed-in user was shown."""

import uuid

from django.utils.cache import add_never_cache_headers, patch_vary_headers

from orgwork.core import audit

__all__ = ["RequestIdMiddleware", "PrivateNoStoreMiddleware"]


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.id = str(uuid.uuid4())
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        ip = forwarded.split(",")[0].strip() or request.META.get("REMOTE_ADDR")
        token = audit.current_request.set(audit.RequestContext(request_id=request.id, ip=ip, request=request))
        try:
            response = self.get_response(request)
        finally:
            audit.current_request.reset(token)
        response["X-Request-ID"] = request.id
        return response


class PrivateNoStoreMiddleware:
    """Pages, API answers and downloads for a signed-in user carry personal data (ID numbers,
    appraisals, political status): no browser or proxy may keep a copy (``Cache-Control: no-store,
    private``), so the back button on a shared office computer after logout shows nothing.
    Responses that set their own caching (static files) are left alone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if getattr(user, "is_authenticated", False) and not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
            patch_vary_headers(response, ("Cookie",))
        return response
