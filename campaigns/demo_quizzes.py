"""Invented quiz results for the demo county (campaigns.demo), so that the reports show
awareness moving: in Dongguan Town the share of right answers rises from about half
before the campaign to four in five by now, in Xiling Town it stays flat, and in Hewan
it creeps up. Before the campaign each town ran a paper baseline quiz at a few units;
during it, residents answered the kit's quiz online and at a few more paper sessions."""

import datetime
from collections import defaultdict

from django.utils import timezone

from campaigns.reports import summary_tables
from scams.models import Question

from .models import Activity, ActivityEvent, ActivityType, KitQuiz, KitQuizAnswer, PaperTally, PaperTallyLine

# Town: (share of right answers before the campaign, share by today).
TRENDS = {"qh-east": (0.50, 0.82), "qh-west": (0.56, 0.56), "qh-river": (0.55, 0.64)}
QUIZ_LENGTH = 5
PAPER_QUESTIONS = 5


def load(rng, campaign, units, users, today):
    """Quizzes for every unit under the towns; nothing when the catalogue has no questions."""
    kit = campaign.kit
    questions = list(Question.objects.published().filter(scam_type__in=kit.scam_types.all()))
    questions = questions or list(Question.objects.published()[:20])
    if not questions:
        return
    towns = {code: units[code] for code in TRENDS}
    quizzing = []
    for unit in units.values():
        town = next((code for code, top in towns.items() if unit.path.startswith(top.path) and unit != top), None)
        if town is not None:
            quizzing.append((unit, town))
    _online(rng, kit, quizzing, questions, campaign.start, today)
    _paper(rng, quizzing, questions, campaign, users, today)


def _share(town, day, start, today):
    before, now = TRENDS[town]
    if day < start:
        return before
    span = max((today - start).days, 1)
    return before + (now - before) * min((day - start).days / span, 1)


def _online(rng, kit, quizzing, questions, start, today):
    taken, answers = [], defaultdict(lambda: [0, 0])
    for unit, town in quizzing:
        code = kit.code_for(unit)
        day = start
        while day < today:
            if rng.random() < 0.35:
                people = rng.randint(1, 6)
                taken.append(KitQuiz(code=code, day=day, count=people))
                share = _share(town, day, start, today)
                for _person in range(people):
                    for question in rng.sample(questions, k=min(QUIZ_LENGTH, len(questions))):
                        cell = answers[(code.pk, day, question.pk)]
                        cell[0] += 1
                        cell[1] += rng.random() < share
            day += datetime.timedelta(days=1)
    KitQuiz.objects.bulk_create(taken)
    KitQuizAnswer.objects.bulk_create(
        KitQuizAnswer(code_id=code, day=day, question_id=question, answered=answered, correct=correct)
        for (code, day, question), (answered, correct) in answers.items()
    )


def _paper(rng, quizzing, questions, campaign, users, today):
    """A paper baseline at two units of each town in the 30 days before the campaign, and
    one more paper session at each of them during it: approved activities with a tally."""
    staff, reviewer = users["demo-staff"], users["demo-reviewer"]
    meeting = ActivityType.objects.get(code="lecture_training")
    sheet = questions[:PAPER_QUESTIONS]
    by_town = defaultdict(list)
    for unit, town in quizzing:
        by_town[town].append(unit)
    sessions = []
    for town, members in by_town.items():
        for unit in rng.sample(members, k=min(2, len(members))):
            sessions.append((unit, town, campaign.start - datetime.timedelta(days=rng.randint(3, 28)), None))
            during = campaign.start + datetime.timedelta(days=rng.randint(0, max((today - campaign.start).days - 1, 0)))
            sessions.append((unit, town, min(during, today), campaign))
    created = []
    for unit, town, day, in_campaign in sessions:
        activity = Activity.objects.create(
            unit=unit,
            activity_type=meeting,
            campaign=in_campaign,
            title=f"{unit.name_zh}防诈骗知识答题",
            date=day,
            location=unit.name_zh,
            status=Activity.Status.APPROVED,
            created_by=staff,
            updated_by=staff,
            reviewed_by=reviewer,
            reviewed_at=timezone.now(),
        )
        ActivityEvent.objects.create(activity=activity, actor=staff, action=ActivityEvent.Action.CREATED)
        sheets = rng.randint(25, 45)
        tally = PaperTally.objects.create(activity=activity, sheets=sheets)
        share = _share(town, day, campaign.start, today)
        PaperTallyLine.objects.bulk_create(
            PaperTallyLine(
                tally=tally, question=question, correct=sum(rng.random() < share for _sheet in range(sheets))
            )
            for question in sheet
        )
        created.append(activity.pk)
    summary_tables.added(created)
