from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from fraudwatch.core.bilingual import BilingualModel


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
        # In the reader's language: the admin's filters and choices show it.
        return str(self.t.name)


class ActivityType(CodedChoice):
    class Meta(CodedChoice.Meta):
        verbose_name = _("activity type")
        verbose_name_plural = _("activity types")


class AudienceGroup(CodedChoice):
    class Meta(CodedChoice.Meta):
        verbose_name = _("audience group")
        verbose_name_plural = _("audience groups")


def mentions_the_number(wording):
    if wording and "{n}" not in wording:
        raise ValidationError(_("Write {n} where the number goes."))


class IndicatorQuerySet(models.QuerySet):
    def typed(self):
        """The active indicators people type figures for: every one but those the app computes."""
        return self.filter(active=True, computed=False)


class Indicator(CodedChoice):
    """A reach figure counted per activity: participants, leaflets, commitments …
    Every report, export and the public home page read the list from here.

    A computed indicator (QR code scans) is measured by the app, never typed: activity
    forms and imports leave it out, and reports add its figures from where they are
    measured (campaigns.kits.scans)."""

    unit_zh = models.CharField(_("counting unit (Chinese)"), max_length=20, help_text=_("e.g. 人次, 份, 场"))
    unit_en = models.CharField(_("counting unit (English)"), max_length=40, help_text=_("e.g. person-times, copies"))
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    narrative_zh = models.CharField(
        _("wording in the report summary (Chinese)"),
        max_length=120,
        blank=True,
        validators=[mentions_the_number],
        help_text=_("{n} stands for the number, e.g. 现场参与{n}人次. Left empty: the name, the number and the unit."),
    )
    narrative_en = models.CharField(
        _("wording in the report summary (English)"),
        max_length=200,
        blank=True,
        validators=[mentions_the_number],
        help_text=_(
            "{n} stands for the number, e.g. {n} person-times attended in person. Left empty: “name” came to {n} units."
        ),
    )
    public = models.BooleanField(
        _("on the public home page"),
        default=False,
        help_text=_("Its total for the year so far is shown to everyone on the home page."),
    )
    computed = models.BooleanField(_("computed by the app"), default=False, editable=False)

    objects = IndicatorQuerySet.as_manager()

    class Meta(CodedChoice.Meta):
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
