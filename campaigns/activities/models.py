import datetime
import uuid

from django.conf import settings
from django.db import models, transaction
from django.db.models import F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.choices import ActivityType, AudienceGroup, Indicator
from campaigns.org.models import OrgUnit
from campaigns.programmes.models import Campaign
from campaigns.workflow.models import Reviewed, Step, WorkflowError
from fraudwatch.core import pagecache
from scams.models import ScamType

COUNTED_VERSION_KEY = "activities:counted-version"


def counted_version():
    """A number that changes whenever the activities reports count may have changed."""
    return pagecache.version(COUNTED_VERSION_KEY)


def counted_changed():
    pagecache.invalidate(COUNTED_VERSION_KEY)


class ActivityQuerySet(models.QuerySet):
    def visible_to(self, roles):
        return self.filter(roles.visible())

    def approved(self):
        return self.filter(status=Activity.Status.APPROVED)

    def in_period(self, start=None, end=None):
        """Activities whose (first) date falls within [start, end]; either bound may be open."""
        if start:
            self = self.filter(date__gte=start)
        if end:
            self = self.filter(date__lte=end)
        return self

    def authored_by(self, roles):
        """What this user created, among what they may still see: their own work."""
        return self.filter(roles.visible(), created_by=roles.user)

    def awaiting_review_by(self, roles):
        return self.filter(roles.reviewable(), status=Activity.Status.SUBMITTED)

    def with_history(self):
        """Each activity's events, oldest first and with their actors, in one query for the
        whole page: what the history shows and what `may_be_approved_by` reads."""
        return self.prefetch_related(Prefetch("events", queryset=ActivityEvent.objects.select_related("actor")))

    def with_figures(self):
        """Each activity's figures with their indicators, in indicator order, in one query for the page."""
        return self.prefetch_related(Prefetch("figures", queryset=Figure.objects.select_related("indicator")))

    def with_submitted_at(self):
        """`submitted_at`: when it last went into the review queue, by a submission or an
        import (its last edit when no event says so). The one definition the queue, the
        overview and the reviewers' reminders read."""
        last_submitted = (
            ActivityEvent.objects.filter(activity=OuterRef("pk"), action__in=ActivityEvent.INTO_REVIEW)
            .order_by("-at")
            .values("at")[:1]
        )
        return self.annotate(submitted_at=Coalesce(Subquery(last_submitted), F("updated_at")))


class Activity(Reviewed, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        APPROVED = "approved", _("approved")
        RETURNED = "returned", _("returned")

    EDITABLE = (Status.DRAFT, Status.RETURNED)
    # A reviewer who approved by mistake may take it back for this long (an approved
    # activity is otherwise locked until an administrator reopens it).
    UNDO_WINDOW = datetime.timedelta(minutes=10)
    # The review workflow (campaigns.workflow); events are ActivityEvent.Action values.
    STEPS = {
        "submit": Step(EDITABLE, Status.SUBMITTED, event="submitted"),
        "approve": Step((Status.SUBMITTED,), Status.APPROVED, four_eyes=True, review=True, event="approved"),
        "undo_approval": Step((Status.APPROVED,), Status.SUBMITTED, review=None, event="approval_undone"),
        "return": Step((Status.SUBMITTED,), Status.RETURNED, reason=True, review=True, event="returned"),
        "reopen": Step((Status.APPROVED,), Status.RETURNED, reason=True, review=True, event="reopened"),
    }
    FOUR_EYES_REFUSAL = _("You cannot approve an activity you created, imported or edited.")
    STALE_REFUSAL = _("This activity has changed since you opened it. Reload the page and try again.")

    unit = models.ForeignKey(OrgUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="activities")
    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), null=True, blank=True, on_delete=models.PROTECT, related_name="activities"
    )
    activity_type = models.ForeignKey(ActivityType, verbose_name=_("activity type"), on_delete=models.PROTECT)
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    end_date = models.DateField(_("end date"), null=True, blank=True, help_text=_("For work over several days."))
    location = models.CharField(_("location"), max_length=200, blank=True)
    audiences = models.ManyToManyField(AudienceGroup, verbose_name=_("audience groups"), blank=True)
    scam_types = models.ManyToManyField(ScamType, verbose_name=_("scam types covered"), blank=True)
    # Material is defined after Activity (materials.py imports from this module): named by string.
    materials = models.ManyToManyField(
        "campaigns.Material", verbose_name=_("material used"), blank=True, related_name="activities"
    )
    notes = models.TextField(_("notes"), blank=True)
    ref = models.CharField(
        _("reference"), max_length=60, blank=True, help_text=_("Optional; unique within the unit (used by imports).")
    )

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("updated by"), on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="activity_end_not_before_start", condition=Q(end_date__isnull=True) | Q(end_date__gte=F("date"))
            ),
            models.UniqueConstraint(fields=["unit", "ref"], condition=~Q(ref=""), name="activity_unique_ref_per_unit"),
        ]
        indexes = [
            models.Index(fields=["status", "date"], name="activity_status_date"),
            models.Index(fields=["unit", "date"], name="activity_unit_date"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("campaigns:activity-detail", args=[self.pk])

    @property
    def is_editable(self):
        return self.status in self.EDITABLE

    def author_ids(self):
        """Everyone who created, imported or at any time edited this activity."""
        actors = {event.actor_id for event in self.events.all() if event.action in ActivityEvent.AUTHORING}
        return {self.created_by_id, self.updated_by_id, *actors} - {None}

    def submit(self, by):
        self.take_step("submit", by)

    def approve(self, by):
        self.take_step("approve", by)

    def may_undo_approval_by(self, user, now=None):
        """Only the reviewer who approved it, and only within UNDO_WINDOW of approving."""
        now = now or timezone.now()
        return (
            self.status == self.Status.APPROVED
            and self.reviewed_by_id == user.pk
            and self.reviewed_at is not None
            and now - self.reviewed_at <= self.UNDO_WINDOW
        )

    def undo_approval(self, by):
        """Back to waiting for review, out of the approved figures, as if never approved."""
        if not self.may_undo_approval_by(by):
            raise WorkflowError(
                _("Only the reviewer who approved an activity can undo that, and only within 10 minutes.")
            )
        self.take_step("undo_approval", by)

    def return_to_author(self, by, reason):
        self.take_step("return", by, reason)

    def reopen(self, by, reason):
        self.take_step("reopen", by, reason)

    def step_taken(self, old_status):
        transaction.on_commit(counted_changed)

    def record_step(self, step, by, old_status, reason, at):
        ActivityEvent.objects.create(
            activity=self,
            actor=by,
            at=at,
            action=ActivityEvent.Action(step.event),
            reason=reason,
            changes=[change("status", old_status, self.status)],
        )


class Figure(models.Model):
    """The value of one indicator for one activity. No row means not recorded."""

    MAX_VALUE = 10**12  # far above any real count; the form and the import refuse more

    activity = models.ForeignKey(Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="figures")
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="figures"
    )
    value = models.PositiveBigIntegerField(_("value"))

    class Meta:
        verbose_name = _("figure")
        verbose_name_plural = _("figures")
        ordering = ["indicator__position", "indicator__code"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "indicator"], name="figure_one_per_indicator"),
            models.CheckConstraint(name="figure_not_negative", condition=Q(value__gte=0)),
        ]

    def __str__(self):
        return f"{self.indicator.code}={self.value}"


