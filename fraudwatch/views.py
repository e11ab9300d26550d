import logging

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from campaigns.reports.summary import public_headline
from scams.models import Category, ScamType

from .pagecache import public_page

logger = logging.getLogger(__name__)


@public_page
def home(request):
    """The front page: the catalogue's featured types and groups, and the outreach headline."""
    featured = ScamType.objects.published().filter(featured=True).select_related("category")[:6]
    groups = Category.objects.filter(parent__isnull=True).prefetch_related("children")
    headline = public_headline(timezone.localdate())
    return render(request, "fraudwatch/home.html", {"featured": featured, "groups": groups, "headline": headline})


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


def fortunes(request):
    """The load benchmark's yardstick, like the TechEmpower Fortunes test: one query for
    twelve rows rendered through a template. Routed only when BENCH_ENDPOINTS is on."""
    rows = list(Category.objects.order_by("pk")[:12])
    return render(request, "fraudwatch/fortunes.html", {"rows": rows})


def csrf_failure(request, reason=""):
    """A branded, bilingual page instead of Django's technical one."""
    return render(request, "403_csrf.html", status=403)
