"""The figures of a report's period, read into one cube from the summary tables and,
for the days of a month the period cuts, from the activities themselves.

The rollups keep the top of the tree only (summary_tables.ROLLUP_DEPTH); a report on a
unit below reads its subtree's leaf facts (fact_table) for the period's own days, with
no edges to mend.

Whole months of the period come from the summary tables
(campaigns.reports.models), which hold the counted activities added up per unit
subtree and month. A period may start or end within a month: such an edge month is
either read whole from the summary with the days outside the period taken away, or
its days within the period are added up from the activities themselves; whichever of
the two reads fewer activities (a period ending today reads none: nothing is dated
after today). Every figure is exact either way, and the number of queries depends on
the period's shape only, never on the data.
"""

# The edge read's SQL is assembled from table and column names taken from the models and
# from constants; every value travels as a query parameter.
# ruff: noqa: S608

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Q, Sum, Value
from django.db.models.functions import Substr

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

from . import fact_table, summary_tables
from .periods import cut_months

# The deepest unit each part of the cube is read from the rollups for.
ROLLUP_DEPTH = {
    part: summary_tables.ROLLUP_DEPTH[model]
    for part, model in (("main", Summary), ("audience", AudienceSummary), ("scam_type", ScamTypeSummary))
}


def reported_activities():
    """Activities as reports read them: from the read replica when one is configured."""
    return Activity.objects.using(settings.REPORTS_DATABASE)


def reported_figures():
    return Figure.objects.using(settings.REPORTS_DATABASE)


def child_prefix_length(filters):
    """How much of a unit's path names the chosen unit's child it lies under."""
    return (len(filters.unit.path) if filters.unit else 0) + OrgUnit.steplen


@dataclass
class Cube:
    """Counts and figure sums of the counted activities, split by (month, child unit
    path, type, campaign), by audience group and by scam type. An entry is
    [activities, {indicator id: [figures, sum]}]."""

    main: dict = field(default_factory=lambda: defaultdict(_entry))
    audience: dict = field(default_factory=lambda: defaultdict(_entry))
    scam_type: dict = field(default_factory=lambda: defaultdict(_entry))

    def add(self, part, key, count, indicator, figures, total, sign):
        entry = getattr(self, part)[key]
        if indicator == ACTIVITY_COUNT:
            entry[0] += sign * count
        else:
            cell = entry[1].setdefault(indicator, [0, 0])
            cell[0] += sign * figures
            cell[1] += sign * total

    def add_read(self, part, key, indicator, count, total, sign=1):
        """Add a grouped row as the SQL reads return it: `count` activities when the
        indicator counts them, else `count` figures summing to `total` (PostgreSQL adds
        up bigints as numeric: the cube keeps ints)."""
        if indicator == ACTIVITY_COUNT:
            self.add(part, key, int(count), ACTIVITY_COUNT, 0, 0, sign)
        else:
            self.add(part, key, 0, indicator, int(count), int(total), sign)

    def counts_and_sums(self, part, group_of=lambda key: key):
        """({group: activities}, {group: {indicator id: sum}}), rolled up by group_of,
        for the groups and figures that remain after the edges were taken away."""
        counts, sums = defaultdict(int), defaultdict(lambda: defaultdict(int))
        for key, (count, figures) in getattr(self, part).items():
            group = group_of(key)
            counts[group] += count
            for indicator, (number, total) in figures.items():
                if number:
                    sums[group][indicator] += total
        return dict(counts), sums


def _date(value):
    """Dates come back from SQLite as text and from PostgreSQL as dates."""
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


def _entry():
    return [0, {}]


@dataclass(frozen=True)
class Plan:
    months: tuple  # (first, last) month read from the summary; first > last when none
    edges: list  # (sign, [(start, end), …]) ranges read from the activities


def plan(start, end, statuses):
    """How to read the period [start, end]: whole months from the summary, the edge
    months' days from the activities (see above). One query when a month is cut."""
    first, last = start.replace(day=1), end.replace(day=1)
    cut = cut_months(start, end)  # (month, days inside the period, days outside it)
    if not cut:
        return Plan((first, last), [])
    ranges = [ranges for _month, inside, outside in cut for ranges in (inside, outside)]
    sizes = _sizes(statuses, ranges)
    edges, whole = [], {month: True for month, _inside, _outside in cut}
    for index, (month, inside, outside) in enumerate(cut):
        if sizes[2 * index] <= sizes[2 * index + 1]:
            edges.append((1, inside))
            whole[month] = False
        else:
            edges.append((-1, outside))
    first = first if whole.get(first, True) else (first + datetime.timedelta(days=32)).replace(day=1)
    last = last if whole.get(last, True) else (last - datetime.timedelta(days=1)).replace(day=1)
    return Plan((first, last), edges)


