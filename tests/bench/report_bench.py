"""Report speed against hand-written SQL over the base tables, on the same data in the same run.

    make bench          # PostgreSQL database fraudwatch_bench; generates the data first if missing

Prints, for the whole tree over one year and for one county over one quarter, the
median time of the full report (campaigns.reports.summary.build, which reads the summary
tables) and of raw SQL computing the same numbers from the activities, figures and
links (what live aggregation cannot beat), how many times faster the report is, and
the peak memory of building the report and writing the exports; then (document_bench.py)
the time of the XLSX, DOCX and PDF for a county over a quarter and a year and for the
whole tree, of a county's campaign kit and of the public booklet, cold and warm; then
(scale_targets.py) the size of each summary table and of the tables they derive from,
and the upkeep of one approval and of 500; and every target with whether it is met.
BENCH_REBUILD=1 also times rebuild_summaries and runs check_summaries. Machines here are noisy and shared: read ratios
before seconds.
"""

import datetime
import os
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fraudwatch.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")
UNITS = int(os.environ.get("BENCH_UNITS", 10_000))
ACTIVITIES = int(os.environ.get("BENCH_ACTIVITIES", 1_000_000))
LEVELS = int(os.environ.get("BENCH_LEVELS", 5 if UNITS <= 10_000 else 6))
REPEAT = int(os.environ.get("BENCH_REPEAT", 5))
# The 1M bench keeps its old name; other sizes get a database each.
BENCH_NAME = (
    "fraudwatch_bench"
    if (UNITS, ACTIVITIES, LEVELS) == (10_000, 1_000_000, 5)
    else f"fraudwatch_bench_{ACTIVITIES}_{UNITS}_{LEVELS}"
)
BENCH_DATABASE = f"postgres://postgres@127.0.0.1:5432/{BENCH_NAME}"


def create_bench_database():
    """The benchmark gets its own PostgreSQL database, created on first use."""
    import psycopg2

    maintenance = psycopg2.connect(host="127.0.0.1", port=5432, user="postgres", dbname="postgres")
    maintenance.autocommit = True
    with maintenance.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_NAME])
        if cursor.fetchone() is None:
            cursor.execute(f"CREATE DATABASE {BENCH_NAME}")
    maintenance.close()


if not os.environ.get("DATABASE_URL"):
    create_bench_database()
    os.environ["DATABASE_URL"] = BENCH_DATABASE

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from campaigns.models import OrgUnit  # noqa: E402
from campaigns.reports import exports, summary  # noqa: E402
from tests.bench import cold, document_bench, scale_targets  # noqa: E402


def ensure_data():
    call_command("migrate", verbosity=0)
    call_command("load_catalogue", verbosity=0)
    if not OrgUnit.objects.filter(code="syn").exists():
        print(f"generating {UNITS:,} units ({LEVELS} levels) and {ACTIVITIES:,} activities …", flush=True)
        started = time.perf_counter()
        call_command("generate_synthetic_data", units=UNITS, activities=ACTIVITIES, seed=1, depth=LEVELS)
        print(f"generated in {time.perf_counter() - started:.0f} s", flush=True)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # As autovacuum leaves a database in use: statistics, and the visibility map
            # that lets a count read an index alone.
            cursor.execute("VACUUM ANALYZE")


def month_sql():
    if connection.vendor == "postgresql":
        return "date_trunc('month', a.date)"
    return "strftime('%Y-%m', a.date)"


def raw_sql_numbers(filters):
    """The report's numbers computed by hand-written SQL: the lower bound."""
    where = "a.status = 'approved' AND a.date BETWEEN %s AND %s AND u.path LIKE %s"
    params = [filters.start, filters.end, (filters.unit.path if filters.unit else "") + "%"]
    prefix = len(filters.unit.path) + OrgUnit.steplen if filters.unit else OrgUnit.steplen
    base = "FROM campaigns_activity a JOIN campaigns_orgunit u ON u.id = a.unit_id"
    figures = (
        "FROM campaigns_figure f JOIN campaigns_activity a ON a.id = f.activity_id "
        "JOIN campaigns_orgunit u ON u.id = a.unit_id"
    )
    # The total and the month, child-unit and type partitions all come from one grouping.
    groups = {"cube": f"{month_sql()}, substr(u.path, 1, {prefix}), a.activity_type_id"}
    results = {}
    with connection.cursor() as cursor:
        for name, group in groups.items():
            select = f"{group}, " if group else ""
            group_by = f"GROUP BY {group}" if group else ""
            cursor.execute(f"SELECT {select}count(*) {base} WHERE {where} {group_by}", params)
            results[name + ":count"] = cursor.fetchall()
            cursor.execute(
                f"SELECT {select}f.indicator_id, sum(f.value) {figures} WHERE {where} {group_by}{',' if group else 'GROUP BY'} f.indicator_id",  # noqa: E501
                params,
            )
            results[name + ":sum"] = cursor.fetchall()
        for name, table, column in (
            ("audience", "campaigns_activity_audiences", "audiencegroup_id"),
            ("scam", "campaigns_activity_scam_types", "scamtype_id"),
        ):
            join = f"JOIN {table} m ON m.activity_id = a.id"
            cursor.execute(f"SELECT m.{column}, count(*) {base} {join} WHERE {where} GROUP BY m.{column}", params)
            results[name + ":count"] = cursor.fetchall()
            cursor.execute(
                f"SELECT m.{column}, f.indicator_id, sum(f.value) {figures} {join} WHERE {where} GROUP BY m.{column}, f.indicator_id",  # noqa: E501
                params,
            )
            results[name + ":sum"] = cursor.fetchall()
    return results


