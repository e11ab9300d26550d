"""Work done outside the request by `manage.py db_worker` (django-tasks, database backend)."""

from django_tasks import task

from . import notifications


@task()
def send_notification_email(notification_id):
    return notifications.send_email(notification_id)


@task()
def prepare_document(document_id):
    """A report file larger than a county's (campaigns.reports.prepared)."""
    from .reports import prepared

    return prepared.build(document_id)
