"""SQL for the candidate summary designs that design_study.py measures, each built from
the base tables (activities, figures, audience and scam-type links) in a schema of its own.

Every candidate shares a small table of each unit's ancestors as columns (unit_level:
l1 = its root, l2 = its level-2 unit, … NULL below the unit's own depth), the way
DHIS2's analytics tables carry uidlevel1…n. Statuses are stored as a smallint
(1 approved, 2 submitted); campaign 0 is no campaign; indicator 0 counts activities.

Two kinds of storage come out of it:

- leaf facts (`fact`): one narrow row per counted activity x indicator (indicator 0
  included), with the level ids as columns, partitioned by year of the month, written
  in tree order so that a BRIN index on the levels finds a subtree's rows; audience and
  scam type are read through the base link tables, or ("tagged") kept as arrays on each
  activity's count row;
- top rollups (`r_main`, `r_audience`, `r_scam_type`): the current tables' rows, but only
  for ancestors at depth 1…top (each table its own top) and with narrow columns, built
  with GROUPING SETS.

Reports read a unit above depth `top` from the rollups and anything else from the leaf
facts or, where a candidate has none, from the base tables themselves.
"""

ACT, FIG = "campaigns_activity", "campaigns_figure"
LINKS = {
    "audience": ("campaigns_activity_audiences", "audiencegroup_id"),
    "scam_type": ("campaigns_activity_scam_types", "scamtype_id"),
}
STATUS_CODES = {"approved": 1, "submitted": 2}
BASE_TABLES = [ACT, FIG, LINKS["audience"][0], LINKS["scam_type"][0]]
LEAF_COLUMNS = ["activity_id", "month", "status", "activity_type", "campaign", "indicator", "value"]


def levels(depth, prefix=""):
    return [f"{prefix}l{k}" for k in range(1, depth + 1)]


def child_of(level, depth):
    """The unit a row lies under, one level below `level` (the unit itself when logged there)."""
    return f"COALESCE(l{level + 1}, l{level})" if level < depth else f"l{level}"


def unit_level_statements(schema, depth, steplen):
    columns = ", ".join(f"{name} int4" for name in levels(depth))
    joins = " ".join(
        f"LEFT JOIN campaigns_orgunit p{k} ON u.depth >= {k} AND p{k}.path = substr(u.path, 1, {k * steplen})"
        for k in range(1, depth + 1)
    )
    ids = ", ".join(f"p{k}.id" for k in range(1, depth + 1))
    statements = [
        f"DROP SCHEMA IF EXISTS {schema} CASCADE",
        f"CREATE SCHEMA {schema}",
        f"CREATE TABLE {schema}.unit_level (unit_id int4 PRIMARY KEY, depth int2 NOT NULL, {columns})",
        f"INSERT INTO {schema}.unit_level SELECT u.id, u.depth, {ids} FROM campaigns_orgunit u {joins}",
    ]
    statements += [f"CREATE INDEX ON {schema}.unit_level (l{k})" for k in range(2, depth + 1)]
    return statements


def base_rows(schema, depth, where, sign=1, tags=False, tagged=False):
    """SELECT of the leaf rows (LEAF_COLUMNS, l1…ln[, n, audiences, scam types]) of the
    counted activities matching `where` (on `a`, the activity, and `ul`, its unit's
    levels), read from the base tables. `where` is used twice: pass its params twice.
    `tags`: every row carries n (= sign) and the activity's tags (the delta's rows);
    `tagged`: the count row (indicator 0) carries the tags, the figure rows NULL."""
    head = (
        "a.id::int4 AS activity_id, date_trunc('month', a.date)::date AS month, "
        "(CASE a.status WHEN 'approved' THEN 1 ELSE 2 END)::int2 AS status, a.activity_type_id::int2 AS activity_type, "
        "COALESCE(a.campaign_id, 0)::int4 AS campaign"
    )
    tail = ", ".join(levels(depth, "ul."))
    count_tail = figure_tail = tail
    if tags or tagged:
        arrays = "".join(
            f", ARRAY(SELECT t.{column}::{'int2' if tagged else 'int4'} FROM {table} t WHERE t.activity_id = a.id)"
            for table, column in LINKS.values()
        )
        count_tail = tail + (f", {sign}" if tags else "") + arrays
        figure_tail = tail + (f", {sign}" + arrays if tags else ", NULL::int2[], NULL::int2[]")
    source = f"FROM {ACT} a JOIN {schema}.unit_level ul ON ul.unit_id = a.unit_id"
    counted = "a.status IN ('approved', 'submitted')"
    return (
        f"SELECT {head}, 0::int2 AS indicator, 0::int8 AS value, {count_tail} {source} WHERE {counted} AND {where} "
        f"UNION ALL SELECT {head}, f.indicator_id::int2, {sign} * f.value, {figure_tail} {source} "
        f"JOIN {FIG} f ON f.activity_id = a.id WHERE {counted} AND {where}"
    )


