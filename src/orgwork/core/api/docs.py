"""Swagger UI (/api/docs/) and ReDoc (/api/redoc/), served from drf-spectacular-sidecar's local
copies (intranets have no internet) to signed-in users only.

The site's CSP allows no inline script: Swagger UI is the "split" view, whose init script is a
separate URL (``?script``), and ReDoc reads the schema URL from its ``<redoc spec-url>`` element.
Both libraries style their widgets at run time (style elements and attributes), which a strict
``style-src 'self'`` blocks, so these two pages, and only they, also allow inline styles; ReDoc's
search index runs in a web worker made from a ``blob:`` URL. Scripts stay ``'self'`` only."""

from csp.decorators import csp_update
from django.contrib.auth.decorators import login_required
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerSplitView

__all__ = ["swagger_view", "redoc_view"]

DOCS_CSP = {"style-src": ["'unsafe-inline'"], "worker-src": ["'self'", "blob:"]}


class SwaggerView(SpectacularSwaggerSplitView):
    template_name = "api/swagger_ui.html"
    url_name = "api:schema"


class RedocView(SpectacularRedocView):
    template_name = "api/redoc.html"
    url_name = "api:schema"


swagger_view = login_required(csp_update(DOCS_CSP)(SwaggerView.as_view()))
redoc_view = login_required(csp_update(DOCS_CSP)(RedocView.as_view()))
