"""Request context: a request id that groups one request's audit rows, and the acting user."""

import uuid

from orgwork.core import audit

__all__ = ["RequestIdMiddleware"]


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
