"""Counting visitors a day without keeping anything about them, for "I got this too"
(scams.sightings), kit QR code scans (campaigns.kits.scans) and material downloads.

A visitor is recognised by keys in the cache that expire when the day ends: each is an
HMAC under that day's salt, and the salt is HMAC(SECRET_KEY, purpose and day),
recomputed when needed and never stored. Once the day is over nobody can tell from them
who did what. The database keeps a count per thing and day and nothing else. Every app
process must see the same keys and counts, or each would count a visitor and a cap on its
own: the cache is shared by every process on the machine (fraudwatch.core.filecache), or by
every app server with REDIS_URL.
"""

import datetime
import hashlib
import hmac

from crawleruseragents import is_crawler
from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone


def from_a_person(request, method="GET"):
    """Whether `request` is one to count: a GET (or `method`: a quiz counts the POST of its
    answers) with a user agent, not a HEAD, and not from a known bot or link-preview
    fetcher (the maintained crawler-user-agents list, rather than a list of our own that
    would go stale)."""
    if request.method != method:
        return False
    agent = request.META.get("HTTP_USER_AGENT", "").strip()
    return bool(agent) and not is_crawler(agent)


def seconds_left_today():
    now = timezone.localtime()
    midnight = datetime.datetime.combine(now.date() + datetime.timedelta(days=1), datetime.time.min, now.tzinfo)
    return max(int((midnight - now).total_seconds()), 1)


def key(purpose, day, *parts):
    """The cache key for `parts` on `day`: an HMAC under the day's salt for `purpose`."""
    salt = hmac.new(settings.SECRET_KEY.encode(), f"{purpose}:{day.isoformat()}".encode(), hashlib.sha256).digest()
    return f"{purpose}:" + hmac.new(salt, "\x1f".join(parts).encode(), hashlib.sha256).hexdigest()


def known(cache_key):
    """Whether `cache_key` is already known, without making it known."""
    return cache.get(cache_key) is not None


def first_time(cache_key, expiry):
    """Whether `cache_key` is new (and from now on known until `expiry` seconds pass)."""
    return cache.add(cache_key, 1, expiry)


def within_limit(cache_key, limit, expiry):
    """Count one more under `cache_key`; whether the count is still at most `limit`."""
    cache.add(cache_key, 0, expiry)
    try:
        seen = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, expiry)
        seen = 1
    return seen <= limit


def add_one(model, day, **thing):
    """Add one to `model`'s count for `thing` on `day`, making the day's row if need be."""
    rows = model.objects.filter(day=day, **thing)
    if rows.update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            model.objects.create(day=day, count=1, **thing)
    except IntegrityError:  # another request made the day's row meanwhile
        rows.update(count=F("count") + 1)
