"""Counting the scans of a unit's kit code: one per phone per unit and day.

A phone is told apart by a hash of its address and user agent, salted with a random
value made fresh each day. The salt and the hashes live only in the cache, and expire
with the day, so nothing the database keeps (or a backup holds) can be traced to a
phone, and yesterday's hashes cannot be recomputed. With several workers the cache must
be shared (REDIS_URL) for the dedupe to hold across them; the local-memory default
dedupes within one process.

Not counted: HEAD requests, known bots and link-preview fetchers (the maintained
crawler-user-agents list, rather than a list of our own that would go stale), requests
without a user agent, and an address's scans beyond SCANS_PER_ADDRESS_PER_HOUR, so a
script rotating user agents from one address cannot inflate a unit's figures. A school
behind one address stays well inside that cap.
"""

import datetime
import hashlib
import secrets

from crawleruseragents import is_crawler
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from campaigns.models import KitScan
from fraudwatch.clients import client_address


def _seconds_left_today(now):
    tomorrow = (now + datetime.timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return max(int((tomorrow - now).total_seconds()), 1) + 60


def _salt(day, timeout):
    key = f"kit-scan-salt:{day.isoformat()}"
    cache.add(key, secrets.token_hex(16), timeout)
    return cache.get(key)


def counts(request):
    """Whether this request is a scan to count (not which code: every code counts alike)."""
    if request.method != "GET":
        return False
    agent = request.META.get("HTTP_USER_AGENT", "").strip()
    return bool(agent) and not is_crawler(agent)


def record(request, code):
    """Count the request as a scan of `code` if it is one and this phone has not scanned
    the code today; returns whether it was counted."""
    if not counts(request):
        return False
    now = timezone.localtime()
    day, timeout = now.date(), _seconds_left_today(now)
    salt, address = _salt(day, timeout), client_address(request)
    agent = request.META.get("HTTP_USER_AGENT", "")
    phone = hashlib.sha256(f"{salt}|{address}|{agent}|{code.pk}".encode()).hexdigest()
    if not cache.add(f"kit-scan-seen:{day.isoformat()}:{phone}", 1, timeout):
        return False
    if _over_the_cap(salt, address, now):
        return False
    KitScan.record(code, day)
    return True


def _over_the_cap(salt, address, now):
    hashed = hashlib.sha256(f"{salt}|{address}".encode()).hexdigest()
    key = f"kit-scan-address:{now:%Y%m%d%H}:{hashed}"
    cache.add(key, 0, 3600 + 60)
    try:
        seen = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, 3600 + 60)
        seen = 1
    return seen > settings.KIT_SCANS_PER_ADDRESS_PER_HOUR
