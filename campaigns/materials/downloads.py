"""Counting material downloads: one per client per material and day.

A client is told apart by its address and user agent, kept only as a key in the cache
that expires with the day, under a daily salt that is never stored (fraudwatch.core.daily, as
kit scans are), so the database keeps a count per material and day and nothing else.
HEAD requests, bots and link-preview fetchers are not counted, so a download manager
asking again, a crawler or a refresh does not inflate a material's figures.
"""

from django.utils import timezone

from campaigns.models import MaterialDownload
from fraudwatch.core import daily
from fraudwatch.core.clients import client_address

PURPOSE = "download"  # names the day's salt and the cache keys


def record(request, material):
    """Count the request as a download of `material` if it is one and this client has not
    downloaded the material today; returns whether it was counted."""
    if not daily.from_a_person(request):
        return False
    day = timezone.localdate()
    agent = request.META.get("HTTP_USER_AGENT", "")
    client = daily.key(PURPOSE, day, "client", client_address(request), agent, str(material.pk))
    if not daily.first_time(client, daily.seconds_left_today()):
        return False
    MaterialDownload.record(material, day)
    return True
