"""Methods no page serves are answered 405 before anything else reads the request.

Every view names the methods it serves (GET and HEAD, and POST where it acts) and its
decorator answers any other with 405. But the CSRF middleware runs before the view and
refuses every unsafe method without a token, so PUT, DELETE and PATCH heard 403 where
docs/production.md promises 405, and on a staff page a visitor was sent to sign in first. No
route serves any other method, the admin's included, so one check in front of the CSRF
and session middleware answers the rest on every route, signed in or not, without
touching the session or the database.
"""

from django.http import HttpResponseNotAllowed
from django.utils.log import log_response

SERVED = ("GET", "HEAD", "POST")


class UnservedMethodsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in SERVED:
            return self.get_response(request)
        # Allow names what the site serves at all; where a page takes no POST, its own
        # decorator says so with its exact list.
        response = HttpResponseNotAllowed(SERVED)
        log_response("Method Not Allowed (%s): %s", request.method, request.path, response=response, request=request)
        return response
