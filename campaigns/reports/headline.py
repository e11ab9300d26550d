"""The public home page's headline: this year's approved outreach, in totals only."""

from django.core.cache import cache

from campaigns.models import Indicator
from fraudwatch.core import pagecache

from .cube import gather
from .periods import this_year_so_far
from .summary import ReportFilters

HEADLINE_SECONDS = 300


def public_headline(today):
    """Year-to-date totals of approved activities for the whole site, for the public home
    page: the number of activities and the indicators marked public, totals only, nothing
    about any unit or person. The sums are one query, cached until the public pages are
    refreshed (an administrator edits an indicator) or a few minutes pass."""
    indicators = list(Indicator.objects.filter(active=True, public=True))
    key = f"public-headline:{pagecache.version()}:{today.isoformat()}"
    totals = cache.get(key)
    if totals is None:
        start, end = this_year_so_far(today)
        filters = ReportFilters(start=start, end=end)
        counts, sums = gather(filters, parts=("main",)).counts_and_sums("main", lambda key: "")
        totals = {"activities": counts.get("", 0)}
        totals.update({f"indicator_{pk}": total for pk, total in sums[""].items()})
        cache.set(key, totals, HEADLINE_SECONDS)
    return {
        "year": today.year,
        "activities": totals["activities"],
        # An indicator marked public since the sums were cached waits for the next refresh.
        "figures": [
            (indicator, totals[f"indicator_{indicator.pk}"])
            for indicator in indicators
            if totals.get(f"indicator_{indicator.pk}")
        ],
    }
