"""The summaries follow a unit's move to another parent: the org room's `unit_moving`
signal (sent by every move, in its transaction) reaches `follow_unit_move`, which reads
the counted activities of the unit's subtree before the move and, once the subtree hangs
in its new place, gives the rollups the difference and writes the activities' leaf facts
with their new levels. A move is rare and an administrator's; it reads the subtree's
activities twice, where an approval reads one."""

from django.db import transaction

from campaigns.activities.models import counted_changed
from campaigns.models import Activity, OrgUnit

from .summary_tables import COUNTED, facts, update


def follow_unit_move(sender, unit, **kwargs):
    """campaigns.org.models.unit_moving's receiver: reads the subtree's activities before
    the move and returns what brings the summaries (and cached reports) after it."""
    path = OrgUnit.objects.values_list("path", flat=True).get(pk=unit.pk)
    ids = list(Activity.objects.filter(unit__path__startswith=path, status__in=COUNTED).values_list("pk", flat=True))
    before = facts(ids)

    def moved():
        update(before, facts(ids))
        transaction.on_commit(counted_changed)  # cached reports split by unit are out of date

    return moved