def fact_statements(schema, depth, years, tagged=False, by_activity=True):
    """The leaf fact table, partitioned by year, filled in tree order, BRIN on the levels.
    `tagged`: each activity's count row also holds its audiences and scam types;
    `by_activity`: a btree on the activity id, which upkeep finds its rows by."""
    level_columns = ", ".join(f"{name} int4" for name in levels(depth))
    tag_columns = ", audiences int2[], scam_types int2[]" if tagged else ""
    order = ", ".join([*levels(depth), "month"])
    statements = [
        f"CREATE TABLE {schema}.fact (value int8 NOT NULL, activity_id int4 NOT NULL, month date NOT NULL, "
        f"{level_columns}, campaign int4 NOT NULL, status int2 NOT NULL, activity_type int2 NOT NULL, "
        f"indicator int2 NOT NULL{tag_columns}) PARTITION BY RANGE (month)"
    ]
    statements += [
        f"CREATE TABLE {schema}.fact_{year} PARTITION OF {schema}.fact "
        f"FOR VALUES FROM ('{year}-01-01') TO ('{year + 1}-01-01')"
        for year in years
    ]
    columns = ", ".join(LEAF_COLUMNS + levels(depth)) + (", audiences, scam_types" if tagged else "")
    rows = base_rows(schema, depth, "TRUE", tagged=tagged)
    statements += [
        f"INSERT INTO {schema}.fact ({columns}) SELECT * FROM ({rows}) r ORDER BY {order}",
        f"CREATE INDEX ON {schema}.fact USING brin ({', '.join(levels(depth))}, month) WITH (pages_per_range = 16)",
        f"ANALYZE {schema}.fact",
    ]
    if by_activity:
        statements.insert(-1, f"CREATE INDEX ON {schema}.fact (activity_id)")
    return statements


def rollup_tables(schema):
    statements = []
    for part, split in (("main", "child int4"), ("audience", "tag int4"), ("scam_type", "tag int4")):
        key = (
            "ancestor, month, "
            + ("child" if part == "main" else "tag")
            + ", activity_type, campaign, status, indicator"
        )
        statements.append(
            f"CREATE TABLE {schema}.r_{part} (total int8 NOT NULL, ancestor int4 NOT NULL, {split} NOT NULL, "
            "month date NOT NULL, campaign int4 NOT NULL, n int4 NOT NULL, activity_type int2 NOT NULL, "
            f"status int2 NOT NULL, indicator int2 NOT NULL, PRIMARY KEY ({key}))"
        )
    return statements


def rollup_insert(schema, part, source, depth, top, count="count(*)", upsert=False):
    """INSERT of the rollups of `part` for ancestors at depth 1…top, from the leaf rows of
    `source` (a table or a parenthesised SELECT with LEAF_COLUMNS and l1…ln; for an
    upsert, also n, audiences and scam_types: signed differences)."""
    common = "month, activity_type, campaign, status, indicator"
    if part == "main":
        sets = ", ".join(f"(l{k}, {child_of(k, depth)})" for k in range(1, top + 1))
        split = "COALESCE(" + ", ".join(child_of(k, depth) for k in range(1, top + 1)) + ")"
        join, column = "", "child"
    else:
        sets = ", ".join(f"(l{k})" for k in range(1, top + 1))
        if upsert:
            join, split = f"CROSS JOIN LATERAL unnest(s.{part}s) AS t(tag)", "t.tag"
        else:
            table, link = LINKS[part]
            join, split = f"JOIN {table} t ON t.activity_id = s.activity_id", f"t.{link}"
        column = "tag"
    ancestor = "COALESCE(" + ", ".join(levels(top)) + ")"
    keys = f"ancestor, month, {column}, activity_type, campaign, status, indicator"
    select = (
        f"SELECT {ancestor} AS ancestor, {split} AS split, {common}, {count} AS n, sum(value) AS total "
        f"FROM {source} s {join} GROUP BY {common}, {'' if part == 'main' else split + ', '}GROUPING SETS ({sets})"
    )
    if upsert:
        select += f" HAVING {count} <> 0 OR sum(value) <> 0"
    sql = (
        f"INSERT INTO {schema}.r_{part} (ancestor, {column}, {common}, n, total) "
        f"SELECT ancestor, split, {common}, n, total FROM ({select}) g WHERE ancestor IS NOT NULL"
    )
    if upsert:
        table = f"{schema}.r_{part}"
        sql += f" ON CONFLICT ({keys}) DO UPDATE SET n = {table}.n + excluded.n, total = {table}.total + excluded.total"
    else:
        sql += f" ORDER BY {keys.replace(column, 'split')}"
    return sql


