"""Keeping the summary tables (campaigns.reports.models) in step with the activities.

Every change that alters what reports count adds its difference to the tables in the
same transaction: a status change or an edit (`changing`), an import (`added`), a unit
moved to another parent (campaigns.reports.unit_moves, which receives the org room's
`unit_moving` signal that every move sends). Differences are
added with INSERT … ON CONFLICT DO UPDATE SET count = count + …, which two transactions
touching the same row apply one after the other, so concurrent approvals never lose one
another's figures; rows are written in key order so that they cannot deadlock.

A bulk approval wraps its approvals in one `changing` block, and adds one difference for
the whole batch. Every change also gives the tables' version (SummaryVersion) a new
value, which reports read with their figures (see `version`).

`rebuild` computes the tables anew from the activities with a few INSERT … SELECT …
GROUP BY statements; `differences` computes them the same way into temporary tables
and compares (the `check_summaries` command and the tests use it).
"""

# SQL here is assembled from table and column names taken from the models and from
# constants; every value travels as a query parameter.
# ruff: noqa: S608

import datetime
import secrets
import threading
from collections import defaultdict
from contextlib import contextmanager
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
    SummaryVersion,
)

COUNTED = (Activity.Status.APPROVED, Activity.Status.SUBMITTED)
BATCH = 500
# Keys looked up by one DELETE of emptied rows (each an index lookup).
KEYS_PER_DELETE = 100
# The column each table splits its figures by, besides the common ones.
SPLIT = {Summary: "child_id", AudienceSummary: "audience_id", ScamTypeSummary: "scam_type_id"}
TABLES = list(SPLIT)


def key_columns(model):
    return ["ancestor_id", "month", SPLIT[model], "activity_type_id", "campaign", "status", "indicator"]


@dataclass(frozen=True)
class Fact:
    """One counted activity as the summaries see it."""

    path: str  # its unit's current path
    month: datetime.date
    activity_type: int
    campaign: int
    status: str
    figures: tuple  # (indicator id, value) pairs
    audiences: tuple
    scam_types: tuple


def facts(activity_ids):
    """The counted ones among these activities, read as they are now in this transaction.
    On PostgreSQL their units are locked against a move (which rewrites their paths)
    until the transaction ends, so the paths read here stay true while it adds its
    difference; a move that came first is waited for."""
    found = []
    ids = list(activity_ids)
    for start in range(0, len(ids), BATCH):
        chosen = Activity.objects.filter(pk__in=ids[start : start + BATCH], status__in=COUNTED)
        if connection.features.has_select_for_update:
            units = chosen.values("unit_id")
            list(OrgUnit.objects.filter(pk__in=units).select_for_update(no_key=True).order_by("pk").values_list("pk"))
        rows = list(chosen.values_list("pk", "unit__path", "date", "activity_type_id", "campaign_id", "status"))
        if not rows:
            continue
        pks = [row[0] for row in rows]
        figures, audiences, scams = defaultdict(list), defaultdict(list), defaultdict(list)
        for pk, indicator, value in Figure.objects.filter(activity_id__in=pks).values_list(
            "activity_id", "indicator_id", "value"
        ):
            figures[pk].append((indicator, value))
        for pk, audience in Activity.audiences.through.objects.filter(activity_id__in=pks).values_list(
            "activity_id", "audiencegroup_id"
        ):
            audiences[pk].append(audience)
        for pk, scam in Activity.scam_types.through.objects.filter(activity_id__in=pks).values_list(
            "activity_id", "scamtype_id"
        ):
            scams[pk].append(scam)
        found.extend(
            Fact(
                path=path,
                month=date.replace(day=1),
                activity_type=type_id,
                campaign=campaign_id or NO_CAMPAIGN,
                status=status,
                figures=tuple(figures[pk]),
                audiences=tuple(audiences[pk]),
                scam_types=tuple(scams[pk]),
            )
            for pk, path, date, type_id, campaign_id, status in rows
        )
    return found


