"""What quizzes measure: how many people took one and how many of their answers were right,
for the computed indicators `quiz_takers` (答题人次) and `awareness_rate` (知晓率).

Online quizzes are those taken through a unit's kit code (/k/<code>/quiz/): counted as kit
scans are, once per phone per code and day, and kept only as daily counts per code (so per
unit and campaign) and question (so per scam type); nothing about the person. Paper quizzes
are tallied on an activity, and count as its other figures do: once it is approved.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from campaigns.activities.models import Activity
from campaigns.kits.models import KitCode
from scams.models import Question

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
