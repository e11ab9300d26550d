"""Which design of the summary tables meets issue 23's targets: a measurement study.

    .venv/bin/python tests/bench/design_study.py [--rebuild-current] [--check-upkeep]

Runs against the PostgreSQL database design_1m (a copy of the bench database:
CREATE DATABASE design_1m TEMPLATE fraudwatch_bench), or DATABASE_URL. Each candidate
is built from the base tables with SQL in a schema of its own (design_candidates.py);
then, for each, in the same run as the raw-SQL baseline of report_bench.py:

- its total size (pg_total_relation_size, indexes included) and its ratio to the base
  tables (activities, figures, audience and scam-type links);
- its build time, which is what a rebuild costs (the current design's only with
  --rebuild-current, which rewrites the current tables of this database);
- the three reads a report makes (by month x child unit x type x campaign x indicator,
  by audience, by scam type) for the whole tree over the last twelve whole months and
  for one county over the last three: cold (the first run after DISCARD ALL, so with no
  cached plans; the operating system's and PostgreSQL's page caches stay warm) and
  warm (median of DESIGN_REPEAT runs, 5 unless set);
- the cost of one approval and of approving 500 activities at once: the status update
  with the candidate's summary upkeep, in a transaction rolled back afterwards.

Every candidate must return the same numbers as the current tables for both reads
(and with --check-upkeep, after approving 500 activities, the same numbers as the base
tables); the script fails at the end when one does not.
"""

import datetime
import os
import secrets
import statistics
import sys
import time
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fraudwatch.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/design_1m")
if os.environ["DATABASE_URL"].rstrip("/").endswith("/fraudwatch_bench"):
    sys.exit("run the study on a copy of the bench database, not on fraudwatch_bench itself")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402

from campaigns.models import Activity, OrgUnit  # noqa: E402
from campaigns.reports import summary_rebuild, summary_tables  # noqa: E402
from tests.bench import design_candidates as sql  # noqa: E402
from tests.bench.report_bench import raw_sql_numbers  # noqa: E402

REPEAT = int(os.environ.get("DESIGN_REPEAT", 5))
STATUSES = ["approved"]  # what a report counts unless asked to include submitted ones


def run(statements, params=None):
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement, params)


def scalar(query, params=None):
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return cursor.fetchone()[0]


def size_of_tables(tables):
    return int(scalar("SELECT sum(pg_total_relation_size(t::regclass)) FROM unnest(%s::text[]) t", [tables]))


def size_of_schema(schema):
    return int(
        scalar(
            "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = %s AND c.relkind IN ('r', 'm')",
            [schema],
        )
    )


def rows_of_schema(schema):
    """{table: rows} of the schema's tables, partitions added to their parent."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT regexp_replace(c.relname, '_[0-9]{4}$', ''), sum(c.reltuples)::bigint FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %s AND c.relkind = 'r' GROUP BY 1",
            [schema],
        )
        return dict(cursor.fetchall())


# The two report cases and what a report reads for them.


def cases():
    last = datetime.date.today().replace(day=1) - datetime.timedelta(days=1)

    def months_back(count):
        first = last.replace(day=1)
        for _ in range(count - 1):
            first = (first - datetime.timedelta(days=1)).replace(day=1)
        return first

    county = OrgUnit.objects.filter(code__startswith="syn", depth=3).order_by("path").first()
    return [
        SimpleNamespace(name="whole tree, 12 months", unit=None, depth=0, start=months_back(12), end=last),
        SimpleNamespace(name=f"county {county.code}, 3 months", unit=county, depth=3, start=months_back(3), end=last),
    ]


def read(reads):
    """Run a candidate's reads; the results normalised for comparison."""
    results = {}
    with connection.cursor() as cursor:
        for part, (query, params) in reads.items():
            cursor.execute(query, params)
            width = 5 if part == "main" else 2
            results[part] = {
                tuple(row[:width]): (int(row[width]), int(row[width + 1]))
                for row in cursor.fetchall()
                if int(row[width]) or int(row[width + 1])
            }
    return results


