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

The rollups keep only the ancestors near the root (ROLLUP_DEPTH); every change also
rewrites its activities' leaf facts (fact_table), which reports read below them.
summary_rebuild computes both anew from the activities and compares them with such a
computation (the `rebuild_summaries` and `check_summaries` commands).
"""

# SQL here is assembled from table and column names taken from the models and from
# constants; every value travels as a query parameter.
# ruff: noqa: S608

import datetime
import secrets
import threading
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Value

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
from campaigns.reports import fact_table

COUNTED = (Activity.Status.APPROVED, Activity.Status.SUBMITTED)
BATCH = 500
# Keys looked up by one DELETE of emptied rows (each an index lookup).
KEYS_PER_DELETE = 100
# The column each table splits its figures by, besides the common ones.
SPLIT = {Summary: "child_id", AudienceSummary: "audience_id", ScamTypeSummary: "scam_type_id"}
TABLES = list(SPLIT)
# The deepest ancestors each rollup keeps: the root and its children by unit, the root
# alone by audience group and scam type. Reports on units below read the leaf facts.
ROLLUP_DEPTH = {Summary: 2, AudienceSummary: 1, ScamTypeSummary: 1}


def key_columns(model):
    return ["ancestor_id", "month", SPLIT[model], "activity_type_id", "campaign", "status", "indicator"]


@dataclass(frozen=True)
class Fact:
    """One counted activity as the summaries see it."""

    activity: int
    chain: tuple  # (ancestor id, child id) from the root down to its unit, as _chain gives
    levels: tuple  # its unit's levels in the leaf facts (fact_table.levels)
    day: datetime.date
    activity_type: int
    campaign: int
    status: str
    figures: tuple  # (indicator id, value) pairs
    audiences: tuple
    scam_types: tuple

    @property
    def month(self):
        return self.day.replace(day=1)


@dataclass
class Seen:
    """What a `changing` block's first read of its activities learnt, for its second:
    the units it locked and the ids of their paths and of every prefix."""

    locked: set = field(default_factory=set)
    ids: dict = field(default_factory=dict)


def facts(activity_ids, seen=None):
    """The counted ones among these activities, read as they are now in this transaction,
    their units' places in the tree resolved to ids (a move renumbers paths, not ids).
    On PostgreSQL their units are locked against a move until the transaction ends, so
    the places read here stay true while it adds its difference; a move that came first
    is waited for. `seen`, shared by two reads in one transaction, spares the second
    the lock and the ids of units the first already holds."""
    found = []
    seen = seen if seen is not None else Seen()
    ids = list(activity_ids)
    columns = ("pk", "unit_id", "unit__path", "date", "activity_type_id", "campaign_id", "status")
    for start in range(0, len(ids), BATCH):
        chosen = Activity.objects.filter(pk__in=ids[start : start + BATCH], status__in=COUNTED)
        rows = list(chosen.values_list(*columns)) if seen.locked else None
        if connection.features.has_select_for_update and (rows is None or {row[1] for row in rows} - seen.locked):
            units = chosen.values("unit_id")
            locked = OrgUnit.objects.filter(pk__in=units).select_for_update(no_key=True).order_by("pk")
            seen.locked.update(locked.values_list("pk", flat=True))
            rows = None
        rows = rows if rows is not None else list(chosen.values_list(*columns))
        if not rows:
            continue
        rows = [(pk, *rest) for pk, _unit, *rest in rows]
        pks = [row[0] for row in rows]
        figures, audiences, scams = _details(pks)
        paths = {row[1] for row in rows}
        if paths - seen.ids.keys():
            seen.ids.update(_unit_ids(paths))
        ids, step = seen.ids, OrgUnit.steplen
        found.extend(
            Fact(
                activity=pk,
                chain=tuple(_chain(path, ids)),
                levels=fact_table.levels(path, ids, step),
                day=date,
                activity_type=type_id,
                campaign=campaign_id or NO_CAMPAIGN,
                status=status,
                figures=tuple(sorted(figures[pk])),
                audiences=tuple(sorted(audiences[pk])),
                scam_types=tuple(sorted(scams[pk])),
            )
            for pk, path, date, type_id, campaign_id, status in rows
        )
    return found


def _details(pks):
    """({activity: [(indicator, value)]}, {activity: [audience group]}, {activity: [scam
    type]}) of these activities, in one query."""
    found = {"f": defaultdict(list), "a": defaultdict(list), "s": defaultdict(list)}
    figures = (
        Figure.objects.filter(activity_id__in=pks)
        .order_by()
        .values_list(Value("f"), "activity_id", "indicator_id", "value")
    )
    for kind, model, tag in (
        ("a", Activity.audiences.through, "audiencegroup_id"),
        ("s", Activity.scam_types.through, "scamtype_id"),
    ):
        links = (
            model.objects.filter(activity_id__in=pks).order_by().values_list(Value(kind), "activity_id", tag, Value(0))
        )
        figures = figures.union(links, all=True)
    for kind, pk, key, value in figures:
        found[kind][pk].append((key, value) if kind == "f" else key)
    return found["f"], found["a"], found["s"]


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
    """{table: {key: [count, total]}}: what these facts add to each rollup (sign 1) or take
    away from it (sign -1), added into `into` when given. Only the ancestors a rollup
    keeps (ROLLUP_DEPTH) are touched, however deep the tree."""
    into = into if into is not None else {model: defaultdict(lambda: [0, 0]) for model in TABLES}
    for fact in found:
        values = ((ACTIVITY_COUNT, 0), *fact.figures)
        common = (fact.activity_type, fact.campaign, fact.status)
        for depth, (ancestor, child) in enumerate(fact.chain, start=1):
            for split, table in (
                ((child,), Summary),
                (fact.audiences, AudienceSummary),
                (fact.scam_types, ScamTypeSummary),
            ):
                if depth > ROLLUP_DEPTH[table]:
                    continue
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
    """Add {table: {key: [count, total]}} to the tables; rows whose count reaches zero go.
    The caller has given the summaries a new version first (`moved_on`)."""
    quote = connection.ops.quote_name
    changed = [model for model in TABLES if any(cell != [0, 0] for cell in changes.get(model, {}).values())]
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
        seen = Seen()
        before = facts(ids, seen)
        _covered.ids = outer | ids
        try:
            yield
        finally:
            _covered.ids = outer
        after = facts(ids, seen)
        update(before, after)


def added(activity_ids):
    """New activities (an import): their figures are added, a few statements per batch."""
    with transaction.atomic():
        update([], facts(activity_ids))


def update(before, after):
    """The activities were `before` and are now `after` (lists of Fact): the rollups take
    the difference and the activities' leaf facts are written anew."""
    if set(before) == set(after):
        return
    # Before any row: every writer of the summaries takes the version's lock first.
    moved_on()
    apply(contributions(after, 1, contributions(before, -1)))
    fact_table.replace(before, after)
