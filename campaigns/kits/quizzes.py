"""Counting the quizzes answered through a unit's kit code, by the rules kit scans follow
(campaigns.kits.scans): one counted quiz per phone per code and day, at most
KIT_SCANS_PER_ADDRESS_PER_HOUR from one address in an hour, and none from bots, link
previews or HEAD requests. The phone is told apart by cache keys under the day's salt
(fraudwatch.core.daily) that expire with the day. The database keeps only counts: quizzes per
code and day, and per question how often it was answered and how often rightly.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from campaigns.models import KitQuiz, KitQuizAnswer
from fraudwatch.core import daily
from fraudwatch.core.clients import client_address

PURPOSE = "kit-quiz"  # names the day's salt and the cache keys
HOUR = 3600


def record(request, code, graded):
    """Count the posted quiz `graded` (scams.quiz.Graded) for `code` if it is one to count
    and this phone has not had a quiz counted for the code today; returns whether it was."""
    if graded is None or not graded.answered or not daily.from_a_person(request, method="POST"):
        return False
    now = timezone.localtime()
    day, address = now.date(), client_address(request)
    agent = request.META.get("HTTP_USER_AGENT", "")
    phone = daily.key(PURPOSE, day, "phone", address, agent, str(code.pk))
    if daily.known(phone):
        return False
    # As for scans, the cap comes before the phone is marked as seen.
    this_hour = daily.key(PURPOSE, day, "address", f"{now:%H}", address)
    if not daily.within_limit(this_hour, settings.KIT_SCANS_PER_ADDRESS_PER_HOUR, HOUR):
        return False
    if not daily.first_time(phone, daily.seconds_left_today()):
        return False  # counted meanwhile by a request running beside this one
    with transaction.atomic():
        daily.add_one(KitQuiz, day, code=code)
        for answer in graded.answers:
            if answer.answered:
                _add_answer(code, day, answer.question, answer.right)
    return True


def _add_answer(code, day, question, right):
    rows = KitQuizAnswer.objects.filter(code=code, day=day, question=question)
    change = {"answered": F("answered") + 1, "correct": F("correct") + int(right)}
    if rows.update(**change):
        return
    try:
        with transaction.atomic():
            KitQuizAnswer.objects.create(code=code, day=day, question=question, answered=1, correct=int(right))
    except IntegrityError:  # another request made the day's row meanwhile
        rows.update(**change)