def _sizes(statuses, ranges):
    """How many counted activities each list of (first, last) days holds, in one query.
    Each count is a subquery of its own, so that each reads only its days of the
    (status, date) index and none needs the table itself; one count filtered by every
    range at once made PostgreSQL walk the index entries of all counted activities."""
    counts, params = [], []
    for days in ranges:
        compiled = _compiled(reported_activities().filter(_within(days), status__in=statuses).values_list(Value(1)))
        if compiled is None:
            counts.append("0")
            continue
        counts.append(f"(SELECT COUNT(*) FROM ({compiled[0]}) AS days)")  # nosec B608
        params += compiled[1]
    with connections[settings.REPORTS_DATABASE].cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(counts)}", params)
        return list(cursor.fetchone())


def _compiled(rows):
    """(SQL, parameters) of a queryset of activities on the reports' database, unordered;
    None when it can match nothing (no days to read)."""
    try:
        return rows.order_by().query.get_compiler(settings.REPORTS_DATABASE).as_sql()
    except EmptyResultSet:
        return None


def _within(ranges):
    condition = Q(pk__in=[])
    for low, high in ranges:
        condition |= Q(date__gte=low, date__lte=high)
    return condition


def _summary_rows(model, filters, months):
    rows = model.objects.using(settings.REPORTS_DATABASE).filter(
        status__in=filters.statuses, month__gte=months[0], month__lte=months[1]
    )
    # The whole tree is every root's subtree.
    rows = rows.filter(ancestor=filters.unit) if filters.unit is not None else rows.filter(ancestor__depth=1)
    if filters.campaign is not None:
        rows = rows.filter(campaign=filters.campaign.pk)
    if filters.activity_type is not None:
        rows = rows.filter(activity_type=filters.activity_type)
    return rows


def _read_summary(cube, filters, months, parts=("main", "audience", "scam_type")):
    """Add the summary rows of these months (first, last) to the cube: one query a part."""
    child = "child__path" if filters.unit is not None else "ancestor__path"
    columns = {
        "main": (Summary, ("month", child, "activity_type_id", "campaign")),
        "audience": (AudienceSummary, ("audience_id",)),
        "scam_type": (ScamTypeSummary, ("scam_type_id",)),
    }
    for part in parts:
        model, keys = columns[part]
        for row in (
            _summary_rows(model, filters, months)
            .values_list(*keys, "indicator")
            .annotate(n=Sum("count"), value=Sum("total"))
            .order_by()
        ):
            key = row[: len(keys)] if len(keys) > 1 else row[0]
            cube.add(part, key, row[-2], row[-3], row[-2], row[-1], 1)


def _tag_tables():
    """{part: (link table, its activity column, its tag column)} of the tagged parts."""
    tables = {}
    for part, field_name in (("audience", "audiences"), ("scam_type", "scam_types")):
        link = Activity._meta.get_field(field_name)
        tables[part] = (link.remote_field.through._meta.db_table, link.m2m_column_name(), link.m2m_reverse_name())
    return tables


def _edge_query(parts):
    """The statement that follows the edge's activities (`edge`): their figures, added
    up per activity and indicator (`fig`), and the tags of each part asked for, then one
    grouped branch per part for the activities and one for their figures."""
    figure = Figure._meta
    of, per, value = (figure.get_field(name).column for name in ("activity", "indicator", "value"))
    ctes = [
        f"fig(activity_id, indicator, n, total) AS (SELECT f.{of}, f.{per}, COUNT(*), SUM(f.{value}) "  # nosec B608
        f"FROM {figure.db_table} f WHERE f.{of} IN (SELECT id FROM edge) GROUP BY 1, 2)"
    ]
    branches = []
    if "main" in parts:
        keys = "e.day, e.child, e.activity_type, e.campaign"
        branches += [
            f"SELECT 'main', {keys}, CAST(NULL AS bigint), 0, COUNT(*), 0 FROM edge e GROUP BY {keys}",  # nosec B608
            f"SELECT 'main', {keys}, NULL, f.indicator, SUM(f.n), SUM(f.total) FROM edge e "  # nosec B608
            f"JOIN fig f ON f.activity_id = e.id GROUP BY {keys}, f.indicator",
        ]
    for part, (table, activity, tag) in _tag_tables().items():
        if part not in parts:
            continue
        ctes.append(
            f"{part}(activity_id, tag) AS (SELECT m.{activity}, m.{tag} FROM {table} m "  # nosec B608
            f"WHERE m.{activity} IN (SELECT id FROM edge))"
        )
        nothing = "NULL, NULL, NULL, NULL"
        branches += [
            f"SELECT '{part}', {nothing}, m.tag, 0, COUNT(*), 0 FROM {part} m GROUP BY m.tag",  # nosec B608
            f"SELECT '{part}', {nothing}, m.tag, f.indicator, SUM(f.n), SUM(f.total) FROM {part} m "  # nosec B608
            f"JOIN fig f ON f.activity_id = m.activity_id GROUP BY m.tag, f.indicator",
        ]
    return ", ".join(ctes), " UNION ALL ".join(branches)


