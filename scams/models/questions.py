"""The quiz questions of a scam type, asked in the kits' quizzes and on paper."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fraudwatch.core.bilingual import StoredTraditional
from fraudwatch.core.history import TranslatedHistoricalRecords

from .catalogue import EN, ONE_PER_LINE, ZH, ScamType, labelled

QUESTION_KEY = RegexValidator(r"^[a-z0-9-]+\Z", _("Use lower-case letters, digits and hyphens."))


class QuestionQuerySet(models.QuerySet):
    def published(self):
        """The questions residents are asked: those of published types."""
        return self.filter(active=True, scam_type__published=True)


class Question(StoredTraditional, models.Model):
    """A multiple-choice question about one scam type: a short scenario in the victim's words,
    three or four answers of which `answer` (counted from 0) is right, and a one-line
    explanation. The choices are one per line, in the same order in both languages."""

    scam_type = models.ForeignKey(
        ScamType, verbose_name=_("scam type"), on_delete=models.CASCADE, related_name="questions"
    )
    key = models.CharField(_("key"), max_length=60, validators=[QUESTION_KEY])
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(
        _("asked"), default=True, help_text=_("Untick to stop asking it; the answers already counted stay.")
    )
    answer = models.PositiveSmallIntegerField(
        _("right answer"), help_text=_("The number of the right choice, counting the first as 0.")
    )
    question_zh = models.TextField(labelled(_("question"), ZH), max_length=300)
    question_en = models.TextField(labelled(_("question"), EN), max_length=400)
    choices_zh = models.TextField(labelled(_("choices"), ZH), help_text=ONE_PER_LINE)
    choices_en = models.TextField(labelled(_("choices"), EN), help_text=ONE_PER_LINE)
    explain_zh = models.TextField(labelled(_("explanation"), ZH), max_length=300)
    explain_en = models.TextField(labelled(_("explanation"), EN), max_length=400)

    loaded_digest = models.CharField(max_length=64, blank=True, editable=False)
    # Generated from the _zh columns on every save (fraudwatch.core.bilingual.StoredTraditional).
    traditional = models.JSONField(default=dict, blank=True, editable=False)

    history = TranslatedHistoricalRecords(excluded_fields=["traditional"])

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("quiz question")
        verbose_name_plural = _("quiz questions")
        ordering = ["scam_type", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["scam_type", "key"], name="question_key_unique_in_type"),
            models.CheckConstraint(name="question_answer_0_to_3", condition=Q(answer__lte=3)),
        ]

    def __str__(self):
        return f"{self.scam_type.slug}/{self.key}"

    def choice_list(self, suffix):
        return [line.strip() for line in getattr(self, f"choices_{suffix}").splitlines() if line.strip()]

    def clean(self):
        counts = {suffix: len(self.choice_list(suffix)) for suffix in ("zh", "en")}
        errors = {}
        for suffix, count in counts.items():
            if not 3 <= count <= 4:
                errors[f"choices_{suffix}"] = _("Give three or four choices, one per line.")
        if not errors and counts["zh"] != counts["en"]:
            errors["choices_en"] = _("Give as many choices in English as in Chinese, in the same order.")
        if not errors and self.answer is not None and self.answer >= counts["zh"]:
            errors["answer"] = _("The right answer must be one of the choices (0 is the first).")
        if errors:
            raise ValidationError(errors)
