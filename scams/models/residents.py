"""What residents tell the site: messages shared from the checker, and "I got this too"."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .catalogue import ScamType


class ShareStatus(models.TextChoices):
    NEW = "new", _("new")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")


class Risk(models.TextChoices):
    """The checker's verdicts."""

    HIGH = "high", _("very likely a scam")
    MEDIUM = "medium", _("some warning signs")
    OFFICIAL = "official", _("a genuine anti-fraud warning")
    NONE = "none", _("no known scam signs")


class SharedMessage(models.Model):
    """A message a resident checked and chose to share, with personal numbers masked,
    waiting for staff to accept it as an example or reject it. Nothing about the
    sender is kept: no address, no browser, no account."""

    Status = ShareStatus

    text = models.TextField(_("message (personal numbers masked)"))
    language = models.CharField(_("page language"), max_length=10)
    matched = models.ForeignKey(
        ScamType,
        verbose_name=_("best matching scam type"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="shared_messages",
    )
    # What the checker said when the message was shared: high, medium, official or none.
    risk = models.CharField(_("checker's verdict"), max_length=10, choices=Risk.choices, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW)
    created_at = models.DateTimeField(_("shared at"), auto_now_add=True)

    class Meta:
        verbose_name = _("shared message")
        verbose_name_plural = _("shared messages")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(name="sharedmessage_status_valid", condition=Q(status__in=ShareStatus.values)),
        ]

    def __str__(self):
        return self.text[:60]

    @classmethod
    def share(cls, text, *, language, matched=None, risk=""):
        """Keep a message a resident chose to share, its personal numbers masked first, with
        what the checker said of it."""
        from ..checking import mask_personal_numbers

        return cls.objects.create(text=mask_personal_numbers(text), language=language, matched=matched, risk=risk)


class Sighting(models.Model):
    """How many visitors said "I got this too" about one scam type on one day: a count
    and nothing else, not even who or from where (see scams.sightings)."""

    scam_type = models.ForeignKey(
        ScamType, verbose_name=_("scam type"), on_delete=models.CASCADE, related_name="sightings"
    )
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("sighting count")
        verbose_name_plural = _("sighting counts")
        ordering = ["-day", "scam_type"]
        constraints = [
            models.UniqueConstraint(fields=["scam_type", "day"], name="sighting_one_per_type_and_day"),
        ]

    def __str__(self):
        return f"{self.scam_type_id} {self.day}: {self.count}"
