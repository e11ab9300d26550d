"""While the database is unreachable, pages answer 503 with Retry-After, never 500.

The first query of a request is usually in the view (loading the signed-in user, say),
so process_exception catches most outages. But middleware touches the database on the
way out too (the session, the idle sign-out), and Django turns an exception there into a
500 response inside that middleware's own layer: this middleware sees only the response.
got_request_exception fires for each of those with the exception at hand, so it marks the
request, and the middleware, wrapping the session and auth middleware, replaces the
resulting server error with the 503 page.
"""

import logging
import sys

from django.contrib.auth.models import AnonymousUser
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.dispatch import receiver
from django.http import HttpResponse
from django.template import loader
from django.utils.functional import empty

logger = logging.getLogger(__name__)
RETRY_AFTER = 5  # seconds; a database restart or fail-over takes about this long


def is_outage(exception):
    return isinstance(exception, OperationalError | InterfaceError)


def unavailable():
    """The 503 page. Rendered without the request: no context processor may query."""
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


@receiver(got_request_exception, dispatch_uid="fraudwatch.outage")
def _mark_outage(sender, request=None, **kwargs):
    if request is not None and is_outage(sys.exception()):
        request.database_unavailable = True


class DatabaseOutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "database_unavailable", False) and response.status_code >= 500:
            return unavailable()
        return response

    def process_exception(self, request, exception):
        if not is_outage(exception):
            return None
        logger.warning("database unavailable: %s", exception)
        request.database_unavailable = True
        if getattr(getattr(request, "user", None), "_wrapped", None) is empty:
            # Who is signed in could not be learnt: let the middleware on the way out see a
            # visitor rather than ask the database again.
            request.user = AnonymousUser()
        return unavailable()
