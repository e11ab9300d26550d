"""The demo county's invented quizzes show a rise in one town and a flat line in another."""

import datetime

import pytest

from campaigns import demo
from campaigns.models import Campaign, KitQuiz, OrgUnit, PaperTally
from campaigns.reports import measured
from campaigns.reports.summary import ReportFilters
from scams.models import ScamType
from tests.conftest import make_question


@pytest.mark.django_db
def test_the_demo_shows_awareness_rising_in_dongguan_and_flat_in_xiling(catalogue):
    for slug in ("order-brushing", "police-impersonation", "pension-investment"):
        for _ in range(3):
            make_question(ScamType.objects.get(slug=slug))
    demo.load(activities=5)
    campaign = Campaign.objects.get(kit__isnull=False)
    assert KitQuiz.objects.exists() and PaperTally.objects.filter(activity__date__lt=campaign.start).exists()
    today = datetime.date(2026, 11, 18)

    def rates(code):
        unit = OrgUnit.objects.get(code=code)
        before = measured.read(
            ReportFilters(start=campaign.start - datetime.timedelta(days=30), end=campaign.start, unit=unit)
        )
        recent = measured.read(ReportFilters(start=today - datetime.timedelta(days=14), end=today, unit=unit))
        return before.by()[""], recent.by()[""]

    before, recent = rates("qh-east")
    assert before.answered >= measured.FEW_ANSWERS and recent.answered >= measured.FEW_ANSWERS
    assert recent.rate - before.rate > 15
    before, recent = rates("qh-west")
    assert abs(recent.rate - before.rate) < 10
    comparison = measured.before_after(campaign, today)
    assert comparison.comparable and comparison.change > 0
