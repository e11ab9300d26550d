"""Computing the summaries anew from the activities (`rebuild`, the `rebuild_summaries`
command) and comparing them with such a computation (`differences`, the
`check_summaries` command and the tests).

The rollups are filled in two stages: the figures of each unit's own activities, then
those added up for every ancestor a rollup keeps, through a temporary table of (unit,
ancestor, child). The leaf facts are one INSERT … SELECT in tree order
(campaigns.reports.fact_table), after a partition is made for every year.
"""

# SQL here is assembled from table and column names taken from the models and from
# constants; every value travels as a query parameter.
# ruff: noqa: S608

import datetime
from dataclasses import dataclass

from django.db import connection, transaction

from campaigns.models import (
    ACTIVITY_COUNT,
    NO_CAMPAIGN,
    Activity,
    AudienceSummary,
    Figure,
    OrgUnit,
    ScamTypeSummary,
    Summary,
)

from . import fact_table
from .summary_tables import BATCH, COUNTED, ROLLUP_DEPTH, TABLES, _chain, key_columns, moved_on


def _month(column):
    if connection.vendor == "postgresql":
        return f"CAST(date_trunc('month', {column}) AS date)"
    return f"date({column}, 'start of month')"


def _fresh_statements(targets):
    """SQL filling `targets` ({model: table name}) from the activities, in two stages: the
    figures of each unit's own activities, then those added up for every unit above
    them through a temporary table of (unit, ancestor, child)."""
    quote = connection.ops.quote_name
    activity, figure = quote(Activity._meta.db_table), quote(Figure._meta.db_table)
    audiences = quote(Activity.audiences.through._meta.db_table)
    scams = quote(Activity.scam_types.through._meta.db_table)
    month = _month("a.date")
    counted = ", ".join(f"'{status}'" for status in COUNTED)
    joins = {
        Summary: ("", "0"),
        AudienceSummary: (f"JOIN {audiences} l ON l.activity_id = a.id", "l.audiencegroup_id"),
        ScamTypeSummary: (f"JOIN {scams} l ON l.activity_id = a.id", "l.scamtype_id"),
    }
    statements = []
    for model, target in targets.items():
        join, tag = joins[model]
        stage = quote(f"summary_stage_{model._meta.model_name}")
        common = f"a.activity_type_id, COALESCE(a.campaign_id, {NO_CAMPAIGN}), a.status"
        group = f"a.unit_id, {month}, {tag}, {common}"
        # A constant in GROUP BY would read as a column number.
        group_by = f"a.unit_id, {month}, {common}" if tag == "0" else group
        statements.append(
            f"CREATE TEMPORARY TABLE {stage} (unit_id bigint, month date, tag bigint, activity_type_id bigint, "
            "campaign bigint, status varchar(20), indicator bigint, n bigint, total bigint)"
        )
        insert = f"INSERT INTO {stage} (unit_id, month, tag, activity_type_id, campaign, status, indicator, n, total)"
        statements.append(
            f"{insert} SELECT {group}, {ACTIVITY_COUNT}, COUNT(*), 0 FROM {activity} a {join} "  # nosec B608
            f"WHERE a.status IN ({counted}) GROUP BY {group_by}"
        )
        statements.append(
            f"{insert} SELECT {group}, f.indicator_id, COUNT(*), SUM(f.value) FROM {activity} a {join} "  # nosec B608
            f"JOIN {figure} f ON f.activity_id = a.id WHERE a.status IN ({counted}) GROUP BY {group_by}, f.indicator_id"
        )
        split = "c.child_id" if model is Summary else "s.tag"
        keys = ", ".join(quote(column) for column in key_columns(model))
        statements.append(
            f"INSERT INTO {quote(target)} ({keys}, {quote('count')}, {quote('total')}) "  # nosec B608
            f"SELECT c.ancestor_id, s.month, {split}, s.activity_type_id, s.campaign, s.status, s.indicator, "
            f"SUM(s.n), SUM(s.total) FROM {stage} s JOIN summary_closure c ON c.unit_id = s.unit_id "
            f"WHERE c.depth <= {ROLLUP_DEPTH[model]} "
            f"GROUP BY c.ancestor_id, s.month, {split}, s.activity_type_id, s.campaign, s.status, s.indicator "
            # Written in key order, a unit's rows for a month lie together on disk: the
            # whole tree's year is then a few hundred pages rather than twenty thousand.
            f"ORDER BY c.ancestor_id, s.month, {split}, s.activity_type_id, s.campaign, s.status, s.indicator"
        )
        statements.append(f"DROP TABLE {stage}")
    return statements


def _run_fresh(targets, facts_target):
    """Fill the rollups `targets` ({model: table name}) and the fact table `facts_target`."""
    deepest = max(ROLLUP_DEPTH.values())
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE summary_closure (unit_id bigint, ancestor_id bigint, child_id bigint, depth int)"
        )
        units = dict(OrgUnit.objects.values_list("path", "pk"))
        closure = [
            (units[path], *pair, depth)
            for path in units
            for depth, pair in enumerate(_chain(path, units)[:deepest], start=1)
        ]
        for start in range(0, len(closure), BATCH):
            part = closure[start : start + BATCH]
            cursor.execute(
                "INSERT INTO summary_closure (unit_id, ancestor_id, child_id, depth) VALUES "  # nosec B608
                + ", ".join(["(%s, %s, %s, %s)"] * len(part)),
                [value for row in part for value in row],
            )
        for statement in _fresh_statements(targets):
            cursor.execute(statement)
        cursor.execute("DROP TABLE summary_closure")
        step = OrgUnit.steplen
        fact_table.level_table(cursor, {pk: fact_table.levels(path, units, step) for path, pk in units.items()})
        for statement in fact_table.fill_statements(facts_target, connection.vendor, _base_tables()):
            cursor.execute(statement)
        cursor.execute("DROP TABLE fact_level")


