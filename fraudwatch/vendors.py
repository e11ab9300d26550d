"""Third-party apps in the administrators' language.

Django looks a message up in the project's catalogue (LOCALE_PATHS) before any app's
own, so the labels that django-axes, django-tasks, django-treebeard and Django's admin
leave untranslated in Chinese are translated in locale/zh_Hans like our own strings.
`makemessages` only keeps the messages it finds in the project's source: MESSAGES below
is where it finds these. The filter widgets' help (Django's JavaScript catalogue) is in
locale/zh_Hans/LC_MESSAGES/djangojs.po, which `makemessages` does not touch.

Two apps name themselves in plain English, beyond any catalogue's reach: the configs
below, installed in their place, give them translatable names.
"""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, pgettext_lazy
from django_tasks.backends.database.apps import TasksAppConfig


class AxesConfig(AxesAppConfig):
    """django-axes: failed sign-ins and lockouts."""

    verbose_name = _("Sign-in attempts")


class TaskResultsConfig(TasksAppConfig):
    """django-tasks' database backend: the background tasks' results."""

    verbose_name = _("Background tasks")


MESSAGES = [
    # django-axes: models, fields, admin sections, filters and actions.
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("User Agent"),
    gettext_noop("IP Address"),
    gettext_noop("Username"),
    gettext_noop("HTTP Accept"),
    gettext_noop("Path"),
    gettext_noop("Attempt Time"),
    gettext_noop("Access lock out"),
    gettext_noop("GET Data"),
    gettext_noop("POST Data"),
    gettext_noop("Failed Logins"),
    gettext_noop("Access Attempt"),
    gettext_noop("Expires At"),
    gettext_noop("The time when access attempt expires and is no longer valid."),
    gettext_noop("Logout Time"),
    gettext_noop("Session key hash (sha256)"),
    gettext_noop("Locked Out"),
    gettext_noop("Form Data"),
    gettext_noop("Meta Data"),
    gettext_noop("Clean up expired attempts"),
    gettext_noop("Not set"),
    gettext_noop("Attempt Remaining"),
    # django-tasks' database backend.
    gettext_noop("Task Result"),
    gettext_noop("Task Results"),
    gettext_noop("enqueued at"),
    gettext_noop("started at"),
    gettext_noop("finished at"),
    gettext_noop("args kwargs"),
    gettext_noop("priority"),
    gettext_noop("task path"),
    gettext_noop("worker id"),
    gettext_noop("queue name"),
    gettext_noop("backend name"),
    gettext_noop("run after"),
    gettext_noop("return value"),
    gettext_noop("exception class path"),
    gettext_noop("traceback"),
    gettext_noop("metadata"),
    pgettext_lazy("Task", "Ready"),
    pgettext_lazy("Task", "Running"),
    pgettext_lazy("Task", "Failed"),
    pgettext_lazy("Task", "Succeeded"),
    # django-treebeard: the form that places a unit in the tree.
    gettext_noop("Position"),
    gettext_noop("Relative to"),
    gettext_noop("-- root --"),
    gettext_noop("Child of"),
    gettext_noop("Sibling of"),
    gettext_noop("First child of"),
    gettext_noop("Before"),
    gettext_noop("After"),
    # Django's admin: messages its Chinese catalogue lacks.
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
    gettext_noop("Error:"),
    gettext_noop("Forgotten your login credentials?"),
    gettext_noop("In case you’ve forgotten, you are:"),
]