def evidence_path(evidence, filename):
    # The stored name never reuses the uploader's file name (kept separately).
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"evidence/{evidence.activity_id}/{uuid.uuid4().hex}.{extension}"


class Evidence(models.Model):
    """A photo, sign-in sheet or PDF, stored outside the static tree and served
    only through a view that checks the viewer may see the activity."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="evidence"
    )
    # Kept under MEDIA_ROOT, which nothing serves directly: see views.evidence_download.
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("campaigns:evidence", args=[self.activity_id, self.pk])

    @property
    def is_picture(self):
        """A photo (shown as a thumbnail) rather than a PDF (shown as an icon)."""
        return self.content_type.startswith("image/")

    def get_thumbnail_url(self):
        return reverse("campaigns:evidence-thumb", args=[self.activity_id, self.pk])


def change(field, old, new, label=None):
    """One line of history. `field` is an Activity field name, "status" or "file";
    figures carry their indicator's names as `label` ({"zh": …, "en": …})."""
    entry = {"field": field, "old": old, "new": new}
    if label:
        entry["label"] = label
    return entry


class ActivityEvent(models.Model):
    """One entry of an activity's history: who did what when, with old → new values."""

    class Action(models.TextChoices):
        CREATED = "created", _("created")
        EDITED = "edited", _("edited")
        SUBMITTED = "submitted", _("submitted")
        APPROVED = "approved", _("approved")
        RETURNED = "returned", _("returned")
        REOPENED = "reopened", _("reopened")
        IMPORTED = "imported", _("imported")
        APPROVAL_UNDONE = "approval_undone", _("approval undone")

    # The actions that make someone an author of the activity, who may then not approve it.
    AUTHORING = (Action.CREATED, Action.EDITED, Action.IMPORTED)
    # The actions that put an activity into the review queue (rows may be imported already submitted).
    INTO_REVIEW = (Action.SUBMITTED, Action.IMPORTED)

    activity = models.ForeignKey(Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("actor"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    # A list of change() dicts: values are kept as plain text, so the history still
    # reads right after a unit, type or indicator is renamed or removed.
    changes = models.JSONField(_("changes"), default=list, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("history entry")
        verbose_name_plural = _("history entries")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.activity_id} {self.action} {self.at:%Y-%m-%d %H:%M}"

    @property
    def imported_as_approved(self):
        """An administrator loaded this activity as approved, without review."""
        return self.action == self.Action.IMPORTED and change("status", "", Activity.Status.APPROVED) in self.changes


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
