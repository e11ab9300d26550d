"""Campaign kits: the material and scam types a campaign hands out, printed by each unit
taking part with its own short code, so that scans of the printed QR codes measure each
unit's reach (the computed indicator `qr_scans`).

A scan is counted once per phone per unit and day; nothing about the phone is kept in the
database, only the day's count (see campaigns.kits.scans). The quizzes answered through the
kit codes, and those tallied on paper at an activity, are counted below the same way."""

import secrets

from django.db import IntegrityError, models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.activities.models import Activity
from campaigns.materials.models import Material
from campaigns.org.models import OrgUnit
from campaigns.programmes.models import Campaign
from fraudwatch.core.bilingual import BilingualModel
from scams.models import Question, ScamType

# No 0/o, 1/l/i: a code read aloud or typed from paper stays unambiguous.
CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
CODE_LENGTH = 6

QR_SCANS = "qr_scans"  # the computed indicator's code


def new_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class Kit(BilingualModel, models.Model):
    campaign = models.OneToOneField(Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="kit")
    materials = models.ManyToManyField(Material, verbose_name=_("material"), blank=True, related_name="kits")
    scam_types = models.ManyToManyField(ScamType, verbose_name=_("scam types"), blank=True, related_name="+")
    intro_zh = models.TextField(_("introduction (Chinese)"), max_length=1000, blank=True)
    intro_en = models.TextField(_("introduction (English)"), max_length=1000, blank=True)
    EITHER_LANGUAGE = True  # an introduction in one language is shown on every page

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


# What quizzes measure: how many people took one and how many of their answers were right,
# for the computed indicators `quiz_takers` (答题人次) and `awareness_rate` (知晓率).
#
# Online quizzes are those taken through a unit's kit code (/k/<code>/quiz/): counted as kit
# scans are, once per phone per code and day, and kept only as daily counts per code (so per
# unit and campaign) and question (so per scam type); nothing about the person. Paper quizzes
# are tallied on an activity, and count as its other figures do: once it is approved.

QUIZ_TAKERS = "quiz_takers"  # the computed indicators' codes
AWARENESS_RATE = "awareness_rate"


class KitQuiz(models.Model):
    """How many phones answered a unit's kit quiz on a day: a count, nothing about who."""

    code = models.ForeignKey(KitCode, on_delete=models.CASCADE, related_name="quizzes")
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("kit quizzes of a day")
        verbose_name_plural = _("kit quizzes by day")
        ordering = ["-day", "code"]
        constraints = [models.UniqueConstraint(fields=["code", "day"], name="kit_quiz_once_a_day")]

    def __str__(self):
        return f"{self.code} {self.day}: {self.count}"


class KitQuizAnswer(models.Model):
    """How often a question of a unit's kit quiz was answered on a day, and how often rightly."""

    code = models.ForeignKey(KitCode, on_delete=models.CASCADE, related_name="quiz_answers")
    day = models.DateField()
    # A question whose answers are counted is withdrawn ("asked" unticked), never deleted.
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    answered = models.PositiveIntegerField(default=0)
    correct = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("kit quiz answers of a day")
        verbose_name_plural = _("kit quiz answers by day")
        ordering = ["-day", "code", "question"]
        constraints = [
            models.UniqueConstraint(fields=["code", "day", "question"], name="kit_quiz_answer_once_a_day"),
            models.CheckConstraint(name="kit_quiz_correct_within_answered", condition=Q(correct__lte=F("answered"))),
        ]

    def __str__(self):
        return f"{self.code} {self.day} {self.question_id}: {self.correct}/{self.answered}"


class PaperTally(models.Model):
    """The paper quiz sheets collected at an activity: how many, and for each question how
    many sheets had it right. Part of the activity: reviewed with it, counted once approved."""

    activity = models.OneToOneField(Activity, on_delete=models.CASCADE, related_name="paper_tally")
    sheets = models.PositiveIntegerField(_("quiz sheets collected"))

    class Meta:
        verbose_name = _("paper quiz tally")
        verbose_name_plural = _("paper quiz tallies")
        ordering = ["activity"]

    def __str__(self):
        return f"{self.activity_id}: {self.sheets}"


class PaperTallyLine(models.Model):
    tally = models.ForeignKey(PaperTally, on_delete=models.CASCADE, related_name="lines")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    correct = models.PositiveIntegerField(_("sheets with the right answer"))

    class Meta:
        verbose_name = _("paper quiz tally line")
        verbose_name_plural = _("paper quiz tally lines")
        ordering = ["tally", "pk"]
        constraints = [models.UniqueConstraint(fields=["tally", "question"], name="paper_tally_question_once")]

    def __str__(self):
        return f"{self.tally_id} {self.question_id}: {self.correct}"
