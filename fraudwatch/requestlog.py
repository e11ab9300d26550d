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

from django.utils.functional import empty

# (request id, user id, path) of the request being handled.
request_context = contextvars.ContextVar("request_context", default=("-", "-", "-"))
SANE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
access_log = logging.getLogger("fraudwatch.requests")


class RequestContextFilter(logging.Filter):
    """Adds request_id, user_id and path to every record logged during a request."""

    def filter(self, record):
        record.request_id, record.user_id, record.path = request_context.get()
        return True


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if SANE_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_context.set((request_id, "-", request.path[:300]))
        started = time.monotonic()
        try:
            response = self.get_response(request)
            user = getattr(request, "user", None)
            # Only read a user already loaded: do not query the database just to log.
            loaded = user is not None and getattr(user, "_wrapped", empty) is not empty
            user_id = user.pk if loaded and user.is_authenticated else "-"
            request_context.set((request_id, user_id, request.path[:300]))
            elapsed = (time.monotonic() - started) * 1000
            access_log.info("%s %s %s %.0fms", request.method, request.path[:300], response.status_code, elapsed)
            response["X-Request-ID"] = request_id
            return response
        finally:
            request_context.reset(token)
