import datetime

from django.conf import settings
from django.db import models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.org.models import OrgUnit
from campaigns.workflow.models import Reviewed, ReviewStep, Step
from fraudwatch.core import pagecache
from fraudwatch.core.bilingual import PRIMARY_LANGUAGE, BilingualModel, text_in
from scams.models import ScamType


class AlertQuerySet(models.QuerySet):
    def visible_to(self, roles):
        return self.filter(roles.visible())

    def approved(self):
        return self.filter(status=Alert.Status.APPROVED)

    def current(self, day=None):
        """Approved alerts whose dates include `day` (today when None), newest first:
        the only alerts any public page shows."""
        day = day or timezone.localdate()
        return self.approved().filter(start__lte=day, end__gte=day).order_by("-start", "-pk")


class Alert(Reviewed, BilingualModel, models.Model):
    """A dated warning for residents of an area ("fake police calls this week"), written by
    staff and shown on the public pages from its start to its end once a reviewer approves it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        APPROVED = "approved", _("approved")
        RETURNED = "returned", _("returned")

    # An approved alert may be edited too; the edit takes it off the public pages until
    # a reviewer approves it again.
    EDITABLE = (Status.DRAFT, Status.RETURNED, Status.APPROVED)
    # The review workflow (campaigns.workflow). Returning an approved alert withdraws it.
    STEPS = {
        "submit": Step((Status.DRAFT, Status.RETURNED), Status.SUBMITTED, event="submitted"),
        "approve": Step((Status.SUBMITTED,), Status.APPROVED, four_eyes=True, review=True, event="approved"),
        "return": Step(
            (Status.SUBMITTED, Status.APPROVED), Status.RETURNED, reason=True, review=True, event="returned"
        ),
    }
    FOUR_EYES_REFUSAL = _("You cannot approve an alert you wrote or changed.")
    STALE_REFUSAL = _("This alert has changed since you opened it. Reload the page and try again.")
    EITHER_LANGUAGE = True  # an alert needs only one language: a Chinese page shows an English one

    unit = models.ForeignKey(OrgUnit, verbose_name=_("area"), on_delete=models.PROTECT, related_name="alerts")
    title_zh = models.CharField(_("title (Chinese)"), max_length=120, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=120, blank=True)
    body_zh = models.TextField(_("text (Chinese)"), max_length=1000, blank=True)
    body_en = models.TextField(_("text (English)"), max_length=1000, blank=True)
    scam_types = models.ManyToManyField(ScamType, verbose_name=_("scam types"), blank=True, related_name="alerts")
    start = models.DateField(_("first day shown"))
    end = models.DateField(_("last day shown"))

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("updated by"), on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    # Everyone who wrote or changed the text at any time: none of them may approve it.
    authors = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="authored_alerts", editable=False)

    objects = AlertQuerySet.as_manager()

    class Meta:
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        ordering = ["-start", "-pk"]
        constraints = [
            models.CheckConstraint(name="alert_end_not_before_start", condition=Q(end__gte=F("start"))),
            models.CheckConstraint(
                name="alert_written_in_at_least_one_language",
                condition=(~Q(title_zh="") & ~Q(body_zh="")) | (~Q(title_en="") & ~Q(body_en="")),
            ),
        ]
        indexes = [models.Index(fields=["status", "start", "end"], name="alert_status_dates")]

    def __str__(self):
        return str(text_in(self, "title", PRIMARY_LANGUAGE))

    def get_absolute_url(self):
        return reverse("campaigns:alert-detail", args=[self.pk])

    def get_public_url(self):
        return reverse("alerts:detail", args=[self.pk])

    @property
    def is_editable(self):
        return self.status in self.EDITABLE

    def is_current(self, day=None):
        day = day or timezone.localdate()
        return self.status == self.Status.APPROVED and self.start <= day <= self.end

    def published_at(self):
        """When it reached the public pages: its approval, or its first day if that came later."""
        first_day = timezone.make_aware(datetime.datetime.combine(self.start, datetime.time.min))
        return max(self.reviewed_at, first_day) if self.reviewed_at else first_day

    def author_ids(self):
        return {self.created_by_id, *(author.pk for author in self.authors.all())} - {None}

    def record_edit(self, by):
        """Before an edit is saved: it is `by`'s work now, and an approved alert goes
        back to draft, off the public pages, until a reviewer approves it again."""
        now = timezone.now()
        if self.pk is None:
            self.created_by, self.created_at = by, now
        else:
            self.version += 1
        self.updated_by, self.updated_at = by, now
        if self.status == self.Status.APPROVED:
            self.status, self.reviewed_by, self.reviewed_at = self.Status.DRAFT, None, None
            transaction.on_commit(pagecache.invalidate)

    def submit(self, by):
        self.take_step("submit", by)

    def approve(self, by):
        self.take_step("approve", by)

    def return_to_author(self, by, reason):
        """Send it back with a reason; an approved alert is withdrawn from the public pages."""
        self.take_step("return", by, reason)

    def step_taken(self, old_status):
        if self.Status.APPROVED in (old_status, self.status):
            transaction.on_commit(pagecache.invalidate)


class AlertStep(ReviewStep):
    """One step of an alert's review, for its history (campaigns.workflow)."""

    subject = models.ForeignKey(Alert, verbose_name=_("alert"), on_delete=models.CASCADE, related_name="review_steps")

    class Meta(ReviewStep.Meta):
        verbose_name = _("alert review step")
        verbose_name_plural = _("alert review steps")
