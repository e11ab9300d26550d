"""Whole-page caching of the public pages for visitors who are not signed in.

Signed-in users always get a fresh page (theirs has a CSRF token and their own menu),
and no cache along the way may keep it: see PrivatePagesMiddleware.
Every administrator edit of the catalogue bumps a version number that is part of each
cache key, so stale pages are never served after an edit; they simply expire. The day is
part of the key too, so what a page shows by date (alerts that start or end) turns over
at midnight rather than up to TIMEOUT later.

A public page may hold a POST form. Its CSRF token belongs to one visitor, so the cached
copy keeps the form with an empty token, and every visitor's copy is given their own.

Two layers keep the pages. The view's (public_page) keeps the page's body. The response's
(PublicResponseMiddleware, near the top of the middleware) keeps the whole answer, headers
and all, once the full stack has sent it to a visitor, and serves it again before the
session, locale, CSRF, auth, messages and history middleware run: a profile of the public
pages found those layers costing more than the cached page itself.
"""

import functools
import hashlib
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers

from . import textsize

VERSION_KEY = "public-pages:version"
TIMEOUT = 300  # seconds; the home page's public figures may be this old


def version(key=VERSION_KEY):
    """A counter kept in the cache for building cache keys; moving it on retires every
    entry made under the old value. The public pages use one, reports another.

    A counter that is missing (a fresh or flushed cache) starts from the clock rather than
    from 1, so it never repeats a value handed out before: what a process keeps in its own
    memory under an old value (the search index) cannot be taken for current."""
    current = cache.get(key)
    if current is None:
        start = time.time_ns()
        cache.add(key, start, None)
        current = cache.get(key, start)
    return current


def invalidate(key=VERSION_KEY):
    """Call after any change to what the keyed pages show."""
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, time.time_ns(), None)


# The hidden field Django's {% csrf_token %} writes, with its value.
CSRF_FIELD = re.compile(rb'(<input type="hidden" name="csrfmiddlewaretoken" value=")[^"]*(">)')
EMPTY_CSRF_FIELD = b'<input type="hidden" name="csrfmiddlewaretoken" value="">'


def _without_token(content):
    return CSRF_FIELD.sub(rb"\1\2", content)


def _with_token(content, request):
    """The cached page with this visitor's own token; get_token also sees that the
    CSRF middleware sends them the matching cookie."""
    if EMPTY_CSRF_FIELD not in content:
        return content
    filled = EMPTY_CSRF_FIELD.replace(b'value=""', b'value="' + get_token(request).encode() + b'"')
    return content.replace(EMPTY_CSRF_FIELD, filled)


def _key(prefix, request):
    """The cache key of what `request` is sent. Absolute URLs (canonical, hreflang, the
    leaflet's QR code) depend on host and scheme; the visitor's text size is rendered into
    the page."""
    where = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    text = textsize.LARGE if textsize.is_large(request) else ""
    today = timezone.localdate().isoformat()
    return f"{prefix}:{version()}:{today}:{text}:{hashlib.sha256(where.encode()).hexdigest()}"


def public_page(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        key = _key("public-page", request)
        cached = cache.get(key)
        if cached is not None:
            content, content_type = cached
            response = HttpResponse(_with_token(content, request), content_type=content_type)
        else:
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming and not response.cookies:
                cache.set(key, (_without_token(response.content), response["Content-Type"]), TIMEOUT)
        patch_vary_headers(response, ["Cookie"])
        response.public_page = True  # PublicResponseMiddleware may keep it whole
        return response

    return wrapper


class PublicResponseMiddleware:
    """Serves a public page kept whole to a visitor, before the middleware below it runs.

    Only a visitor is served from here: a request with no session cookie (so no one is
    signed in) and no messages waiting (a cached page would not show them). What is kept
    is a 200 answer to such a visitor's GET from a public_page view, headers included, and
    no cookie but the CSRF one, which is set here as the CSRF middleware sets it: a page
    with a form gets this visitor's own token, and the cookie when they have none yet.
    The middleware outside it (request id, security headers, CSP) still runs on every
    answer, so each is sent exactly as before."""

    KEPT_COOKIES = {settings.CSRF_COOKIE_NAME}

    def __init__(self, get_response):
        self.get_response = get_response
        self.csrf = CsrfViewMiddleware(get_response)

    def _is_visitor(self, request):
        cookies = request.COOKIES
        return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or not self._is_visitor(request):
            return self.get_response(request)
        key = _key("public-response", request)
        cached = cache.get(key)
        if cached is not None:
            return self._replay(request, *cached)
        response = self.get_response(request)
        if (
            request.method == "GET"
            and getattr(response, "public_page", False)
            and response.status_code == 200
            and not response.streaming
            and set(response.cookies) <= self.KEPT_COOKIES
        ):
            headers = [(name, value) for name, value in response.items() if name != "Content-Length"]
            cache.set(key, (_without_token(response.content), headers), TIMEOUT)
        return response

    def _replay(self, request, content, headers):
        response = HttpResponse()
        for name, value in headers:
            response[name] = value
        if EMPTY_CSRF_FIELD in content:
            self.csrf.process_request(request)  # reads and checks the visitor's CSRF cookie
            content = _with_token(content, request)
            response.content = content
            response = self.csrf.process_response(request, response)  # sets the cookie if new
        else:
            response.content = content
        response["Content-Length"] = str(len(content))
        return response


class PrivatePagesMiddleware:
    """Whatever a signed-in user is sent (pages, reports, exports, redirects) is marked
    `Cache-Control: private, no-store`, so neither a shared proxy nor the browser's disk
    keeps a copy, unless the view chose its own cache headers. Visitors' pages are left
    as they are."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # An empty session means no one is signed in: no need to load the user to know.
        signed_in = session is not None and not session.is_empty() and request.user.is_authenticated
        if signed_in and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response
