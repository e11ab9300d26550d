import datetime
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# How long a prepared file waits for its owner once it is ready (and how long a request
# waits for the worker before it counts as expired).
KEEP_FOR = datetime.timedelta(hours=24)
# A document still waiting after this long has lost its worker (none running, or one
# stopped mid-build): its page says so and offers to queue it again.
STALLED_AFTER = datetime.timedelta(minutes=10)


def prepared_path(document, filename):
    # Never served from the media tree: only the download view reads it, for its owner.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"prepared/{document.pk}.{extension}"


class PreparedDocumentQuerySet(models.QuerySet):
    def owned_by(self, user):
        return self.filter(owner=user) if user.is_authenticated else self.none()

    def expired(self, now=None):
        return self.filter(expires_at__lte=now or timezone.now())

    def live(self, now=None):
        return self.filter(expires_at__gt=now or timezone.now())


class PreparedDocument(models.Model):
    """A document too large to build within a request (campaigns.reports.prepared says
    which), built by the task queue's worker and kept for its owner alone until
    expires_at; then `manage.py remove_expired_documents`, or the owner's next visit,
    removes it."""

    class Kind(models.TextChoices):
        REPORT = "report", _("report")

    class Status(models.TextChoices):
        QUEUED = "queued", _("being prepared")
        BUILDING = "building", _("being built")
        READY = "ready", _("ready")
        FAILED = "failed", _("failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="prepared_documents",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.REPORT)
    # What to build, as the request named it: for a report its filters (with the period's
    # dates resolved, so that "this year" means the year it was asked in) and the format.
    parameters = models.JSONField(_("parameters"), default=dict)
    language = models.CharField(_("language"), max_length=10)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    file = models.FileField(_("file"), upload_to=prepared_path, blank=True)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"))
    error = models.TextField(_("error"), blank=True)

    objects = PreparedDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("prepared document")
        verbose_name_plural = _("prepared documents")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["expires_at"], name="prepared_expires")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("created_at")), name="prepared_expires_later"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.parameters.get('format', '')} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("reports:prepared", args=[self.pk])

    def save_file(self, name, handle):
        """The built file is stored and the document is ready; it waits KEEP_FOR from now."""
        now = timezone.now()
        self.file.save(name, handle, save=False)
        self.file_name, self.status, self.finished_at, self.expires_at, self.error = (
            name,
            self.Status.READY,
            now,
            now + KEEP_FOR,
            "",
        )
        self.save(update_fields=["file", "file_name", "status", "finished_at", "expires_at", "error"])

    @property
    def is_waiting(self):
        return self.status in (self.Status.QUEUED, self.Status.BUILDING)

    def is_stalled(self, now=None):
        return self.is_waiting and self.created_at <= (now or timezone.now()) - STALLED_AFTER

    def may_retry(self):
        return self.status == self.Status.FAILED or self.is_stalled()

    def fail(self, error):
        self.status, self.error, self.finished_at = self.Status.FAILED, error, timezone.now()
        self.save(update_fields=["status", "error", "finished_at"])

    def requeue(self):
        """A failed or stalled build is tried again, with a fresh day to wait for the worker."""
        now = timezone.now()
        self.status, self.error, self.finished_at = self.Status.QUEUED, "", None
        self.created_at, self.expires_at = now, now + KEEP_FOR
        self.save(update_fields=["status", "error", "finished_at", "created_at", "expires_at"])

    def is_expired(self, now=None):
        return self.expires_at <= (now or timezone.now())

    def remove(self):
        """The stored file and the row."""
        if self.file:
            self.file.delete(save=False)
        self.delete()
