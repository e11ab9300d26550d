"""The address a request came from, as the app should judge it behind its own proxy.

Behind nginx every request arrives from the proxy's address, so sign-in lockouts keyed
on REMOTE_ADDR would lock a user name out for everyone at once. nginx.conf.example sets
X-Forwarded-For to the client's address, replacing whatever the client sent; that header
is believed only when the request comes from an address in DJANGO_TRUSTED_PROXIES, so a
client talking to the app directly cannot choose its own address. django-ipware counts
proxies inside the header rather than trusting the sender, which does not fit a proxy
that replaces the header, so this is the few lines it takes instead.
"""

from django.conf import settings


def client_address(request):
    remote = request.META.get("REMOTE_ADDR", "")
    if remote in settings.TRUSTED_PROXIES:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").rsplit(",", 1)[-1].strip()
        if forwarded:
            return forwarded
    return remote
