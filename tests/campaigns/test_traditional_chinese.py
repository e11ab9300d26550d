"""Staff pages under /zh-hant/: the generated report and the names read in Traditional characters."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from campaigns.models import Campaign, CampaignTarget, Indicator
from campaigns.reports import narrative
from campaigns.reports.summary import ReportFilters, build
from tests.conftest import make_activity


@pytest.fixture
def campaign(county, staff_a):
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


def test_the_work_report_is_written_in_traditional_characters(campaign):
    report = build(ReportFilters(start=datetime.date(2026, 10, 1), end=datetime.date(2026, 10, 31)))
    simplified = narrative.paragraphs(report, "zh-hans")
    traditional = narrative.paragraphs(report, "zh-hant")
    assert "“东城专项行动”专项行动中" in simplified[-1]
    assert "“東城專項行動”專項行動中" in traditional[-1]
    assert "為目標200人次的150%" in traditional[-1]
    assert len(traditional) == len(simplified)


def test_the_report_page_and_campaign_page_read_in_traditional_characters(client, campaign, staff_a):
    client.force_login(staff_a)
    with translation.override("zh-hant"):
        report = client.get(reverse("reports:report"), {"date_from": "2026-10-01", "date_to": "2026-10-31"})
        page = client.get(reverse("campaigns:campaign-detail", args=[campaign.pk]))
    assert '<html lang="zh-Hant">' in report.content.decode()
    assert "為目標200人次的150%" in report.content.decode()
    assert "東城專項行動" in page.content.decode()
    assert "东城专项行动" not in page.content.decode()
