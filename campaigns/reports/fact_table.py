"""The leaf facts: one narrow row per counted activity and indicator, which reports read
below the top rollups (docs/summary-design.md, design G).

A row carries the activity's day, type, campaign (0 for none), status (1 approved, 2
submitted), the indicator (0 for the row that counts the activity; `total` is then 0)
and the ids of its unit's ancestors at depths 2 to 7 as columns `l2` … `l7`, the way
DHIS2's analytics tables carry the organisation levels. Below its unit's own depth a
level holds the unit itself, so a report on a unit at depth d reads `ld = unit` and
groups by `l(d+1)`, which is the unit itself for activities logged there. The count row
also holds the activity's audience groups and scam types, sorted (an array on
PostgreSQL, JSON text on SQLite); its figure rows hold NULL there.

On PostgreSQL the table is partitioned by year of the day (a partition per year that
has activities, made by `rebuild`, and a default partition for a year that has none
yet), and one btree on (l3, day) finds a county's days, its subtree's, and each
changed activity's old rows. Units deeper than 7 are read from the activities.
"""

# SQL here is assembled from constants and table names; every value travels as a
# query parameter.
# ruff: noqa: S608

import datetime
import json

from django.db import connection, connections

TABLE = "campaigns_fact"
FIRST_LEVEL, LAST_LEVEL = 2, 7
LEVELS = [f"l{depth}" for depth in range(FIRST_LEVEL, LAST_LEVEL + 1)]
STATUS_CODE = {"approved": 1, "submitted": 2}
TAGS = ("audiences", "scam_types")
COLUMNS = [
    "total",
    "activity_id",
    "day",
    *LEVELS,
    "campaign",
    "indicator",
    "activity_type",
    "status",
    *TAGS,
]
KEYS_PER_DELETE = 100
BATCH = 500


def create_statements(vendor):
    """The table and its index, for the migration that makes them."""
    if vendor == "postgresql":
        levels = ", ".join(f"{level} int4 NOT NULL" for level in LEVELS)
        return [
            f"CREATE TABLE {TABLE} (total int8 NOT NULL, activity_id int4 NOT NULL, day date NOT NULL, {levels}, "
            "campaign int4 NOT NULL, indicator int4 NOT NULL, activity_type int2 NOT NULL, status int2 NOT NULL, "
            "audiences int4[], scam_types int4[]) PARTITION BY RANGE (day)",
            f"CREATE TABLE {TABLE}_default PARTITION OF {TABLE} DEFAULT",
            f"CREATE INDEX {TABLE}_county_day ON {TABLE} (l3, day)",
        ]
    levels = ", ".join(f"{level} integer NOT NULL" for level in LEVELS)
    return [
        f"CREATE TABLE {TABLE} (total bigint NOT NULL, activity_id integer NOT NULL, day date NOT NULL, {levels}, "
        "campaign integer NOT NULL, indicator integer NOT NULL, activity_type smallint NOT NULL, "
        "status smallint NOT NULL, audiences text, scam_types text)",
        f"CREATE INDEX {TABLE}_county_day ON {TABLE} (l3, day)",
    ]


def drop_statements(vendor):
    return [f"DROP TABLE {TABLE}"]


def levels(path, ids, step):
    """(l2, …, l7) of a unit at `path`, `ids` giving the id of it and of every prefix:
    the ancestor at each depth, or the unit itself below its own depth."""
    depth = len(path) // step
    return tuple(
        ids[path[: level * step]] if level <= depth else ids[path] for level in range(FIRST_LEVEL, LAST_LEVEL + 1)
    )


def _tags(values):
    values = sorted(values)
    return values if connection.vendor == "postgresql" else json.dumps(values, separators=(",", ":"))


def rows(found):
    """The fact rows of these facts (summary_tables.Fact)."""
    result = []
    for fact in found:
        common = (fact.activity, fact.day, *fact.levels)
        tail = (fact.campaign, fact.activity_type, STATUS_CODE[fact.status])
        result.append((0, *common, tail[0], 0, *tail[1:], _tags(fact.audiences), _tags(fact.scam_types)))
        result.extend((value, *common, tail[0], indicator, *tail[1:], None, None) for indicator, value in fact.figures)
    return result


def replace(before, after):
    """Take away the rows of the facts `before` (found by county, day and activity, the
    index's order) and write those of `after`."""
    quote = connection.ops.quote_name
    keys = sorted({(fact.levels[1], fact.day.isoformat(), fact.activity) for fact in before})
    one = "(l3 = %s AND day = %s AND activity_id = %s)"
    with connection.cursor() as cursor:
        for start in range(0, len(keys), KEYS_PER_DELETE):
            part = keys[start : start + KEYS_PER_DELETE]
            cursor.execute(
                f"DELETE FROM {TABLE} WHERE {' OR '.join([one] * len(part))}",  # nosec B608
                [value for key in part for value in key],
            )
        fresh = rows(after)
        columns = ", ".join(quote(column) for column in COLUMNS)
        for start in range(0, len(fresh), BATCH):
            part = fresh[start : start + BATCH]
            values = ", ".join(["(" + ", ".join(["%s"] * len(COLUMNS)) + ")"] * len(part))
            params = [value.isoformat() if isinstance(value, datetime.date) else value for row in part for value in row]
            cursor.execute(f"INSERT INTO {TABLE} ({columns}) VALUES {values}", params)  # nosec B608


# Rebuilding, in SQL over the base tables.


