"""Third-party admin pages, with the column labels their packages leave in English
(a method's name stands in for a label unless it is given one)."""

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_tasks.backends.database import admin as tasks_admin  # registers it, so that it can be replaced
from django_tasks.backends.database.models import DBTaskResult

admin.site.unregister(AccessAttempt)


@admin.register(AccessAttempt)
class TranslatedAccessAttemptAdmin(AccessAttemptAdmin):
    @admin.display(description=_("Expires At"))
    def expiration(self, obj):
        return super().expiration(obj)

    @admin.display(description=_("Status"))
    def status(self, obj):
        return super().status(obj)


admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class TranslatedTaskResultAdmin(tasks_admin.DBTaskResultAdmin):
    @admin.display(description=_("Task name"))
    def task_name(self, obj):
        return obj.task_name

    @admin.display(description=_("traceback"))
    def formatted_traceback(self, obj):
        return super().formatted_traceback(obj)


# The change pages' titles and breadcrumbs are the object's str(), which axes and
# django-tasks write in English; these say the same in the reader's language.
def _when(moment):
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT") if moment else ""


def _access_attempt(self):
    return gettext("Sign-in attempts by %(username)s, last at %(time)s") % {
        "username": self.username,
        "time": _when(self.attempt_time),
    }


def _access_log(self):
    return gettext("Sign-in of %(username)s at %(time)s") % {
        "username": self.username,
        "time": _when(self.attempt_time),
    }


def _access_failure(self):
    text = gettext("Failed sign-in of %(username)s at %(time)s from %(address)s") % {
        "username": self.username,
        "time": _when(self.attempt_time),
        "address": self.ip_address,
    }
    return text + (gettext(" (locked out)") if self.locked_out else "")


def _task_result(self):
    return gettext("Background task %(id)s") % {"id": self.pk}


AccessAttempt.__str__ = _access_attempt
AccessLog.__str__ = _access_log
AccessFailureLog.__str__ = _access_failure
DBTaskResult.__str__ = _task_result


def _permission_label(permission):
    """A permission as the reader says it: Django stores its name in English ("Can add
    campaign") when it is created, so the name is built again from the codename."""
    action, _sep, _model = permission.codename.partition("_")
    model = permission.content_type.model_class()
    if action in PERMISSION_ACTIONS and model is not None:
        return PERMISSION_ACTIONS[action] % {"model": model._meta.verbose_name}
    return permission.name


PERMISSION_ACTIONS = {
    "add": _("Can add %(model)s"),
    "change": _("Can change %(model)s"),
    "delete": _("Can delete %(model)s"),
    "view": _("Can view %(model)s"),
}


class PermissionLabels:
    """The permission lists of users and groups, each permission named in the reader's language."""

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name in ("permissions", "user_permissions"):
            field.queryset = field.queryset.select_related("content_type")
            field.label_from_instance = lambda permission: (
                f"{permission.content_type.app_labeled_name} | {_permission_label(permission)}"
            )
        return field


admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class TranslatedUserAdmin(PermissionLabels, UserAdmin):
    pass


@admin.register(Group)
class TranslatedGroupAdmin(PermissionLabels, GroupAdmin):
    pass
