from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.org.models import OrgUnit
from scams.models import ScamType


class CaseStatQuerySet(models.QuerySet):
    def in_period(self, start, end):
        """The months a report period touches: every month whose first day lies between
        the first day of `start`'s month and `end`. Case figures come by the month, so a
        period ending on the 29th counts that whole month."""
        return self.filter(month__gte=start.replace(day=1), month__lte=end)

    def within(self, unit):
        """Figures of `unit` and everything under it (everything when None)."""
        return self if unit is None else self.filter(unit__path__startswith=unit.path)


class CaseStat(models.Model):
    """Case statistics a unit reports for one month and one scam type: how many cases
    were filed and what was lost. Imported from the case figures the police keep; never
    added to any outreach figure, only set beside them."""

    unit = models.ForeignKey(OrgUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="case_stats")
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    scam_type = models.ForeignKey(
        ScamType, verbose_name=_("scam type"), on_delete=models.PROTECT, related_name="case_stats"
    )
    cases = models.PositiveIntegerField(_("cases"))
    losses = models.PositiveBigIntegerField(_("losses (yuan)"))
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("imported by"), on_delete=models.PROTECT, related_name="+"
    )
    imported_at = models.DateTimeField(_("imported at"), default=timezone.now)

    objects = CaseStatQuerySet.as_manager()

    class Meta:
        verbose_name = _("case statistic")
        verbose_name_plural = _("case statistics")
        ordering = ["-month", "unit__path", "scam_type__slug"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "month", "scam_type"], name="case_stat_one_per_month_unit_type"),
            models.CheckConstraint(name="case_stat_month_is_first_day", condition=Q(month__day=1)),
            models.CheckConstraint(name="case_stat_cases_not_negative", condition=Q(cases__gte=0)),
            models.CheckConstraint(name="case_stat_losses_not_negative", condition=Q(losses__gte=0)),
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.unit_id} {self.scam_type_id}: {self.cases}"