def timed_reads(reads_for, case):
    """(cold seconds, warm median seconds, results) of one case."""
    reads = reads_for(case)
    with connection.cursor() as cursor:
        cursor.execute("DISCARD ALL")
    started = time.perf_counter()
    results = read(reads)
    cold = time.perf_counter() - started
    samples = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        read(reads)
        samples.append(time.perf_counter() - started)
    return cold, statistics.median(samples), results


def timed_upkeep(upkeep, ids, repeat):
    """Median seconds of the status update plus `upkeep`, each run rolled back."""
    samples = []
    for _ in range(repeat):
        with transaction.atomic():
            getattr(upkeep.__self__, "prepare", lambda: None)()
            started = time.perf_counter()
            upkeep(ids)
            samples.append(time.perf_counter() - started)
            transaction.set_rollback(True)
    return statistics.median(samples)


def approve(ids):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE campaigns_activity SET status = 'approved' WHERE id = ANY(%s)", [ids])
        cursor.execute("UPDATE campaigns_summaryversion SET token = %s", [secrets.randbits(63)])


def submitted_ids(count):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id FROM campaigns_activity WHERE status = 'submitted' ORDER BY md5(id::text) LIMIT %s", [count]
        )
        return [row[0] for row in cursor.fetchall()]


# The candidates. Each: build() → None, reads(case) → {part: (sql, params)}, upkeep(ids).


class Current:
    name = "A current tables"
    schema = None

    def build(self):
        summary_rebuild.rebuild()

    def reads(self, case):
        ancestor = "= %s" if case.unit else "IN (SELECT id FROM campaigns_orgunit WHERE depth = 1)"
        params = [case.unit.pk] if case.unit else []
        months = (case.start.replace(day=1), case.end.replace(day=1))
        return sql.summary_reads(sql.CURRENT_NAMES, ancestor, params, months, STATUSES)

    def upkeep(self, ids):
        with summary_tables.changing(ids):
            Activity.objects.filter(pk__in=ids).update(status=Activity.Status.APPROVED)

    def size(self):
        return size_of_tables(list(sql.CURRENT_NAMES.values())[:3])

    def rows(self):
        tables = list(sql.CURRENT_NAMES.values())[:3]
        return {table: scalar("SELECT reltuples::bigint FROM pg_class WHERE relname = %s", [table]) for table in tables}


class Candidate:
    """Leaf facts (`facts`: True; "tagged", the tags on each count row; "lean", tagged and
    found by BRIN alone when upkeep replaces them), top rollups for
    ancestors at depth 1…top (`top`, 0 for none), and the base tables for what neither holds."""

    def __init__(self, name, schema, facts, top, depth, steplen, years, tag_top=None):
        self.name, self.schema, self.facts, self.top = name, schema, facts, top
        tag_top = top if tag_top is None else tag_top
        self.tops = {"main": top, "audience": tag_top, "scam_type": tag_top}
        self.depth, self.steplen, self.years = depth, steplen, years
        self.tagged = facts in ("tagged", "lean")

    def build(self):
        run(sql.unit_level_statements(self.schema, self.depth, self.steplen))
        run([f"ANALYZE {self.schema}.unit_level"])
        if self.facts:
            run(sql.fact_statements(self.schema, self.depth, self.years, self.tagged, self.facts != "lean"))
        if self.top:
            base = f"({sql.base_rows(self.schema, self.depth, 'TRUE')})"
            source = f"{self.schema}.fact" if self.facts else base
            with connection.cursor() as cursor:
                cursor.execute("SET work_mem = '256MB'")
                run(sql.rollup_statements(self.schema, self.depth, self.tops, source))
                cursor.execute("RESET work_mem")

    def reads(self, case):
        months = (case.start.replace(day=1), case.end.replace(day=1))
        unit = case.unit.pk if case.unit else None
        if self.facts:
            leaf = sql.fact_reads(self.schema, unit, case.depth, self.depth, months, STATUSES, self.tagged)
        else:
            leaf = sql.base_reads(self.schema, unit, case.depth, self.depth, (case.start, case.end), STATUSES)
        ancestor = "= %s" if unit else f"IN (SELECT unit_id FROM {self.schema}.unit_level WHERE depth = 1)"
        codes = [sql.STATUS_CODES[status] for status in STATUSES]
        names = sql.rollup_names(self.schema)
        rolled = sql.summary_reads(names, ancestor, [unit] if unit else [], months, codes)
        return {part: rolled[part] if top and case.depth <= top else leaf[part] for part, top in self.tops.items()}

    def upkeep(self, ids):
        with connection.cursor() as cursor:
            if self.top:
                cursor.execute(sql.capture(self.schema, self.depth, -1), [ids, ids])
            approve(ids)
            if self.top:
                cursor.execute(sql.capture(self.schema, self.depth, 1), [ids, ids])
            if self.facts:
                remove, insert = sql.replace_facts(self.schema, self.depth, self.tagged)
                if self.facts == "lean":
                    cursor.execute(sql.old_places(self.depth))
                    places = cursor.fetchall()
                    if places:
                        cursor.execute(*sql.delete_at(self.schema, places))
                else:
                    cursor.execute(remove, [ids])
                cursor.execute(insert, [ids, ids])
            if self.top:
                for upsert, delete in sql.apply_rollups(self.schema, self.depth, self.tops):
                    cursor.execute(upsert)
                    emptied = [row[:-1] for row in cursor.fetchall() if row[-1] == 0]
                    if emptied:
                        cursor.execute(delete, [list(column) for column in zip(*emptied, strict=True)])

    def prepare(self):
        """The session's table for differences (a real implementation would add them up in
        Python, as the current one does): made before the clock starts."""
        if self.top:
            run([sql.delta_table(self.depth)])

    def size(self):
        return size_of_schema(self.schema)

    def rows(self):
        return rows_of_schema(self.schema)


