"""Counting the scans of a unit's kit code: one per phone per unit and day.

A phone is told apart by its address and user agent, kept only as keys in the cache that
expire with the day, under a daily salt that is never stored (fraudwatch.core.daily, as "I
got this too" counts), so nothing the database keeps (or a backup holds) can be traced
to a phone. Every worker shares the cache (fraudwatch.core.filecache, or Redis across
machines), so the dedupe and the cap hold across them.

Not counted: HEAD requests, known bots and link-preview fetchers, requests without a
user agent (fraudwatch.core.daily.from_a_person), and an address's scans beyond
KIT_SCANS_PER_ADDRESS_PER_HOUR, so a script rotating user agents from one address
cannot inflate a unit's figures. A school behind one address stays well inside that cap.
"""

from django.conf import settings
from django.utils import timezone

from campaigns.models import KitScan
from fraudwatch.core import daily
from fraudwatch.core.clients import client_address

PURPOSE = "kit-scan"  # names the day's salt and the cache keys
HOUR = 3600


def record(request, code):
    """Count the request as a scan of `code` if it is one and this phone has not scanned
    the code today; returns whether it was counted."""
    if not daily.from_a_person(request):
        return False
    now = timezone.localtime()
    day, address = now.date(), client_address(request)
    agent = request.META.get("HTTP_USER_AGENT", "")
    phone = daily.key(PURPOSE, day, "phone", address, agent, str(code.pk))
    if daily.known(phone):
        return False
    # The cap comes before the phone is marked as seen: a scan it refuses in a busy hour
    # leaves that phone's next scan, later in the day, to be counted.
    this_hour = daily.key(PURPOSE, day, "address", f"{now:%H}", address)
    if not daily.within_limit(this_hour, settings.KIT_SCANS_PER_ADDRESS_PER_HOUR, HOUR):
        return False
    if not daily.first_time(phone, daily.seconds_left_today()):
        return False  # counted meanwhile by a request running beside this one
    daily.add_one(KitScan, day, code=code)
    return True
