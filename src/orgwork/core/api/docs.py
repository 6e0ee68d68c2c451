"""Swagger UI (/api/docs/) and ReDoc (/api/redoc/), served from drf-spectacular-sidecar's local
copies (intranets have no internet) to signed-in users only.

The site's CSP allows no inline script: Swagger UI is the "split" view, whose init script is a
separate URL (``?script``), and ReDoc reads the schema URL from its ``<redoc spec-url>`` element.
Both libraries style their widgets at run time (style elements and attributes), which a strict
``style-src 'self'`` blocks, so these two pages, and only they, also allow inline styles; ReDoc's
search index runs in a web worker made from a ``blob:`` URL. Scripts stay ``'self'`` only.

ReDoc's bundle shows a logo it loads from cdn.redoc.ly (no option turns it off): the bundle is served
through ``redoc_bundle`` with that one URL replaced by an empty inline image."""

from functools import lru_cache
from pathlib import Path

import drf_spectacular_sidecar
from csp.decorators import csp_update
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerSplitView

__all__ = ["swagger_view", "redoc_view", "redoc_bundle"]

DOCS_CSP = {"style-src": ["'unsafe-inline'"], "worker-src": ["'self'", "blob:"]}


class SwaggerView(SpectacularSwaggerSplitView):
    template_name = "api/swagger_ui.html"
    url_name = "api:schema"


REDOC_BUNDLE = (
    Path(drf_spectacular_sidecar.__file__).parent
    / "static"
    / "drf_spectacular_sidecar"
    / "redoc"
    / "bundles"
    / "redoc.standalone.js"
)
REMOTE_LOGO = b"https://cdn.redoc.ly/redoc/logo-mini.svg"
EMPTY_IMAGE = b"data:image/gif;base64,R0lGODlhAQABAAAAACw="


@lru_cache(maxsize=1)
def _local_redoc_bundle() -> bytes:
    return REDOC_BUNDLE.read_bytes().replace(REMOTE_LOGO, EMPTY_IMAGE)


@require_GET
def redoc_bundle(request):
    response = HttpResponse(_local_redoc_bundle(), content_type="application/javascript; charset=utf-8")
    response["Cache-Control"] = "private, max-age=86400"
    return response


class RedocView(SpectacularRedocView):
    template_name = "api/redoc.html"
    url_name = "api:schema"

    def _redoc_standalone(self):
        return reverse("api_redoc_bundle")


swagger_view = login_required(csp_update(DOCS_CSP)(SwaggerView.as_view()))
redoc_view = login_required(csp_update(DOCS_CSP)(RedocView.as_view()))
redoc_bundle = login_required(redoc_bundle)