def _unit_ids(paths):
    """{path: unit id} for these paths and every prefix of them that names a unit."""
    step = OrgUnit.steplen
    prefixes = sorted({path[:end] for path in paths for end in range(step, len(path) + 1, step)})
    ids = {}
    for start in range(0, len(prefixes), BATCH):
        ids.update(OrgUnit.objects.filter(path__in=prefixes[start : start + BATCH]).values_list("path", "pk"))
    return ids


def _chain(path, ids):
    """(ancestor id, child id) for every unit from the root down to the unit at `path`:
    the child is the next unit on the way down, or the unit itself at the end."""
    step = OrgUnit.steplen
    return [
        (ids[path[:end]], ids[path[: end + step]] if end < len(path) else ids[path])
        for end in range(step, len(path) + 1, step)
    ]


def contributions(found, sign=1, into=None):
    """{table: {key: [count, total]}}: what these facts add to each table (sign 1) or take
    away from it (sign -1), added into `into` when given."""
    into = into if into is not None else {model: defaultdict(lambda: [0, 0]) for model in TABLES}
    ids = _unit_ids({fact.path for fact in found})
    for fact in found:
        chain = _chain(fact.path, ids)
        values = ((ACTIVITY_COUNT, 0), *fact.figures)
        common = (fact.activity_type, fact.campaign, fact.status)
        for ancestor, child in chain:
            for split, table in (
                ((child,), Summary),
                (fact.audiences, AudienceSummary),
                (fact.scam_types, ScamTypeSummary),
            ):
                cells = into[table]
                for tag in split:
                    for indicator, value in values:
                        cell = cells[(ancestor, fact.month, tag, *common, indicator)]
                        cell[0] += sign
                        cell[1] += sign * value
    return into


def moved_on():
    """Give the summaries' version a value never used before, in the transaction that
    changes them (see SummaryVersion). On PostgreSQL its one row stays locked until that
    transaction ends, so its value and the tables move on together, in commit order."""
    SummaryVersion.objects.bulk_create(
        [SummaryVersion(pk=1, token=secrets.randbits(63))],
        update_conflicts=True,
        unique_fields=["id"],
        update_fields=["token"],
    )


def version(using):
    """The summaries' version as the database `using` sees it now. Read it before the
    figures, from the database the figures come from: what it then reads is at least
    as new (a replica replays the primary's transactions in the order they committed)."""
    return SummaryVersion.objects.using(using).values_list("token", flat=True).first()


def apply(changes):
    """Add {table: {key: [count, total]}} to the tables; rows whose count reaches zero go."""
    quote = connection.ops.quote_name
    changed = [model for model in TABLES if any(cell != [0, 0] for cell in changes.get(model, {}).values())]
    if changed:
        # Before the rows: every writer of the tables takes the version's lock first.
        moved_on()
    for model in changed:
        rows = sorted((key, cell) for key, cell in changes[model].items() if cell != [0, 0])
        table = quote(model._meta.db_table)
        keys = ", ".join(quote(column) for column in key_columns(model))
        count, total = quote("count"), quote("total")
        for start in range(0, len(rows), BATCH):
            batch = rows[start : start + BATCH]
            values = ", ".join(["(" + ", ".join(["%s"] * 9) + ")"] * len(batch))
            params = []
            for (ancestor, month, tag, activity_type, campaign, status, indicator), (n, value) in batch:
                params += [ancestor, month.isoformat(), tag, activity_type, campaign, status, indicator, n, value]
            with connection.cursor() as cursor:
                cursor.execute(
                    f"INSERT INTO {table} ({keys}, {count}, {total}) VALUES {values} "  # nosec B608
                    f"ON CONFLICT ({keys}) DO UPDATE SET {count} = {table}.{count} + excluded.{count}, "
                    f"{total} = {table}.{total} + excluded.{total}",
                    params,
                )
        # Only a row whose count went down can have reached zero: look those up by their
        # key (the unique index), rather than every row of every ancestor touched.
        lowered = [key for key, (n, _value) in rows if n < 0]
        one = "(" + " AND ".join(f"{quote(column)} = %s" for column in key_columns(model)) + ")"
        with connection.cursor() as cursor:
            for start in range(0, len(lowered), KEYS_PER_DELETE):
                part = lowered[start : start + KEYS_PER_DELETE]
                params = [
                    value.isoformat() if isinstance(value, datetime.date) else value for key in part for value in key
                ]
                cursor.execute(
                    f"DELETE FROM {table} WHERE {count} = 0 AND ({' OR '.join([one] * len(part))})",  # nosec B608
                    params,
                )


