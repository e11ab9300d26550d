from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.choices import Indicator
from campaigns.org.models import OrgUnit
from fraudwatch.core.bilingual import BilingualModel
from fraudwatch.core.history import TranslatedHistoricalRecords
from scams.models import ScamType


class CampaignQuerySet(models.QuerySet):
    def visible_to(self, roles):
        """Campaigns led from a user's units, from above them, or from within their subtrees."""
        if roles.is_admin:
            return self
        units = roles.units()
        above = {path for unit in units for path in [*unit.ancestor_paths(), unit.path]}
        taking_part = Campaign.units.through.objects.filter(
            Q(orgunit__path__in=above) | roles.visible("orgunit__path")
        ).values("campaign")
        return self.filter(Q(lead_unit__path__in=above) | roles.visible("lead_unit__path") | Q(pk__in=taking_part))

    def open(self):
        return self.filter(closed_at__isnull=True)

    def running(self, day):
        """Open campaigns whose dates include `day`."""
        return self.open().filter(start__lte=day, end__gte=day)


class Campaign(BilingualModel, models.Model):
    name_zh = models.CharField(_("name (Chinese)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    slogan_zh = models.CharField(_("slogan (Chinese)"), max_length=120, blank=True)
    slogan_en = models.CharField(_("slogan (English)"), max_length=200, blank=True)
    start = models.DateField(_("start date"))
    end = models.DateField(_("end date"))
    lead_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("lead unit"), on_delete=models.PROTECT, related_name="led_campaigns"
    )
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    scam_types = models.ManyToManyField(ScamType, verbose_name=_("scam types in focus"), blank=True)
    units = models.ManyToManyField(
        OrgUnit,
        verbose_name=_("participating units"),
        blank=True,
        related_name="campaigns_joined",
        help_text=_("Leave empty: every unit under the lead unit takes part."),
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = TranslatedHistoricalRecords(m2m_fields=[units, scam_types])

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-start", "name_zh"]
        constraints = [
            models.CheckConstraint(name="campaign_ends_after_start", condition=Q(end__gte=F("start"))),
            models.UniqueConstraint(fields=["name_zh"], name="campaign_unique_name_zh"),
        ]

    def __str__(self):
        return self.name_zh

    def get_absolute_url(self):
        return reverse("campaigns:campaign-detail", args=[self.pk])

    @property
    def is_closed(self):
        return self.closed_at is not None

    def close(self, by):
        """Close the campaign: it stays listed with its history and figures, read-only."""
        self.closed_at, self.closed_by = timezone.now(), by
        self.save(update_fields=["closed_at", "closed_by"])

    def time_progress(self, today):
        """The share of the campaign's days elapsed by the end of `today`, 0 to 100 (时间进度)."""
        days = (self.end - self.start).days + 1
        elapsed = min(max((today - self.start).days + 1, 0), days)
        return percent_done(elapsed, days)

    def participating_units(self):
        """The units named as taking part, or the lead unit when none are (its subtree takes part)."""
        return list(self.units.all()) or [self.lead_unit]

    def takes_part(self, unit):
        """Whether `unit` is in the campaign: under a participating unit, or the lead unit."""
        return any(taking_part.contains(unit) for taking_part in self.participating_units())


def percent_done(done, target):
    """`done` as a whole percentage of `target`, the one way every page and export says
    how far a campaign has come. Not capped: a target beaten by half reads 150%. A target
    of zero is met from the start."""
    return round(done * 100 / target) if target else 100


class CampaignTarget(models.Model):
    campaign = models.ForeignKey(Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="targets")
    indicator = models.ForeignKey(Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT)
    value = models.PositiveBigIntegerField(_("target"))

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["indicator__position"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "indicator"], name="target_one_per_indicator"),
        ]

    def __str__(self):
        return f"{self.campaign}: {self.indicator.code} ≥ {self.value}"
