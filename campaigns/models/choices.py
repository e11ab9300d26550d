from django.db import models
from django.utils.translation import gettext_lazy as _

from fraudwatch.bilingual import BilingualModel


class CodedChoice(BilingualModel, models.Model):
    """A list administrators can extend: activity types, audience groups."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=80)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        abstract = True
        ordering = ["position", "code"]

    def __str__(self):
        return f"{self.name_zh} / {self.name_en}"


class ActivityType(CodedChoice):
    class Meta(CodedChoice.Meta):
        verbose_name = _("activity type")
        verbose_name_plural = _("activity types")


class AudienceGroup(CodedChoice):
    class Meta(CodedChoice.Meta):
        verbose_name = _("audience group")
        verbose_name_plural = _("audience groups")


class Indicator(CodedChoice):
    """A reach figure counted per activity: participants, leaflets, commitments …"""

    unit_zh = models.CharField(_("counting unit (Chinese)"), max_length=20, help_text=_("e.g. 人次, 份, 场"))
    unit_en = models.CharField(_("counting unit (English)"), max_length=40, help_text=_("e.g. person-times, copies"))
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    class Meta(CodedChoice.Meta):
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
