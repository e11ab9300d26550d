"""Campaign kits: the material and scam types a campaign hands out, printed by each unit
taking part with its own short code, so that scans of the printed QR codes measure each
unit's reach (the computed indicator `qr_scans`).

A scan is counted once per phone per unit and day; nothing about the phone is kept in the
database, only the day's count (see campaigns.kits.scans)."""

import secrets

from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.materials.models import Material
from campaigns.org.models import OrgUnit
from campaigns.programmes.models import Campaign
from scams.models import ScamType

# No 0/o, 1/l/i: a code read aloud or typed from paper stays unambiguous.
CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
CODE_LENGTH = 6

QR_SCANS = "qr_scans"  # the computed indicator's code


def new_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class Kit(models.Model):
    campaign = models.OneToOneField(Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="kit")
    materials = models.ManyToManyField(Material, verbose_name=_("material"), blank=True, related_name="kits")
    scam_types = models.ManyToManyField(ScamType, verbose_name=_("scam types"), blank=True, related_name="+")
    intro_zh = models.TextField(_("introduction (Chinese)"), max_length=1000, blank=True)
    intro_en = models.TextField(_("introduction (English)"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("campaign kit")
        verbose_name_plural = _("campaign kits")

    def __str__(self):
        return str(self.campaign)

    def get_absolute_url(self):
        return reverse("kit", args=[self.pk])

    def code_for(self, unit):
        """The unit's short code for this kit, made the first time it is asked for."""
        existing = self.codes.filter(unit=unit).first()
        if existing:
            return existing
        for _attempt in range(5):
            try:
                with transaction.atomic():
                    return KitCode.objects.create(kit=self, unit=unit, code=new_code())
            except IntegrityError:
                existing = self.codes.filter(unit=unit).first()
                if existing:  # made by a request running beside this one
                    return existing
        raise RuntimeError("could not find a free kit code")


class KitCode(models.Model):
    kit = models.ForeignKey(Kit, verbose_name=_("kit"), on_delete=models.CASCADE, related_name="codes")
    unit = models.ForeignKey(OrgUnit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="kit_codes")
    code = models.CharField(_("code"), max_length=12, unique=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("kit code")
        verbose_name_plural = _("kit codes")
        ordering = ["kit", "unit__path"]
        constraints = [models.UniqueConstraint(fields=["kit", "unit"], name="kit_code_one_per_unit")]

    def __str__(self):
        return self.code

    def get_absolute_url(self):
        return reverse("kit-scan", args=[self.code])


class KitScan(models.Model):
    """How many phones scanned a unit's code on a day: a count, nothing about who."""

    code = models.ForeignKey(KitCode, verbose_name=_("code"), on_delete=models.CASCADE, related_name="scans")
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("kit scan count")
        verbose_name_plural = _("kit scan counts")
        ordering = ["-day", "code"]
        constraints = [models.UniqueConstraint(fields=["code", "day"], name="kit_scan_once_a_day")]

    def __str__(self):
        return f"{self.code} {self.day}: {self.count}"