class NoSummaries:
    """The status update alone: what upkeep is added to."""

    name = "(status update alone)"

    def upkeep(self, ids):
        approve(ids)


def candidates():
    depth = scalar("SELECT max(depth) FROM campaigns_orgunit")
    low, high = scalar("SELECT ARRAY[min(date), max(date)] FROM campaigns_activity")
    args = (depth, OrgUnit.steplen, range(low.year, high.year + 1))
    chosen = [
        Candidate("B leaf facts", "design_b", True, 0, *args),
        Candidate("C leaf facts + rollups depth 1-2", "design_c", True, 2, *args),
        Candidate("D rollups depth 1-2, base below", "design_d", False, 2, *args),
        Candidate("D3 rollups depth 1-3, base below", "design_d3", False, 3, *args),
        Candidate("E = C, tags on the count rows", "design_e", "tagged", 2, *args),
        Candidate("F = E, no btree on activity", "design_f", "lean", 2, *args),
        Candidate("G = E, tag rollups at the root only", "design_g", "tagged", 2, *args, tag_top=1),
    ]
    only = os.environ.get("DESIGN_ONLY")  # e.g. "design_c,design_e"
    return [candidate for candidate in chosen if not only or candidate.schema in only.split(",")]


def measure(candidate, cases, build):
    found = {"name": candidate.name}
    if hasattr(candidate, "size") and not candidate.schema:
        # As it is: a rebuild of the current tables leaves its deleted rows behind until a vacuum.
        found["size"], found["rows"] = candidate.size(), candidate.rows()
    if build:
        started = time.perf_counter()
        candidate.build()
        found["build"] = time.perf_counter() - started
    if hasattr(candidate, "size"):
        if candidate.schema:
            found["size"], found["rows"] = candidate.size(), candidate.rows()
        for case in cases:
            found[case.name] = timed_reads(candidate.reads, case)
    found["one"] = timed_upkeep(candidate.upkeep, submitted_ids(1), REPEAT)
    found["bulk"] = timed_upkeep(candidate.upkeep, submitted_ids(500), 3)
    return found


def show(found, cases, base, raw):
    ms = 1000
    line = f"{found['name']:36}"
    if "size" in found:
        line += f" {found['size'] / 2**20:7.0f} MB {found['size'] / base:5.2f}"
    else:
        line += " " * 17
    line += f" {found['build']:6.1f} s" if "build" in found else "      - "
    for case in cases:
        if case.name in found:
            cold, warm, _results = found[case.name]
            line += f" {cold * ms:6.0f} /{warm * ms:6.0f} ms {raw[case.name] / warm:6.1f}x"
        else:
            line += " " * 26
    line += f" {found['one'] * ms:6.1f} ms {found['bulk']:6.2f} s"
    print(line, flush=True)
    if "rows" in found:
        print("    rows: " + ", ".join(f"{table} {rows:,}" for table, rows in sorted(found["rows"].items())))


