""" "I got this too": how many visitors met each scam type, counted per type and day.

The database keeps a count per type and day and nothing else. To count a browser once
per type and day, and to stop one person from inflating the counts, a few keys live in
the cache until the day ends (fraudwatch.core.daily: HMACs under a salt that is never stored).

A browser is known by a random id in a first-party cookie set on its first report (it
too expires at midnight), and by its address and user agent, so clearing the cookie
does not count it again. One address counts for at most MAX_PER_ADDRESS reports a day,
whatever cookies it sends.
"""

import datetime
import re
import secrets

from django.db.models import Q, Sum
from django.utils import timezone

from fraudwatch.core import daily

from .models import ScamType, Sighting

PURPOSE = "sighting"  # names the day's salt and the cache keys
COOKIE = "fw_seen"
SANE_BROWSER_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
MAX_PER_ADDRESS = 10  # reports a day: enough for a family behind one address, not for a script
WEEK = datetime.timedelta(days=7)


def browser_id(request):
    """(the id this browser reports under, whether it is new and needs the cookie)."""
    sent = request.COOKIES.get(COOKIE, "")
    if SANE_BROWSER_ID.match(sent):
        return sent, False
    return secrets.token_urlsafe(18), True


def record(scam, *, browser, address, agent):
    """Count one report of `scam` unless this browser already reported it today or its
    address has reached its limit. Returns whether it was counted."""
    day, expiry = timezone.localdate(), daily.seconds_left_today()
    # Both keys are set, whatever the outcome, so either one recognises the browser later.
    new_browser = daily.first_time(daily.key(PURPOSE, day, "browser", browser, str(scam.pk)), expiry)
    new_device = daily.first_time(daily.key(PURPOSE, day, "device", address, agent[:300], str(scam.pk)), expiry)
    if not (new_browser and new_device):
        return False
    if not daily.within_limit(daily.key(PURPOSE, day, "address", address), MAX_PER_ADDRESS, expiry):
        return False
    daily.add_one(Sighting, day, scam_type=scam)
    return True


def trend(scam, today=None):
    """{"this_week": reports in the last 7 days, "last_week": in the 7 days before}: one query."""
    today = today or timezone.localdate()
    week_start = today - WEEK + datetime.timedelta(days=1)
    return Sighting.objects.filter(scam_type=scam, day__gt=today - 2 * WEEK, day__lte=today).aggregate(
        this_week=Sum("count", filter=Q(day__gte=week_start), default=0),
        last_week=Sum("count", filter=Q(day__lt=week_start), default=0),
    )


def most_seen(limit=5, today=None):
    """The published types reported most in the last 7 days, with `seen`: one query."""
    today = today or timezone.localdate()
    return (
        ScamType.objects.published()
        .filter(sightings__day__gt=today - WEEK, sightings__day__lte=today)
        .annotate(seen=Sum("sightings__count"))
        .filter(seen__gt=0)
        .order_by("-seen", "slug")[:limit]
    )


def weekly_counts(weeks=8, today=None):
    """(the Mondays of the last `weeks` weeks, oldest first, [(type, [count per week])]),
    types with the most reports first. Two queries: the day counts, then the types."""
    today = today or timezone.localdate()
    this_monday = today - datetime.timedelta(days=today.weekday())
    mondays = [this_monday - (weeks - 1 - number) * WEEK for number in range(weeks)]
    counts = {}
    rows = Sighting.objects.filter(day__gte=mondays[0], day__lte=today).values_list("scam_type", "day", "count")
    for scam_id, day, count in rows.order_by():
        week = (day - mondays[0]).days // 7
        counts.setdefault(scam_id, [0] * weeks)[week] += count
    types = ScamType.objects.filter(pk__in=list(counts)).order_by("slug")
    table = sorted(((scam, counts[scam.pk]) for scam in types), key=lambda row: -sum(row[1]))
    return mondays, table
