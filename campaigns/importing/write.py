"""Writing checked activity rows in bulk, with their figures, tags and history."""

from django.utils import timezone

from campaigns.models import Activity, ActivityEvent, Figure, OrgUnit, change
from campaigns.reports import summary_tables

WRITE_BATCH = 1000


def lock_units(unit_pks):
    """Make concurrent imports into the same units take turns (PostgreSQL), so that the
    already-imported check below sees the other import's rows. NO KEY UPDATE leaves
    ordinary inserts referring to these units unblocked."""
    list(OrgUnit.objects.select_for_update(no_key=True).filter(pk__in=unit_pks).order_by("pk").values_list("pk"))


def write_rows(rows, user, status, filename):
    now = timezone.now()
    reviewed = status == Activity.Status.APPROVED
    activities = Activity.objects.bulk_create(
        [
            Activity(
                unit=row.unit,
                campaign=row.campaign,
                activity_type=row.activity_type,
                title=row.title,
                date=row.date,
                end_date=row.end_date,
                location=row.location,
                notes=row.notes,
                ref=row.ref,
                status=status,
                created_by=user,
                created_at=now,
                updated_by=user,
                updated_at=now,
                reviewed_by=user if reviewed else None,
                reviewed_at=now if reviewed else None,
            )
            for row in rows
        ],
        batch_size=WRITE_BATCH,
    )
    pairs = list(zip(activities, rows, strict=True))
    Figure.objects.bulk_create(
        [
            Figure(activity_id=activity.pk, indicator_id=indicator.pk, value=value)
            for activity, row in pairs
            for indicator, value in row.figures.items()
        ],
        batch_size=WRITE_BATCH,
    )
    Activity.audiences.through.objects.bulk_create(
        [
            Activity.audiences.through(activity_id=activity.pk, audiencegroup_id=audience.pk)
            for activity, row in pairs
            for audience in row.audiences
        ],
        batch_size=WRITE_BATCH,
    )
    Activity.scam_types.through.objects.bulk_create(
        [
            Activity.scam_types.through(activity_id=activity.pk, scamtype_id=scam.pk)
            for activity, row in pairs
            for scam in row.scam_types
        ],
        batch_size=WRITE_BATCH,
    )
    # An approved import skips review: the history says so, and who did it.
    changes = [change("status", "", status)] if reviewed else []
    ActivityEvent.objects.bulk_create(
        [
            ActivityEvent(
                activity_id=activity.pk,
                actor=user,
                at=now,
                action=ActivityEvent.Action.IMPORTED,
                changes=changes,
                reason=f"import: {filename}",
            )
            for activity in activities
        ],
        batch_size=WRITE_BATCH,
    )
    if status in summary_tables.COUNTED:
        # The reports' summaries take the whole import in a few statements per batch.
        summary_tables.added([activity.pk for activity in activities])
    return len(activities)
