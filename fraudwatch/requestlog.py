"""One log line per event, each carrying the request id, the user id and the path.

The request id comes from the proxy's X-Request-ID header when it sends a sane one,
otherwise a new one is made; it is echoed in the response so a user's report can be
matched to the log. Passwords and session keys never reach the log.
"""

import contextvars
import logging
import re
import time
import uuid

from django.http import HttpRequest
from django.utils.functional import empty

# The request being handled. The filter reads the user from it when a line is logged, not
# when the request starts: by the time django.request logs an error, the view has loaded
# the user, but nothing has gone back up through the middleware to record it.
current_request = contextvars.ContextVar("current_request", default=None)
SANE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
access_log = logging.getLogger("fraudwatch.requests")


def _user_id(request):
    """The signed-in user's id if the request has loaded its user, else "-". Only a loaded
    user is read: logging must not query the database (which may be what failed)."""
    user = getattr(request, "user", None)
    user = getattr(user, "_wrapped", user)  # the user behind AuthenticationMiddleware's lazy object
    if user is None or user is empty or not user.is_authenticated:
        return "-"
    return user.pk


class RequestContextFilter(logging.Filter):
    """Adds request_id, user_id and path to every record logged during a request."""

    def filter(self, record):
        # Django logs every 4xx and 5xx response once more after the middleware has
        # returned, with the request attached to the record.
        request = current_request.get()
        if request is None:
            request = getattr(record, "request", None)
        if not isinstance(request, HttpRequest):
            record.request_id = record.user_id = record.path = "-"
        else:
            record.request_id = getattr(request, "request_id", "-")
            record.user_id = _user_id(request)
            record.path = request.path[:300]
        return True


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.request_id = incoming if SANE_ID.match(incoming) else uuid.uuid4().hex
        token = current_request.set(request)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            elapsed = (time.monotonic() - started) * 1000
            access_log.info("%s %s %s %.0fms", request.method, request.path[:300], response.status_code, elapsed)
            response["X-Request-ID"] = request.request_id
            return response
        finally:
            current_request.reset(token)
