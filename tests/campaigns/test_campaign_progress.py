"""A campaign's progress against its targets reads the same on its page and in the report."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from campaigns.models import Campaign, CampaignTarget, Indicator, percent_done
from campaigns.reports import narrative
from campaigns.reports.summary import ReportFilters, build
from tests.conftest import make_activity


@pytest.mark.parametrize(("done", "target", "expected"), [(0, 200, 0), (50, 200, 25), (300, 200, 150), (5, 0, 100)])
def test_percent_done(done, target, expected):
    assert percent_done(done, target) == expected


@pytest.fixture
def beaten(county, staff_a):
    """A campaign whose participants target of 200 was beaten by half."""
    campaign = Campaign.objects.create(
        name_zh="东城专项行动",
        name_en="East Town drive",
        start=datetime.date(2026, 10, 1),
        end=datetime.date(2026, 10, 31),
        lead_unit=county["a"],
    )
    CampaignTarget.objects.create(campaign=campaign, indicator=Indicator.objects.get(code="participants"), value=200)
    make_activity(county["a"], staff_a, status="approved", campaign=campaign, figures={"participants": 300})
    return campaign


def test_the_campaign_page_and_the_report_agree_on_a_beaten_target(client, beaten, staff_a):
    client.force_login(staff_a)
    with translation.override("en"):
        page = client.get(reverse("campaigns:campaign-detail", args=[beaten.pk])).content.decode()
    assert '<meter min="0" max="100" value="100"' in page  # a meter cannot show more than full
    assert "</meter> 150%" in page

    report = build(ReportFilters(start=datetime.date(2026, 10, 1), end=datetime.date(2026, 10, 31)))
    assert "300 of the 200 person-times targeted (150%)" in narrative.paragraphs(report, "en")[-1]
    assert "为目标200人次的150%" in narrative.paragraphs(report, "zh-hans")[-1]
