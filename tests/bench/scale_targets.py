"""What `make bench` measures of the summary tables' price: their size against the tables
they are derived from, the upkeep of one approval and of a bulk approval of 500 (each in a
transaction rolled back, so the bench database stays as generated), and, with
BENCH_REBUILD=1, the time of `rebuild_summaries` and whether `check_summaries` agrees."""

import os
import statistics
import time

from django.db import connection, transaction

from campaigns import services
from campaigns.models import Activity
from campaigns.reports import summary_rebuild

SUMMARY_TABLES = ["campaigns_summary", "campaigns_audiencesummary", "campaigns_scamtypesummary", "campaigns_fact"]
BASE_TABLES = [
    "campaigns_activity",
    "campaigns_figure",
    "campaigns_activity_audiences",
    "campaigns_activity_scam_types",
]
MB = 1024 * 1024


def sizes():
    """Print each table's size (indexes included) and rows; return summaries ÷ base tables."""
    totals = {}
    print(f"\n{'table':34} {'size':>10} {'rows':>12}")
    with connection.cursor() as cursor:
        for group, tables in (("summaries", SUMMARY_TABLES), ("base tables", BASE_TABLES)):
            total = 0
            for table in tables:
                # A partitioned table's size and rows are its partitions' (pg_partition_tree
                # lists no partitions for a plain table).
                cursor.execute(
                    "SELECT SUM(pg_total_relation_size(c.oid)), "
                    "SUM(CASE c.relkind WHEN 'p' THEN 0 ELSE GREATEST(c.reltuples, 0) END) FROM pg_class c "
                    "WHERE c.oid = %s::regclass OR c.oid IN (SELECT relid FROM pg_partition_tree(%s::regclass))",
                    [table, table],
                )
                size, rows = cursor.fetchone()
                total += size
                print(f"{table:34} {size / MB:7.0f} MB {max(rows, 0):12,.0f}")
            totals[group] = total
            print(f"{group + ', total':34} {total / MB:7.0f} MB")
    ratio = totals["summaries"] / totals["base tables"]
    print(f"{'summaries / base tables':34} {ratio:9.2f}x")
    return ratio


class _RolledBack(Exception):
    pass


def _approve(ids, reviewer):
    """Seconds to approve these submitted activities (one or in bulk) with their upkeep; rolled back."""
    elapsed = None
    try:
        with transaction.atomic():
            activities = list(Activity.objects.filter(pk__in=ids).order_by("pk"))
            started = time.perf_counter()
            if len(activities) == 1:
                services.approve(activities[0], by=reviewer)
            else:
                _approved, refused = services.approve_all(activities, by=reviewer)
                assert not refused, refused[:3]
            elapsed = time.perf_counter() - started
            raise _RolledBack
    except _RolledBack:
        pass
    return elapsed


def upkeep(reviewer, single_repeat=5, bulk_repeat=3, bulk=500):
    """(median seconds of one approval, median seconds of a bulk approval of `bulk`)."""
    submitted = list(
        Activity.objects.filter(status=Activity.Status.SUBMITTED)
        .exclude(created_by=reviewer)
        .order_by("pk")
        .values_list("pk", flat=True)[: single_repeat + bulk * bulk_repeat]
    )
    singles = [_approve([pk], reviewer) for pk in submitted[:single_repeat]]
    rest = submitted[single_repeat:]
    bulks = [_approve(rest[i * bulk : (i + 1) * bulk], reviewer) for i in range(bulk_repeat)]
    return statistics.median(singles), statistics.median(bulks)


def rebuild_and_check():
    """(seconds of a rebuild, whether check_summaries then agrees), or None without BENCH_REBUILD=1."""
    if os.environ.get("BENCH_REBUILD") != "1":
        return None
    started = time.perf_counter()
    summary_rebuild.rebuild()
    seconds = time.perf_counter() - started
    return seconds, not summary_rebuild.differences(limit=1)


def year_limit(activities):
    """The whole tree's year: 300 ms at 1M activities, 500 ms at national size."""
    return 0.5 if activities >= 5_000_000 else 0.3


def targets(year, year_raw, quarter, activities, reviewer):
    """The issue's targets, each (what, value, met), measured in this run."""
    ratio = sizes()
    one, bulk = upkeep(reviewer)
    limit = year_limit(activities)
    found = [
        ("summaries <= 0.5 x the tables they derive from", f"{ratio:.2f}x", ratio <= 0.5),
        (f"whole tree, one year: report <= {limit * 1000:.0f} ms", f"{year * 1000:.0f} ms", year <= limit),
        ("whole tree, one year: >= 30x faster than raw SQL", f"{year_raw / year:.1f}x", year_raw / year >= 30),
        ("one county, one quarter: report <= 30 ms", f"{quarter * 1000:.0f} ms", quarter <= 0.03),
        ("one approval's summary upkeep <= 20 ms", f"{one * 1000:.1f} ms", one <= 0.02),
        ("bulk approval of 500 activities <= 5 s", f"{bulk:.2f} s", bulk <= 5),
    ]
    rebuilt = rebuild_and_check()
    if rebuilt is None:
        found.append(("rebuild_summaries <= 5 min, check_summaries agrees", "not run (BENCH_REBUILD=1)", False))
    else:
        seconds, agrees = rebuilt
        found.append(("rebuild_summaries <= 5 min", f"{seconds:.0f} s", seconds <= 300))
        found.append(("check_summaries agrees after the rebuild", "yes" if agrees else "no", agrees))
    return found