def _read_activities(cube, filters, ranges, sign, parts=("main", "audience", "scam_type")):
    """Add (sign 1) or take away (sign -1) the counted activities dated within these
    ranges, in one query that reads each activity, figure and tag once (six queries, one
    per part and side, read each activity six times and each figure three)."""
    compiled = _compiled(
        reported_activities()
        .filter(filters.condition(dated=False), _within(ranges))
        .values_list("pk", "date", Substr("unit__path", 1, child_prefix_length(filters)), "activity_type", "campaign")
    )
    if compiled is None:
        return
    edge, params = compiled
    ctes, branches = _edge_query(parts)
    sql = f"WITH edge(id, day, child, activity_type, campaign) AS ({edge}), {ctes} {branches}"
    with connections[settings.REPORTS_DATABASE].cursor() as cursor:
        cursor.execute(sql, params)
        for part, day, child, activity_type, campaign, tag, indicator, count, total in cursor.fetchall():
            key = (_date(day).replace(day=1), child, activity_type, campaign or NO_CAMPAIGN) if part == "main" else tag
            cube.add_read(part, key, indicator, count, total, sign)


def gather(filters, parts=("main", "audience", "scam_type")):
    """The cube of the report's period: the parts the rollups keep for this unit from
    them, with the edge days from the leaf facts; the others from the leaf facts alone
    (or, below the facts' deepest level, from the activities)."""
    cube = Cube()
    depth = filters.unit.depth if filters.unit is not None else 0
    rolled = [part for part in parts if depth <= ROLLUP_DEPTH[part]]
    below = [part for part in parts if part not in rolled]
    scope = None
    if rolled:
        period = plan(filters.start, filters.end, filters.statuses)
        _read_summary(cube, filters, period.months, rolled)
        for sign, ranges in period.edges:
            scope = scope or _scope(filters.unit)
            _read_facts(cube, filters, scope, rolled, ranges, sign)
    if below and depth < fact_table.LAST_LEVEL:
        _read_facts(cube, filters, scope or _scope(filters.unit), below, [(filters.start, filters.end)])
    elif below:
        _read_activities(cube, filters, [(filters.start, filters.end)], 1, below)
    return cube


def _scope(unit):
    """({unit id: path} of the units a fact row's level columns may name for this unit's
    report, the condition on the fact table that keeps the unit's subtree, its params,
    and the level the report splits by)."""
    units, step = OrgUnit.objects.using(settings.REPORTS_DATABASE), OrgUnit.steplen
    if unit is None or unit.depth <= 2:
        # Every row under the unit names, as l3, one of the subtree's units at depth 3 or
        # above (levels below a unit's own depth hold the unit itself).
        scope = units.filter(depth__lte=3)
        scope = scope.filter(path__startswith=unit.path) if unit is not None else scope
        named = dict(scope.values_list("pk", "path"))
        condition = f"l3 IN ({', '.join(['%s'] * len(named))})" if named else "1 = 0"
        return named, condition, list(named), (unit.depth if unit is not None else 1) + 1
    named = dict(
        units.filter(Q(path=unit.path[: 3 * step]) | Q(path__startswith=unit.path, depth=unit.depth + 1)).values_list(
            "pk", "path"
        )
    )
    named[unit.pk] = unit.path
    county = next(pk for pk, path in named.items() if path == unit.path[: 3 * step])
    return named, f"l3 = %s AND l{unit.depth} = %s", [county, unit.pk], unit.depth + 1


def _read_facts(cube, filters, scope, parts, ranges, sign=1):
    """Add (sign 1) or take away (sign -1) the leaf facts of the unit's subtree (its
    `_scope`) dated within these ranges, in one query."""
    named, where, params, level = scope
    params = list(params)
    days = " OR ".join(["(day >= %s AND day <= %s)"] * len(ranges))
    where += f" AND ({days}) AND status IN ({', '.join(['%s'] * len(filters.statuses))})"
    params += [day.isoformat() for low_high in ranges for day in low_high]
    params += [fact_table.STATUS_CODE[status] for status in filters.statuses]
    if filters.campaign is not None:
        where += " AND campaign = %s"
        params.append(filters.campaign.pk)
    if filters.activity_type is not None:
        where += " AND activity_type = %s"
        params.append(filters.activity_type.pk)
    # The whole tree is split by root: the root of the level-2 unit a row names.
    child_path = (lambda pk: named[pk][: OrgUnit.steplen]) if filters.unit is None else named.__getitem__
    for part, month, child, activity_type, campaign, tag, indicator, count, total in fact_table.read(
        settings.REPORTS_DATABASE, where, params, level, parts
    ):
        key = (_date(month), child_path(child), activity_type, campaign) if part == "main" else tag
        cube.add_read(part, key, indicator, count, total, sign)
