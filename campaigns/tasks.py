"""Work done outside the request by `manage.py db_worker` (django-tasks, database backend)."""

from django_tasks import task

from . import notifications


@task()
def send_notification_email(notification_id):
    return notifications.send_email(notification_id)
