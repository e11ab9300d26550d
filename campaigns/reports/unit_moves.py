"""The summary tables follow a unit's move to another parent: the org room's
`unit_moving` signal (sent by every move, in its transaction) reaches `follow_unit_move`,
which reads the unit's place before the move and, once its subtree hangs in the new one,
moves the subtree's figures from the ancestors it left to the ones it joined."""

from collections import defaultdict

from django.db import transaction
from django.db.models import Sum

from campaigns.activities.models import counted_changed
from campaigns.models import OrgUnit, Summary

from .summary_tables import SPLIT, TABLES, _chain, _unit_ids, apply


def chain_of(unit):
    """What unit_moved needs to know about a unit's place, read before and after a move."""
    path = OrgUnit.objects.values_list("path", flat=True).get(pk=unit.pk)
    return _chain(path, _unit_ids([path]))[:-1]  # its ancestors, each with the child it lies under


def follow_unit_move(sender, unit, **kwargs):
    """campaigns.org.models.unit_moving's receiver: reads the unit's place before its
    move and returns what brings the summaries (and cached reports) after it."""
    before = chain_of(unit)

    def moved():
        unit_moved(unit, before, chain_of(unit))
        transaction.on_commit(counted_changed)  # cached reports split by unit are out of date

    return moved


def unit_moved(unit, before, after):
    """A unit now hangs under another parent: its subtree's figures (its own rows as an
    ancestor) leave the ancestors it had and join the ones it has, under the child it
    lies under there. Ancestors it keeps under the same child are left alone."""
    before, after = set(before), set(after)
    old_ancestors, new_ancestors = {a for a, _ in before}, {a for a, _ in after}
    changes = {}
    for model in TABLES:
        split = SPLIT[model]
        columns = ["month", "activity_type_id", "campaign", "status", "indicator"]
        if model is not Summary:
            columns.insert(1, split)
        subtree = model.objects.filter(ancestor_id=unit.pk).values_list(*columns)
        totals = list(subtree.annotate(n=Sum("count"), value=Sum("total")).order_by())
        cells = changes[model] = defaultdict(lambda: [0, 0])
        for sign, pairs, others in ((-1, before - after, new_ancestors), (1, after - before, old_ancestors)):
            for ancestor, child in pairs:
                if model is not Summary and ancestor in others:
                    continue  # the subtree stays under this ancestor; only its child changes
                for row in totals:
                    month, rest = row[0], row[1:-2]
                    tag = child if model is Summary else rest[0]
                    common = rest if model is Summary else rest[1:]
                    cell = cells[(ancestor, month, tag, *common)]
                    cell[0] += sign * row[-2]
                    cell[1] += sign * row[-1]
    apply(changes)