def targets(found, cases, base, raw):
    (tree, county) = (case.name for case in cases)
    checks = [
        ("size <= 0.5 x base", "size" in found and found["size"] <= 0.5 * base),
        ("tree year <= 300 ms", tree in found and found[tree][1] <= 0.3),
        ("tree year >= 30x raw SQL", tree in found and raw[tree] / found[tree][1] >= 30),
        ("county quarter <= 30 ms", county in found and found[county][1] <= 0.03),
        ("one approval <= 20 ms", found["one"] <= 0.02),
        ("500 approvals <= 5 s", found["bulk"] <= 5),
    ]
    if "build" in found:
        checks.append(("rebuild <= 5 min", found["build"] <= 300))
    missed = [name for name, met in checks if not met]
    print(f"  {found['name']}: " + ("all targets met" if not missed else "NOT MET: " + "; ".join(missed)))


def compare(reference, found, cases):
    """Mismatches between a candidate's numbers and the current tables' for both cases."""
    mismatches = []
    for case in cases:
        expected, got = reference[case.name][2], found[case.name][2]
        for part in expected:
            for key in sorted(set(expected[part]) | set(got[part]), key=str):
                if expected[part].get(key) != got[part].get(key):
                    mismatches.append(
                        f"{found['name']} {case.name} {part} {key}: {got[part].get(key)} != {expected[part].get(key)}"
                    )
    return mismatches


def upkeep_agrees(candidate, cases):
    """Mismatches between a candidate's reads after approving 500 activities (rolled back)
    and the same numbers computed from the base tables: its upkeep keeps it true."""
    mismatches = []
    with transaction.atomic():
        candidate.prepare()
        candidate.upkeep(submitted_ids(500))
        for case in cases:
            unit = case.unit.pk if case.unit else None
            dates = (case.start, case.end)
            truth = read(sql.base_reads(candidate.schema, unit, case.depth, candidate.depth, dates, STATUSES))
            got = read(candidate.reads(case))
            mismatches += [
                f"{candidate.name} after upkeep, {case.name} {part}" for part in truth if truth[part] != got[part]
            ]
        transaction.set_rollback(True)
    return mismatches


def main():
    every_case = cases()
    base = size_of_tables(sql.BASE_TABLES)
    activities = scalar("SELECT count(*) FROM campaigns_activity")
    print(f"{activities:,} activities; base tables {base / 2**20:.0f} MB; warm = median of {REPEAT}")
    raw = {}
    for case in every_case:
        filters = SimpleNamespace(start=case.start, end=case.end, unit=case.unit)
        samples = []
        for _ in range(REPEAT):
            started = time.perf_counter()
            raw_sql_numbers(filters)
            samples.append(time.perf_counter() - started)
        raw[case.name] = statistics.median(samples)
        print(f"raw SQL {case.name} ({case.start} .. {case.end}): {raw[case.name] * 1000:.0f} ms", flush=True)
    header = f"{'candidate':36} {'size':>10} {'/base':>5} {'build':>8}"
    for case in every_case:
        header += f" {case.name + ' cold/warm':>26}"
    print(header + f" {'1 approval':>9} {'500 approvals':>8}")
    reference = measure(Current(), every_case, "--rebuild-current" in sys.argv)
    show(reference, every_case, base, raw)
    results, mismatches = [reference], []
    for candidate in candidates():
        found = measure(candidate, every_case, build=True)
        show(found, every_case, base, raw)
        mismatches += compare(reference, found, every_case)
        if "--check-upkeep" in sys.argv:  # slow on the full bench: the truth is raw SQL
            mismatches += upkeep_agrees(candidate, every_case)
        results.append(found)
    bare = measure(NoSummaries(), every_case, build=False)
    show(bare, every_case, base, raw)
    print("\ntargets")
    for found in results:
        targets(found, every_case, base, raw)
    for mismatch in mismatches[:20]:
        print(mismatch)
    assert not mismatches, f"{len(mismatches)} numbers differ from the current tables"
    print("every candidate returns the same numbers as the current tables")


if __name__ == "__main__":
    main()
