import logging

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFilesSent
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from campaigns.alerts.public import current_alerts
from campaigns.forms import MAX_EVIDENCE_BYTES
from campaigns.reports.headline import public_headline
from scams import sightings
from scams.models import Category, ScamType

from .core import textsize
from .core.pagecache import public_page
from .core.uploads import max_request_bytes

logger = logging.getLogger(__name__)
MB = 1024 * 1024


@require_safe
@public_page
def home(request):
    """The front page: the latest alerts, the types visitors met most this week, the
    catalogue's featured types and groups, and the outreach headline."""
    alerts = current_alerts()[:3]
    most_seen = sightings.most_seen()
    featured = ScamType.objects.published().filter(featured=True).select_related("category")[:6]
    groups = Category.objects.filter(parent__isnull=True).prefetch_related("children")
    headline = public_headline(timezone.localdate())
    return render(
        request,
        "fraudwatch/home.html",
        {"alerts": alerts, "most_seen": most_seen, "featured": featured, "groups": groups, "headline": headline},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def text_size(request):
    """Larger text for this browser. The link in every page's header carries the size, so
    one tap remembers it in a cookie and goes back to the page the visitor came from (no
    form, no script: a preference of this browser's, as harmless to set from a link as the
    language). Without a size, GET asks; the asking page's form POSTs."""
    data = request.POST if request.method == "POST" else request.GET
    back = data.get("next")
    if not back or not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = reverse("home")
    size = data.get("size")
    if request.method == "POST" or size in (textsize.LARGE, textsize.NORMAL):
        response = redirect(back)
        textsize.remember(response, size == textsize.LARGE, secure=request.is_secure())
        add_never_cache_headers(response)
        return response
    return render(request, "fraudwatch/text_size.html", {"next": back})


@require_safe
@never_cache
def healthz(request):
    """200 when the app and its database answer, 503 otherwise. No login, no personal data."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.warning("health check: database unavailable")
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})


@require_safe
def fortunes(request):
    """The load benchmark's yardstick, like the TechEmpower Fortunes test: one query for
    twelve rows rendered through a template. Routed only when BENCH_ENDPOINTS is on."""
    rows = list(Category.objects.order_by("pk")[:12])
    return render(request, "fraudwatch/fortunes.html", {"rows": rows})


def csrf_failure(request, reason=""):
    """A branded, bilingual page instead of Django's technical one."""
    return render(request, "403_csrf.html", status=403)


def bad_request(request, exception):
    """Django answers a request over its size limits with a bare 400; say what happened.
    The page needs no request context: the POST data cannot be read again."""
    if isinstance(exception, RequestDataTooBig | TooManyFilesSent):
        limit = max_request_bytes(request)
        # The file size is the evidence's; an address with a ceiling of its own (the material
        # upload) has per-kind file limits, which its form states.
        file_mb = MAX_EVIDENCE_BYTES // MB if limit == settings.UPLOAD_MAX_REQUEST_BYTES else None
        limits = {"request_mb": limit // MB, "file_mb": file_mb}
        return HttpResponse(loader.render_to_string("413.html", limits), status=413)
    return defaults.bad_request(request, exception)
