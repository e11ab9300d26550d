"""The paper quiz: the printed sheet's questions, and the tally staff type on the activity
form (how many sheets came back, and for each question how many had it right).

The sheet for a campaign is its kit's (scams.quiz.sheet over the kit's scam types), else
the whole catalogue's. The tally names its questions in a hidden field, so that the
questions it counts are the ones the form showed (and the sheet printed from that form
held), whatever the campaign chosen meanwhile. A tally is part of the activity: saved
with it, reviewed with it, and counted in reports only once the activity is.
"""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns.models import Figure, Kit, PaperTally, PaperTallyLine, change
from scams import quiz
from scams.models import Question

SHEETS = "quiz_sheets"
QUESTIONS = "quiz_questions"


def right_field(question):
    return f"quiz_right_{question.pk}"


def sheet_for(campaign):
    """The questions of the paper sheet for `campaign` (None: the catalogue-wide sheet)."""
    kit = Kit.objects.filter(campaign=campaign).first() if campaign is not None else None
    types = list(kit.scam_types.published().values_list("pk", flat=True)) if kit else []
    return quiz.sheet(types or None)


def questions_named(value):
    """The askable questions whose ids `value` lists (comma-separated), in that order."""
    ids = [int(part) for part in value.split(",") if part.strip().isdigit()][: quiz.MAX_LENGTH]
    found = Question.objects.published().select_related("scam_type").in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def add_fields(form):
    """Give the activity form its tally fields: sheets, the questions, a count per question."""
    instance = form.instance
    tally = PaperTally.objects.filter(activity=instance).first() if instance.pk else None
    right = {}
    if form.is_bound:
        questions = questions_named(form.data.get(QUESTIONS, ""))
    elif tally is not None:
        lines = list(tally.lines.select_related("question__scam_type"))
        questions = [line.question for line in lines]
        right = {line.question_id: line.correct for line in lines}
    else:
        questions = sheet_for(instance.campaign if instance.pk else None)
    form.quiz_questions = questions
    # A form sent without the tally's fields (not from the page, which always holds them)
    # leaves the tally as it is.
    form.quiz_sent = not form.is_bound or QUESTIONS in form.data
    number = {"inputmode": "numeric", "min": 0, "step": 1}
    form.fields[SHEETS] = forms.IntegerField(
        label=gettext_lazy("Quiz sheets collected"),
        required=False,
        min_value=0,
        max_value=Figure.MAX_VALUE,
        initial=tally.sheets if tally else None,
        widget=forms.NumberInput(attrs=number),
    )
    form.fields[QUESTIONS] = forms.CharField(
        required=False,
        widget=forms.HiddenInput,
        initial=",".join(str(question.pk) for question in questions),
    )
    for position, question in enumerate(questions, 1):
        form.fields[right_field(question)] = forms.IntegerField(
            label=f"{position}. {question.t.question}",
            required=False,
            min_value=0,
            max_value=Figure.MAX_VALUE,
            initial=right.get(question.pk),
            widget=forms.NumberInput(attrs=number),
        )


def fields(form):
    return [form[right_field(question)] for question in form.quiz_questions]


def clean(form):
    """Sheets and right answers agree: every question counted when sheets are, none more
    often than the sheets, and no counts without sheets."""
    sheets = form.cleaned_data.get(SHEETS)
    counts = {question: form.cleaned_data.get(right_field(question)) for question in form.quiz_questions}
    if not sheets:
        if any(value for value in counts.values()):
            form.add_error(SHEETS, _("Enter how many quiz sheets were collected."))
        return
    for question, value in counts.items():
        if value is None:
            form.add_error(right_field(question), _("Enter how many sheets had this right (0 if none)."))
        elif value > sheets:
            form.add_error(right_field(question), _("More right answers than sheets collected."))


def wanted(form):
    """(sheets, {question: right}) from the cleaned form, or None for no tally."""
    sheets = form.cleaned_data.get(SHEETS)
    if not sheets:
        return None
    return sheets, {question: form.cleaned_data[right_field(question)] for question in form.quiz_questions}


def describe(tally):
    if tally is None:
        return ""
    sheets, right = tally
    counts = ", ".join(f"{question.scam_type.slug}/{question.key}={value}" for question, value in right.items())
    return f"{sheets}: {counts}"


def save(activity, form, creating):
    """Write the form's tally for `activity` (or remove it); returns the history changes."""
    if not form.quiz_sent:
        return []
    after = wanted(form)
    current = None if creating else PaperTally.objects.filter(activity=activity).first()
    before = None
    if current is not None:
        lines = current.lines.select_related("question__scam_type")
        before = (current.sheets, {line.question: line.correct for line in lines})
    if describe(before) == describe(after):
        return []
    if after is None:
        current.delete()
    else:
        sheets, right = after
        tally, _created = PaperTally.objects.update_or_create(activity=activity, defaults={"sheets": sheets})
        tally.lines.all().delete()
        PaperTallyLine.objects.bulk_create(
            PaperTallyLine(tally=tally, question=question, correct=value) for question, value in right.items()
        )
    label = {"zh": "纸质答题", "en": "paper quiz"}
    return [] if creating else [change("quiz", describe(before), describe(after), label)]