def _tag_list(vendor, link, activity, tag):
    """An activity's tags from a link table, sorted, as the count row stores them."""
    if vendor == "postgresql":
        return f"ARRAY(SELECT t.{tag} FROM {link} t WHERE t.{activity} = a.id ORDER BY 1)::int4[]"  # nosec B608
    tags = f"SELECT t.{tag} AS x FROM {link} t WHERE t.{activity} = a.id ORDER BY 1"  # nosec B608
    return f"(SELECT json_group_array(x) FROM ({tags}))"  # nosec B608


def fill_statements(target, vendor, tables):
    """INSERT … SELECT of every fact row into `target`, in tree order, from the activities
    (`tables`: activity, figure, and (link, activity column, tag column) per tag), their
    units' levels read from the temporary table `fact_level`."""
    activity, figure, links = tables
    status = "CASE a.status " + " ".join(f"WHEN '{name}' THEN {code}" for name, code in STATUS_CODE.items()) + " END"
    counted = ", ".join(f"'{name}'" for name in STATUS_CODE)
    levels = ", ".join(f"u.{level}" for level in LEVELS)
    common = f"a.id AS activity_id, a.date AS day, {levels}, COALESCE(a.campaign_id, 0) AS campaign"
    source = f"FROM {activity} a JOIN fact_level u ON u.unit_id = a.unit_id"
    tags = ", ".join(_tag_list(vendor, *link) for link in links)
    columns = ", ".join(COLUMNS)
    return [
        f"INSERT INTO {target} ({columns}) SELECT * FROM ("  # nosec B608
        f"SELECT 0 AS total, {common}, 0 AS indicator, a.activity_type_id, {status}, {tags} {source} "
        f"WHERE a.status IN ({counted}) "
        f"UNION ALL SELECT f.value, {common}, f.indicator_id, a.activity_type_id, {status}, NULL, NULL {source} "
        f"JOIN {figure} f ON f.activity_id = a.id WHERE a.status IN ({counted})"
        f") r ORDER BY {', '.join(LEVELS)}, day"
    ]


def level_table(cursor, levels):
    """The temporary table (unit_id, l2 … l7) the fill reads."""
    cursor.execute(
        "CREATE TEMPORARY TABLE fact_level (unit_id bigint PRIMARY KEY, "
        + ", ".join(f"{level} integer" for level in LEVELS)
        + ")"
    )
    items = sorted(levels.items())
    row = "(" + ", ".join(["%s"] * (1 + len(LEVELS))) + ")"
    for start in range(0, len(items), BATCH):
        part = items[start : start + BATCH]
        cursor.execute(
            f"INSERT INTO fact_level VALUES {', '.join([row] * len(part))}",  # nosec B608
            [value for pk, row in part for value in (pk, *row)],
        )


def make_partitions(cursor, activity):
    """On PostgreSQL, a partition for every year that has activities (the table is empty)."""
    if connection.vendor != "postgresql":
        return
    cursor.execute(f"SELECT DISTINCT CAST(EXTRACT(year FROM date) AS int) FROM {activity}")  # nosec B608
    for (year,) in cursor.fetchall():
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {TABLE}_{year} PARTITION OF {TABLE} "
            f"FOR VALUES FROM ('{year}-01-01') TO ('{year + 1}-01-01')"
        )


# Reading, for cube.py: the figures of a subtree's days, grouped like the rollups.


def _month(vendor):
    return "CAST(date_trunc('month', day) AS date)" if vendor == "postgresql" else "date(day, 'start of month')"


def _tag_join(vendor, column):
    if vendor == "postgresql":
        return f"CROSS JOIN LATERAL unnest(c.{column}) AS t(value)"
    return f"JOIN json_each(c.{column}) AS t"


def read(alias, where, params, level, parts):
    """Rows ('main', month, child id, type, campaign, None, indicator, count, total) and
    (tag part, None, None, None, None, tag, indicator, count, total) for the fact rows
    matching `where` (on the fact table's columns), the child being the unit at `level`.
    The rows are read once; the tag parts join each activity's figure rows to its count
    row's tags once for both."""
    vendor = connections[alias].vendor
    columns = f"activity_id, day, l{level}, activity_type, campaign, indicator, total, audiences, scam_types"
    ctes = [f"r AS (SELECT {columns} FROM {TABLE} WHERE {where})"]  # nosec B608
    branches = []
    if "main" in parts:
        branches.append(
            f"SELECT 'main', {_month(vendor)}, l{level}, activity_type, campaign, NULL, indicator, "  # nosec B608
            f"COUNT(*), SUM(total) FROM r GROUP BY 2, 3, 4, 5, 7"
        )
    tagged = [
        (part, column) for part, column in (("audience", "audiences"), ("scam_type", "scam_types")) if part in parts
    ]
    if tagged:
        ctes.append(
            "tagged AS (SELECT f.indicator, f.total, c.audiences, c.scam_types FROM r c "
            "JOIN r f ON f.activity_id = c.activity_id WHERE c.indicator = 0)"
        )
    for part, column in tagged:
        branches.append(
            f"SELECT '{part}', NULL, NULL, NULL, NULL, t.value, c.indicator, COUNT(*), SUM(c.total) "  # nosec B608
            f"FROM tagged c {_tag_join(vendor, column)} GROUP BY t.value, c.indicator"
        )
    with connections[alias].cursor() as cursor:
        cursor.execute(f"WITH {', '.join(ctes)} {' UNION ALL '.join(branches)}", list(params))
        return cursor.fetchall()