def raw_sql_best(filters):
    """raw_sql_numbers with whichever JIT setting serves it better. The app's connections
    turn PostgreSQL's JIT off (fraudwatch/settings.py); long hand-written aggregations may
    gain from it, and the yardstick should be the fastest they can be."""
    if connection.vendor != "postgresql":
        return timed(raw_sql_numbers, filters), ""
    best = None
    for jit in ("off", "on"):
        with connection.cursor() as cursor:
            cursor.execute(f"SET jit = {jit}")
        started = time.perf_counter()
        raw_sql_numbers(filters)
        once = time.perf_counter() - started
        best = min(best or (once, jit), (once, jit))
    with connection.cursor() as cursor:
        cursor.execute(f"SET jit = {best[1]}")
    try:
        return timed(raw_sql_numbers, filters), f"jit {best[1]}"
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET jit = off")


def timed(function, *args):
    samples = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        function(*args)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def peak_mb(function, *args):
    """Peak resident-memory growth of running `function`, measured in a forked child so
    that each measurement starts from the same baseline (tracemalloc would slow it tenfold)."""
    read, write = os.pipe()
    # Closed before forking so that parent and child each open their own connection:
    # a connection shared across a fork is closed under the other's feet.
    connection.close()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child
        os.close(read)
        before = _current_rss_kb()
        function(*args)
        grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
        os.write(write, str(grown).encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as pipe:
        grown_kb = int(pipe.read() or 0)
    os.waitpid(child, 0)
    return grown_kb / 1024


def _current_rss_kb():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() // 1024


def cases():
    today = datetime.date.today()
    year = (today - datetime.timedelta(days=365), today)
    quarter_end = today.replace(day=1) - datetime.timedelta(days=1)
    quarter_start = (quarter_end - datetime.timedelta(days=80)).replace(day=1)
    county = OrgUnit.objects.filter(code__startswith="syn", depth=3).order_by("path").first()
    return [
        ("whole tree, one year", summary.ReportFilters(start=year[0], end=year[1])),
        (
            f"one county ({county.code}), one quarter",
            summary.ReportFilters(start=quarter_start, end=quarter_end, unit=county),
        ),
    ]


def main():
    ensure_data()
    activities = summary.Activity.objects.count()
    units = OrgUnit.objects.count()
    print(f"database: {connection.vendor}; {units:,} units, {activities:,} activities; median of {REPEAT} runs")
    print(f"cold: {cold.cold_start()} before each case's first report")
    print(
        f"{'case':40} {'cold':>9} {'warm':>9} {'raw SQL':>9} {'faster':>7}  {'memory growth MB (build/CSV/XLSX)':>34}",
        flush=True,
    )
    measured = {}
    for name, filters in cases():
        cold.cold_start()
        started = time.perf_counter()
        report = summary.build(filters)
        first = time.perf_counter() - started
        raw, jit = raw_sql_best(filters)
        full = timed(summary.build, filters)
        measured[name] = (full, raw, first)
        print(
            f"{name:40} {first * 1000:7.0f}ms {full * 1000:7.0f}ms {raw * 1000:7.0f}ms {raw / full:6.1f}x  ",
            end="",
            flush=True,
        )
        build_mb = peak_mb(summary.build, filters)
        csv_mb = peak_mb(exports.write_csv, report, _Sink())
        xlsx_mb = peak_mb(exports.write_xlsx, report, _Sink())
        print(
            f"{build_mb:8.1f} / {csv_mb:6.1f} / {xlsx_mb:6.1f}   ({report.total.activities:,} activities counted"
            + (f"; raw SQL with {jit})" if jit else ")"),
            flush=True,
        )
    (whole_name, _whole), (county_name, _county) = cases()
    document_targets = document_bench.main()

    year, year_raw, year_cold = measured[whole_name]
    quarter, _quarter_raw, quarter_cold = measured[county_name]
    targets = scale_targets.targets(year, year_raw, quarter, activities, document_bench.bench_owner())
    limit = scale_targets.year_limit(activities)
    targets[2:2] = [
        (
            f"whole tree, one year, cold: report <= {limit * 1000:.0f} ms",
            f"{year_cold * 1000:.0f} ms",
            year_cold <= limit,
        ),
        ("one county, one quarter, cold: report <= 30 ms", f"{quarter_cold * 1000:.0f} ms", quarter_cold <= 0.03),
    ]
    targets += document_targets
    print("\ntargets")
    for target, value, met in targets:
        print(f"  {target:60} {value:>10}  {'met' if met else 'NOT MET'}")


class _Sink:
    """A stream that counts bytes and keeps none, so memory measures the writer alone."""

    def __init__(self):
        self.size = 0

    def write(self, data):
        self.size += len(data)


if __name__ == "__main__":
    main()