def _base_tables():
    """(activity table, figure table, [(link table, activity column, tag column)]) in
    the order of fact_table.TAGS."""
    links = []
    for name in fact_table.TAGS:
        link = Activity._meta.get_field(name)
        links.append((link.remote_field.through._meta.db_table, link.m2m_column_name(), link.m2m_reverse_name()))
    return Activity._meta.db_table, Figure._meta.db_table, links


@transaction.atomic
def rebuild(new_version=True):
    """Compute every summary table anew from the activities, in one transaction. On
    PostgreSQL, changes to activities and the reports that read the summaries wait
    until it commits (about a minute for a million activities). `new_version` False is for the
    migration that made the tables, which runs before the version's table exists."""
    quote = connection.ops.quote_name
    tables = [quote(model._meta.db_table) for model in TABLES] + [fact_table.TABLE]
    if new_version:
        # The version first, as every change takes it before it writes the tables: the
        # other way round, a change holding it would wait for the tables and the rebuild for it.
        moved_on()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"LOCK TABLE {', '.join(tables)} IN EXCLUSIVE MODE")
            cursor.execute("SET LOCAL work_mem = '128MB'")
        for table in tables:
            # TRUNCATE gives the tables new files, so the old rows leave no dead space.
            cursor.execute(f"{'TRUNCATE' if connection.vendor == 'postgresql' else 'DELETE FROM'} {table}")
        fact_table.make_partitions(cursor, Activity._meta.db_table)
    _run_fresh({model: model._meta.db_table for model in TABLES}, fact_table.TABLE)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"ANALYZE {table}")


@dataclass
class Difference:
    table: str
    key: tuple
    stored: tuple | None  # (count, total) in the table, None when the row is missing
    expected: tuple | None  # (count, total) computed from the activities, None when there should be no row

    def __str__(self):
        return f"{self.table} {self.key}: stored {self.stored}, expected {self.expected}"


def differences(limit=None):
    """How the summary tables differ from a fresh computation (empty when they agree).
    Runs in a transaction of its own that is rolled back, leaving nothing behind."""
    quote = connection.ops.quote_name
    found = []
    with transaction.atomic():
        fresh = {model: f"summary_fresh_{model._meta.model_name}" for model in TABLES}
        with connection.cursor() as cursor:
            for model, name in fresh.items():
                cursor.execute(
                    f"CREATE TEMPORARY TABLE {quote(name)} AS SELECT * FROM {quote(model._meta.db_table)} WHERE 1 = 0"  # nosec B608
                )
            fresh_facts = "summary_fresh_fact"
            cursor.execute(
                f"CREATE TEMPORARY TABLE {fresh_facts} AS SELECT * FROM {fact_table.TABLE} WHERE 1 = 0"  # nosec B608
            )
        _run_fresh(fresh, fresh_facts)
        with connection.cursor() as cursor:
            for model, name in fresh.items():
                table = model._meta.db_table
                keys = ", ".join(quote(column) for column in key_columns(model))
                columns = f"{keys}, {quote('count')}, {quote('total')}"
                rows = {}
                for side, first, second in (("stored", table, name), ("expected", name, table)):
                    cursor.execute(
                        f"SELECT {columns} FROM {quote(first)} EXCEPT SELECT {columns} FROM {quote(second)} "  # nosec B608
                        f"ORDER BY 1, 2, 3, 4, 5, 6, 7"
                    )
                    for row in cursor.fetchall():
                        key = tuple(_plain(value) for value in row[:7])
                        rows.setdefault(key, {})[side] = (row[7], row[8])
                for key in sorted(rows):
                    found.append(Difference(table, key, rows[key].get("stored"), rows[key].get("expected")))
                cursor.execute(f"DROP TABLE {quote(name)}")
            found += _fact_differences(cursor, fresh_facts)
        transaction.set_rollback(True)
    return found[:limit] if limit else found


INDICATOR = fact_table.COLUMNS.index("indicator")


def _fact_differences(cursor, fresh):
    """The fact rows stored and not computed, or computed and not stored, each counted
    (a row stored twice differs from one computed once)."""
    columns = ", ".join(fact_table.COLUMNS)
    rows = {}
    for side, first, second in (("stored", fact_table.TABLE, fresh), ("expected", fresh, fact_table.TABLE)):
        cursor.execute(
            f"SELECT {columns}, COUNT(*) FROM {first} GROUP BY {columns} "  # nosec B608
            f"EXCEPT SELECT {columns}, COUNT(*) FROM {second} GROUP BY {columns}"
        )
        for row in cursor.fetchall():
            row = tuple(_plain(value) for value in row)
            # Keyed by activity, indicator and day; the rest (and how often) is the value.
            rows.setdefault((row[1], row[INDICATOR], row[2]), {})[side] = row
    cursor.execute(f"DROP TABLE {fresh}")
    return [
        Difference(fact_table.TABLE, key, rows[key].get("stored"), rows[key].get("expected"))
        for key in sorted(rows, key=str)
    ]


def _plain(value):
    """Dates come back from SQLite as text and from PostgreSQL as dates: read both alike."""
    if isinstance(value, str) and len(value) == 10 and value[4] == "-":
        return datetime.date.fromisoformat(value)
    return value