# The activities a `changing` block further out on this thread already covers.
_covered = threading.local()


@contextmanager
def changing(activity_ids):
    """Around a change to these activities (status, fields, figures, audiences, scam
    types): what they counted before is taken away and what they count after is added.

    Blocks may nest: one around a batch (bulk approval) makes those inside it for its
    own activities do nothing, so the batch adds one combined difference at its end, a
    few statements however many activities it holds, rather than one per activity."""
    ids = set(activity_ids)
    outer = getattr(_covered, "ids", frozenset())
    if ids <= outer:
        with transaction.atomic():
            yield
        return
    with transaction.atomic():
        before = facts(ids)
        _covered.ids = outer | ids
        try:
            yield
        finally:
            _covered.ids = outer
        after = facts(ids)
        if before or after:
            apply(contributions(after, 1, contributions(before, -1)))


def added(activity_ids):
    """New activities (an import): their figures are added, a few statements per batch."""
    with transaction.atomic():
        apply(contributions(facts(activity_ids)))


# Rebuilding and checking, in SQL over the base tables.


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
            f"GROUP BY c.ancestor_id, s.month, {split}, s.activity_type_id, s.campaign, s.status, s.indicator "
            # Written in key order, a unit's rows for a month lie together on disk: the
            # whole tree's year is then a few hundred pages rather than twenty thousand.
            f"ORDER BY c.ancestor_id, s.month, {split}, s.activity_type_id, s.campaign, s.status, s.indicator"
        )
        statements.append(f"DROP TABLE {stage}")
    return statements


def _run_fresh(targets):
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE summary_closure (unit_id bigint, ancestor_id bigint, child_id bigint)")
        units = dict(OrgUnit.objects.values_list("path", "pk"))
        closure = [(units[path], *pair) for path in units for pair in _chain(path, units)]
        for start in range(0, len(closure), BATCH):
            part = closure[start : start + BATCH]
            cursor.execute(
                "INSERT INTO summary_closure (unit_id, ancestor_id, child_id) VALUES "  # nosec B608
                + ", ".join(["(%s, %s, %s)"] * len(part)),
                [value for row in part for value in row],
            )
        for statement in _fresh_statements(targets):
            cursor.execute(statement)
        cursor.execute("DROP TABLE summary_closure")


@transaction.atomic
def rebuild(new_version=True):
    """Compute every summary table anew from the activities, in one transaction. On
    PostgreSQL, changes to activities wait until it commits (they add to the tables),
    while reports go on reading the previous rows. `new_version` False is for the
    migration that made the tables, which runs before the version's table exists."""
    quote = connection.ops.quote_name
    tables = [quote(model._meta.db_table) for model in TABLES]
    if new_version:
        # The version first, as every change takes it before it writes the tables: the
        # other way round, a change holding it would wait for the tables and the rebuild for it.
        moved_on()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"LOCK TABLE {', '.join(tables)} IN EXCLUSIVE MODE")
            cursor.execute("SET LOCAL work_mem = '128MB'")
        for table in tables:
            cursor.execute(f"DELETE FROM {table}")  # nosec B608
    _run_fresh({model: model._meta.db_table for model in TABLES})
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
        _run_fresh(fresh)
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
        transaction.set_rollback(True)
    return found[:limit] if limit else found


def _plain(value):
    """Dates come back from SQLite as text and from PostgreSQL as dates: read both alike."""
    if isinstance(value, str) and len(value) == 10 and value[4] == "-":
        return datetime.date.fromisoformat(value)
    return value
