"""The leaf facts follow the deletion of an audience group or a scam type. Django's
cascade takes the link rows and the tag's rows of the rollups; the count rows of the
activities that named the tag keep their tags as arrays, so these receivers read those
activities before the deletion and write their facts anew after it, in its transaction."""

from campaigns.models import Activity

from . import fact_table
from .summary_tables import COUNTED, facts, moved_on

_BEFORE = "_summaries_before_delete"


def _tagged(instance):
    field = "audiences" if isinstance(instance, Activity.audiences.field.related_model) else "scam_types"
    return list(Activity.objects.filter(**{field: instance}, status__in=COUNTED).values_list("pk", flat=True))


def before_tag_delete(sender, instance, **kwargs):
    ids = _tagged(instance)
    setattr(instance, _BEFORE, (ids, facts(ids)))


def after_tag_delete(sender, instance, **kwargs):
    ids, before = getattr(instance, _BEFORE, ((), []))
    if before:
        moved_on()
        fact_table.replace(before, facts(ids))
