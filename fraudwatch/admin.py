"""Third-party admin pages, with the column labels their packages leave in English
(a method's name stands in for a label unless it is given one)."""

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin
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
