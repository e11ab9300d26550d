from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.activities.models import Activity


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)

    def unread(self):
        return self.filter(read_at__isnull=True)

    def mark_read(self):
        return self.unread().update(read_at=timezone.now())


class Notification(models.Model):
    """Something a person should know about an activity: theirs came back or went
    through, or one they review has waited too long. Shown in the app; also e-mailed
    when a mail server is configured (see campaigns/notifications.py)."""

    class Kind(models.TextChoices):
        RETURNED = "returned", _("returned to you")
        APPROVED = "approved", _("approved")
        WAITING = "waiting", _("waiting for your review")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="notifications"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_user_read")]

    def __str__(self):
        return f"{self.user} {self.kind} {self.activity_id}"

    def get_absolute_url(self):
        return self.activity.get_absolute_url()

    @property
    def is_read(self):
        return self.read_at is not None