def rollup_statements(schema, depth, tops, source):
    """The rollups, each part (main, audience, scam_type) down to the depth `tops` gives it."""
    statements = rollup_tables(schema)
    statements += [rollup_insert(schema, part, source, depth, top) for part, top in tops.items()]
    statements += [f"ANALYZE {schema}.r_{part}" for part in ("main", "audience", "scam_type")]
    return statements


# Reading: the three groupings a report needs (cube._read_summary), each as (sql, params).


def summary_reads(names, ancestor_filter, ancestor_params, months, statuses):
    """Reads of summary-style tables (the current ones or the rollups). `names` maps the
    roles to the table's tables and columns."""
    whole_tree = not ancestor_params
    child = names["ancestor"] if whole_tree else names["child"]
    where = f"{names['ancestor']} {ancestor_filter} AND month BETWEEN %s AND %s AND status = ANY(%s)"
    params = [*ancestor_params, *months, statuses]
    count, total = names["count"], names["total"]
    rest = f"{names['activity_type']}, campaign, indicator, sum({count}), sum({total})"
    reads = {
        "main": (f"SELECT month, {child}, {rest} FROM {names['main']} WHERE {where} GROUP BY 1, 2, 3, 4, 5", params)
    }
    for part in ("audience", "scam_type"):
        reads[part] = (
            f"SELECT {names[part + '_tag']}, indicator, sum({count}), sum({total}) FROM {names[part]} "
            f"WHERE {where} GROUP BY 1, 2",
            params,
        )
    return reads


CURRENT_NAMES = {
    "main": "campaigns_summary",
    "audience": "campaigns_audiencesummary",
    "scam_type": "campaigns_scamtypesummary",
    "ancestor": "ancestor_id",
    "child": "child_id",
    "activity_type": "activity_type_id",
    "audience_tag": "audience_id",
    "scam_type_tag": "scam_type_id",
    "count": '"count"',
    "total": "total",
}


def rollup_names(schema):
    return {
        "main": f"{schema}.r_main",
        "audience": f"{schema}.r_audience",
        "scam_type": f"{schema}.r_scam_type",
        "ancestor": "ancestor",
        "child": "child",
        "activity_type": "activity_type",
        "audience_tag": "tag",
        "scam_type_tag": "tag",
        "count": "n",
        "total": "total",
    }


def leaf_reads(source, unit_depth, depth, where, params, tagged=False):
    """Reads grouped at read time from leaf rows (`source`: the fact table or base_rows),
    `where` already restricting them to the unit's subtree, months and statuses. Tags
    come from the base link tables, or (`tagged`) from the count rows of the same scan,
    joined by hash to the figure rows of that scan."""
    child = child_of(unit_depth, depth) if unit_depth else "l1"
    reads = {
        "main": (
            f"SELECT month, {child}, activity_type, campaign, indicator, count(*), sum(value) "
            f"FROM {source} s WHERE {where} GROUP BY 1, 2, 3, 4, 5",
            params,
        )
    }
    for part, (table, column) in LINKS.items():
        if tagged:
            reads[part] = (
                f"WITH s AS MATERIALIZED (SELECT activity_id, indicator, value, {part}s AS tags FROM {source} "
                f"WHERE {where}) SELECT t.tag, s.indicator, count(*), sum(s.value) FROM s JOIN "
                "(SELECT activity_id, unnest(tags) AS tag FROM s WHERE indicator = 0) t "
                "ON t.activity_id = s.activity_id GROUP BY 1, 2",
                params,
            )
            continue
        reads[part] = (
            f"SELECT t.{column}, indicator, count(*), sum(value) FROM {source} s "
            f"JOIN {table} t ON t.activity_id = s.activity_id WHERE {where} GROUP BY 1, 2",
            params,
        )
    return reads


