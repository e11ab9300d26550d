import time

TOUCHED = "_last_touch"
TOUCH_EVERY = 60  # seconds


class IdleSessionMiddleware:
    """Ends a signed-in session after SESSION_COOKIE_AGE seconds without a request.

    Rather than rewriting the session on every request (SESSION_SAVE_EVERY_REQUEST:
    a database write per page), the expiry is pushed back at most once a minute.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty() and request.user.is_authenticated:
            now = int(time.time())
            if now - session.get(TOUCHED, 0) >= TOUCH_EVERY:
                session[TOUCHED] = now  # saving the session moves its expiry date
        return response
