"""The short address printed on a unit's kit: <site>/k/<code>/."""

from django.conf import settings
from django.urls import reverse


def site_url(request=None):
    """DJANGO_SITE_URL, else the address `request` came to (a printed code must hold an
    address phones can reach, so set DJANGO_SITE_URL in production)."""
    if settings.SITE_URL or request is None:
        return settings.SITE_URL
    return request.build_absolute_uri("/").rstrip("/")


def short_url(site, code):
    return site + reverse("kit-scan", args=[code.code])


def quiz_url(short):
    """The kit's second code, "测一测": the short address of the unit's quiz."""
    return short + "quiz/"
