"""The quiz: questions drawn from the catalogue's question bank, and the answers graded.

A quiz is one page: the questions go out with the form (their ids in hidden fields) and
come back with the answers, so nothing is kept between the two requests and nothing about
the person is stored. Questions are drawn one per scam type first, the types picked at
random but weighted by the square of their harm, so the scams that cost residents most
come up most often while the rare ones still appear now and then.
"""

import random
from dataclasses import dataclass

from .models import Question

LENGTH = 5  # questions in a quiz
MAX_LENGTH = 10  # the most a posted quiz may hold (a printed sheet has up to ten)


def _weight(scam):
    return scam.harm**2


def draw(count=LENGTH, scam_types=None, rng=None):
    """`count` questions (fewer if the bank has fewer), from `scam_types` (a queryset or
    list of ids) or the whole published catalogue: one query."""
    rng = rng or random.SystemRandom()
    questions = Question.objects.published().select_related("scam_type")
    if scam_types is not None:
        questions = questions.filter(scam_type__in=scam_types)
    by_type = {}
    for question in questions:
        by_type.setdefault(question.scam_type_id, []).append(question)
    # Weighted sampling without replacement (Efraimidis and Spirakis): each type's key is
    # u ** (1 / weight), and the largest keys win.
    order = sorted(by_type.values(), key=lambda group: -(rng.random() ** (1 / _weight(group[0].scam_type))))
    for group in order:
        rng.shuffle(group)
    chosen = []
    while len(chosen) < count and any(order):
        for group in order:
            if group and len(chosen) < count:
                chosen.append(group.pop())
    return chosen


def sheet(scam_types=None, count=MAX_LENGTH):
    """The questions of a printed quiz sheet: the same every time for the same types and
    bank, so that a tally typed in later matches the sheets handed out. The first question
    of each type, most harmful types first, then the second of each, and so on."""
    questions = Question.objects.published().select_related("scam_type")
    if scam_types is not None:
        questions = questions.filter(scam_type__in=scam_types)
    questions = questions.order_by(
        "-scam_type__harm", "scam_type__category__position", "scam_type__slug", "position", "pk"
    )
    by_type = {}
    for question in questions:
        by_type.setdefault(question.scam_type_id, []).append(question)
    chosen, round_ = [], 0
    while len(chosen) < count and any(len(group) > round_ for group in by_type.values()):
        chosen.extend(group[round_] for group in by_type.values() if len(group) > round_)
        round_ += 1
    return chosen[:count]


@dataclass
class Answer:
    question: Question
    chosen: int | None  # the index chosen, None when left unanswered

    @property
    def answered(self):
        return self.chosen is not None

    @property
    def right(self):
        return self.chosen == self.question.answer

    @property
    def chosen_text(self):
        return self.question.t.lines("choices")[self.chosen] if self.answered else ""

    @property
    def right_text(self):
        return self.question.t.lines("choices")[self.question.answer]


@dataclass
class Graded:
    answers: list

    @property
    def answered(self):
        return sum(1 for answer in self.answers if answer.answered)

    @property
    def correct(self):
        return sum(1 for answer in self.answers if answer.right)

    @property
    def total(self):
        return len(self.answers)


def posted_ids(data):
    """The question ids a posted quiz names, in order, each once, at most MAX_LENGTH."""
    ids = []
    for value in data.getlist("q"):
        if value.isdigit() and int(value) not in ids:
            ids.append(int(value))
    return ids[:MAX_LENGTH]


def grade(data, scam_types=None):
    """The posted quiz graded, or None when it names no question that can be asked (a
    form from an old page whose questions were since withdrawn, or made up): one query.
    Only questions of `scam_types` count when it is given."""
    ids = posted_ids(data)
    questions = Question.objects.published().select_related("scam_type").filter(pk__in=ids)
    if scam_types is not None:
        questions = questions.filter(scam_type__in=scam_types)
    found = {question.pk: question for question in questions}
    answers = []
    for pk in ids:
        question = found.get(pk)
        if question is None:
            continue
        value = data.get(f"a{pk}", "")
        choices = len(question.choice_list("zh"))
        chosen = int(value) if value.isdigit() and int(value) < choices else None
        answers.append(Answer(question, chosen))
    return Graded(answers) if answers else None
