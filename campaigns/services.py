"""Actions that span several models: saving an activity with its figures, files and
history in one transaction."""

from contextlib import ExitStack

from django.db import transaction
from django.utils import timezone

from . import notifications
from .kits import tally
from .models import Activity, ActivityEvent, Evidence, Figure, Notification, WorkflowError, change
from .reports import summary_tables


class StaleEdit(Exception):
    """Someone else saved the activity after this form was opened."""

    def __init__(self, current):
        super().__init__("stale edit")
        self.current = current


def _plain(value):
    """How a field value is written into the history."""
    if value is None:
        return ""
    if hasattr(value, "code"):
        return value.code
    if hasattr(value, "slug"):
        return value.slug
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "all") or isinstance(value, list | tuple | set):
        items = value.all() if hasattr(value, "all") else value
        return ", ".join(sorted(_plain(item) for item in items))
    return str(value)


def _text(value):
    return "" if value is None else str(value)


def save_activity(form, by):
    """Create or update the activity from a valid ActivityForm, with figures, files and
    a history entry. An edit based on an older version raises StaleEdit, writing nothing."""
    with transaction.atomic(), ExitStack() as summaries:
        activity = form.save(commit=False)
        creating = activity.pk is None
        changes = []
        if not creating:
            current = Activity.objects.select_for_update().get(pk=activity.pk)
            if form.cleaned_data.get("version") != current.version:
                raise StaleEdit(current)
            if current.status in summary_tables.COUNTED:
                # Only drafts and returned activities reach this form; should a counted one
                # ever be edited, the reports' summaries follow the edit.
                summaries.enter_context(summary_tables.changing([activity.pk]))
            before = {name: _plain(getattr(current, name)) for name in form.Meta.fields}
            before_figures = {figure.indicator_id: figure.value for figure in current.figures.all()}
            activity.version = current.version + 1
        activity.updated_by = by
        activity.updated_at = timezone.now()
        if creating:
            activity.created_by = by
        activity.save()
        form.save_m2m()
        if not creating:
            for name in form.Meta.fields:
                after = _plain(getattr(activity, name))
                if after != before[name]:
                    changes.append(change(name, before[name], after))
        for indicator, value in form.figures().items():
            old = None if creating else before_figures.get(indicator.pk)
            if value == old:
                continue
            if value is None:
                Figure.objects.filter(activity=activity, indicator=indicator).delete()
            else:
                Figure.objects.update_or_create(activity=activity, indicator=indicator, defaults={"value": value})
            if not creating:
                label = {"zh": indicator.name_zh, "en": indicator.name_en}
                changes.append(change("figure", _text(old), _text(value), label))
        changes += tally.save(activity, form, creating)
        for upload in form.cleaned_data.get("evidence") or []:
            evidence = add_evidence(activity, upload, by)
            changes.append(change("file", "", evidence.original_name))
        if creating:
            ActivityEvent.objects.create(
                activity=activity, actor=by, action=ActivityEvent.Action.CREATED, changes=changes
            )
        elif changes:
            ActivityEvent.objects.create(
                activity=activity, actor=by, action=ActivityEvent.Action.EDITED, changes=changes
            )
    return activity


def add_evidence(activity, upload, by):
    original_name = upload.name
    upload.name = f"evidence.{upload.sniffed_extension}"  # stored under a generated name
    return Evidence.objects.create(
        activity=activity,
        file=upload,
        original_name=original_name[:200],
        content_type=upload.sniffed_type,
        size=upload.size,
        uploaded_by=by,
    )


# Each step below keeps the reports' summary tables in step around the model's step: the
# model's conditional UPDATE on its version makes what the summaries read before it the state
# it changed. A step taken on the model alone (activity.approve()) leaves them behind.


def submit(activity, by):
    """Send for review: reports that count submitted activities count it."""
    with transaction.atomic(), summary_tables.changing([activity.pk]):
        activity.submit(by=by)


def approve(activity, by):
    """Approve, and tell the author."""
    with transaction.atomic(), summary_tables.changing([activity.pk]):
        activity.approve(by=by)
        notifications.tell_author(activity, Notification.Kind.APPROVED, by)


def approve_all(activities, by):
    """Approve each of these, and tell each author: ([approved], [(refused, reason)]).
    One transaction, with one summary upkeep for the whole batch: the figures of fifty
    activities of a unit and month change the same few rows once, not fifty times."""
    approved, refused = [], []
    with transaction.atomic(), summary_tables.changing([activity.pk for activity in activities]):
        for activity in activities:
            try:
                approve(activity, by=by)
            except WorkflowError as error:
                refused.append((activity, str(error)))
            else:
                approved.append(activity)
    return approved, refused


def undo_approval(activity, by):
    """The reviewer takes their approval back (within Activity.UNDO_WINDOW): the activity
    waits for review again, and the reports' summaries drop its figures from the approved."""
    with transaction.atomic(), summary_tables.changing([activity.pk]):
        activity.undo_approval(by=by)


def return_to_author(activity, by, reason):
    """Send back with a reason, and tell the author."""
    with transaction.atomic(), summary_tables.changing([activity.pk]):
        activity.return_to_author(by=by, reason=reason)
        notifications.tell_author(activity, Notification.Kind.RETURNED, by)


def reopen(activity, by, reason):
    """An administrator reopens an approved activity: for its author it came back returned."""
    with transaction.atomic(), summary_tables.changing([activity.pk]):
        activity.reopen(by=by, reason=reason)
        notifications.tell_author(activity, Notification.Kind.RETURNED, by)