def fact_reads(schema, unit, unit_depth, depth, months, statuses, tagged=False):
    level = f"l{unit_depth} = %s AND " if unit else ""
    codes = [STATUS_CODES[status] for status in statuses]
    params = ([unit] if unit else []) + [*months, codes]
    where = f"{level}month BETWEEN %s AND %s AND status = ANY(%s::int2[])"
    return leaf_reads(f"{schema}.fact", unit_depth, depth, where, params, tagged)


def base_reads(schema, unit, unit_depth, depth, dates, statuses):
    level = f"ul.l{unit_depth} = %s AND " if unit else ""
    once = ([unit] if unit else []) + [*dates, statuses]
    where = f"{level}a.date BETWEEN %s AND %s AND a.status = ANY(%s)"
    source = f"({base_rows(schema, depth, where)})"
    return leaf_reads(source, unit_depth, depth, "TRUE", once + once)


# Upkeep: the difference one change makes, in the transaction of the change.

DELTA = "pg_temp.design_delta"


def delta_table(depth):
    level_columns = ", ".join(f"{name} int4" for name in levels(depth))
    return (
        f"CREATE TEMPORARY TABLE IF NOT EXISTS design_delta (activity_id int4, month date, status int2, "
        f"activity_type int2, campaign int4, indicator int2, value int8, {level_columns}, n int4, "
        "audiences int4[], scam_types int4[]) ON COMMIT DELETE ROWS"
    )


def capture(schema, depth, sign):
    """INSERT into the delta of these activities' rows as they are now (sign -1 before the
    change, 1 after); params: [ids, ids]."""
    return f"INSERT INTO {DELTA} {base_rows(schema, depth, 'a.id = ANY(%s)', sign, tags=True)}"


def apply_rollups(schema, depth, tops):
    """(upsert, delete) statements per rollup table: the upsert adds the delta and returns
    the keys it touched with their new count; the delete takes the keys whose count
    reached 0 as seven arrays (looked up by the primary key, as the current code does)."""
    statements = []
    for part, top in tops.items():
        column = "child" if part == "main" else "tag"
        keys = f"ancestor, month, {column}, activity_type, campaign, status, indicator"
        upsert = rollup_insert(schema, part, DELTA, depth, top, count="sum(n)", upsert=True)
        delete = (
            f"DELETE FROM {schema}.r_{part} r USING unnest(%s::int4[], %s::date[], %s::int4[], %s::int2[], "
            f"%s::int4[], %s::int2[], %s::int2[]) AS k({keys}) WHERE r.n = 0 AND "
            + " AND ".join(f"r.{key} = k.{key}" for key in keys.split(", "))
        )
        statements.append((f"{upsert} RETURNING {keys}, n", delete))
    return statements


def replace_facts(schema, depth, tagged=False):
    """Statements replacing these activities' leaf facts; params: [ids], [ids, ids]."""
    columns = ", ".join(LEAF_COLUMNS + levels(depth)) + (", audiences, scam_types" if tagged else "")
    return [
        f"DELETE FROM {schema}.fact WHERE activity_id = ANY(%s)",
        f"INSERT INTO {schema}.fact ({columns}) {base_rows(schema, depth, 'a.id = ANY(%s)', tagged=tagged)}",
    ]


def old_places(depth):
    """The (activity, month, levels) of the rows the delta takes away."""
    return f"SELECT DISTINCT activity_id, month, {', '.join(levels(depth))} FROM {DELTA} WHERE n < 0"


def delete_at(schema, places):
    """DELETE of these activities' facts found through the BRIN index, by each one's unit
    (its deepest level) and month, without a btree on the activity id."""
    arms, params = [], []
    for activity_id, month, *ids in places:
        deepest = max(index for index, unit in enumerate(ids) if unit is not None)
        arms.append(f"(l{deepest + 1} = %s AND month = %s AND activity_id = %s)")
        params += [ids[deepest], month, activity_id]
    return f"DELETE FROM {schema}.fact WHERE {' OR '.join(arms)}", params
