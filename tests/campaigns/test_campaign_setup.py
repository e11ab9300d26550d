"""Reviewers and administrators set up, edit and close campaigns in the app; the campaign
page shows the viewer's share and the whole campaign, each as the report counts it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from campaigns.models import Campaign, CampaignTarget, Indicator, percent_done
from campaigns.reports.summary import ReportFilters, build
from tests.conftest import make_activity, make_user


def url(name, *args):
    with translation.override("en"):
        return reverse(f"campaigns:{name}", args=args)


def campaign_form(lead_unit, **fields):
    participants = Indicator.objects.get(code="participants")
    data = {
        "name_zh": "秋季宣传月",
        "name_en": "Autumn month",
        "start": "2026-10-01",
        "end": "2026-10-31",
        "lead_unit": lead_unit.pk,
        "targets-TOTAL_FORMS": "3",
        "targets-INITIAL_FORMS": "0",
        "targets-MIN_NUM_FORMS": "0",
        "targets-MAX_NUM_FORMS": "1000",
        "targets-0-indicator": participants.pk,
        "targets-0-value": "20000",
    }
    data.update(fields)
    return data


@pytest.fixture
def county_drive(county, staff_a, staff_b):
    """A county-wide campaign: target 20,000 participants; station A did 3,767, B 7,233."""
    campaign = Campaign.objects.create(
        name_zh="全县宣传月",
        start=datetime.date(2026, 10, 1),
        end=datetime.date(2026, 10, 31),
        lead_unit=county["bureau"],
    )
    CampaignTarget.objects.create(campaign=campaign, indicator=Indicator.objects.get(code="participants"), value=20000)
    make_activity(county["a"], staff_a, status="approved", campaign=campaign, figures={"participants": 3767})
    make_activity(county["school_b"], staff_b, status="approved", campaign=campaign, figures={"participants": 7233})
    make_activity(county["b"], staff_b, status="submitted", campaign=campaign, figures={"participants": 999})
    return campaign


def report_percent(campaign, unit):
    report = build(ReportFilters(start=campaign.start, end=campaign.end, unit=unit, campaign=campaign))
    (progress,) = report.campaigns
    ((_indicator, target, done),) = progress.targets
    return percent_done(done, target)


def test_one_units_share_and_the_whole_campaign_read_as_the_report(client, county, county_drive, staff_a):
    client.force_login(staff_a)
    response = client.get(url("campaign-detail", county_drive.pk))
    page = response.content.decode()
    own_percent, whole_percent = (
        report_percent(county_drive, county["a"]),
        report_percent(county_drive, county["bureau"]),
    )
    assert (own_percent, whole_percent) == (19, 55)
    assert [row["percent"] for row in response.context["own"]] == [own_percent]
    assert [row["percent"] for row in response.context["whole"]] == [whole_percent]
    assert "Your units&#x27; share of the campaign" in page or "Your units' share of the campaign" in page
    assert "The whole campaign" in page
    assert "</meter> 19%" in page and "</meter> 55%" in page
    assert "3,767" in page and "11,000" in page and "20,000" in page


def test_someone_over_the_lead_unit_sees_only_the_whole_campaign(client, county_drive, reviewer):
    client.force_login(reviewer)
    response = client.get(url("campaign-detail", county_drive.pk))
    assert response.context["own"] is None
    assert "</meter> 55%" in response.content.decode()


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (datetime.date(2026, 9, 1), 0),
        (datetime.date(2026, 10, 1), 3),
        (datetime.date(2026, 10, 16), 52),
        (datetime.date(2026, 10, 31), 100),
        (datetime.date(2027, 1, 1), 100),
    ],
)
def test_time_progress_is_the_share_of_days_passed(county_drive, today, expected):
    assert county_drive.time_progress(today) == expected


def test_each_target_shows_time_progress_beside_task_progress(each_edge_day, client, county_drive, reviewer):
    client.force_login(reviewer)
    page = client.get(url("campaign-detail", county_drive.pk)).content.decode()
    assert "Task progress" in page and "Time progress" in page
    assert f'<td class="figure-value">{county_drive.time_progress(each_edge_day)}%</td>' in page


def test_a_reviewer_creates_a_campaign_with_targets(client, county, reviewer):
    client.force_login(reviewer)
    response = client.post(url("campaign-new"), campaign_form(county["a"], units=[county["a"].pk]))
    campaign = Campaign.objects.get(name_zh="秋季宣传月")
    assert response.status_code == 302 and response["Location"] == campaign.get_absolute_url()
    assert [(t.indicator.code, t.value) for t in campaign.targets.all()] == [("participants", 20000)]
    assert list(campaign.units.all()) == [county["a"]]
    assert campaign.history.exists()


def test_a_reviewer_cannot_lead_from_a_unit_outside_their_reach(client, county):
    reviewer_a = make_user("reviewer_a", (county["a"], "reviewer"))
    client.force_login(reviewer_a)
    response = client.post(url("campaign-new"), campaign_form(county["b"]))
    assert "Select a valid choice" in response.content.decode()
    assert not Campaign.objects.filter(name_zh="秋季宣传月").exists()


def test_a_campaign_cannot_end_before_it_starts(client, county, reviewer):
    client.force_login(reviewer)
    response = client.post(url("campaign-new"), campaign_form(county["a"], end="2026-09-01"))
    assert "The campaign cannot end before it starts." in response.content.decode()
    assert not Campaign.objects.exists()


def test_editing_changes_the_target(client, county, county_drive, reviewer):
    target = county_drive.targets.get()
    client.force_login(reviewer)
    data = campaign_form(
        county["bureau"],
        name_zh=county_drive.name_zh,
        **{
            "targets-INITIAL_FORMS": "1",
            "targets-0-id": target.pk,
            "targets-0-value": "25000",
        },
    )
    response = client.post(url("campaign-edit", county_drive.pk), data)
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.value == 25000


def test_a_closed_campaign_is_listed_and_read_only(client, county_drive, reviewer, staff_a):
    client.force_login(reviewer)
    assert "Close this campaign?" in client.get(url("campaign-close", county_drive.pk)).content.decode()
    response = client.post(url("campaign-close", county_drive.pk), follow=True)
    assert "Closed on" in response.content.decode()
    county_drive.refresh_from_db()
    assert county_drive.is_closed and county_drive.closed_by == reviewer
    assert client.get(url("campaign-edit", county_drive.pk)).status_code == 403
    assert client.post(url("campaign-close", county_drive.pk)).status_code == 403
    listing = client.get(url("campaign-list")).content.decode()
    assert "全县宣传月" in listing and "Closed" in listing
    assert county_drive.history.count() == 2  # created, closed


def test_staff_cannot_set_up_or_change_campaigns(client, county, county_drive, staff_a, staff_b):
    client.force_login(staff_a)
    assert client.post(url("campaign-new"), campaign_form(county["a"])).status_code == 403
    assert client.post(url("campaign-edit", county_drive.pk), campaign_form(county["bureau"])).status_code == 403
    assert client.post(url("campaign-close", county_drive.pk)).status_code == 403
    county_drive.refresh_from_db()
    assert not county_drive.is_closed


def test_outsiders_get_404_and_visitors_the_sign_in_page(client, county, staff_b):
    campaign = Campaign.objects.create(
        name_zh="东城", start=datetime.date(2026, 1, 1), end=datetime.date(2026, 2, 1), lead_unit=county["a"]
    )
    client.force_login(staff_b)
    assert client.get(url("campaign-edit", campaign.pk)).status_code == 404
    client.logout()
    response = client.get(url("campaign-new"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_staff_of_a_participating_unit_outside_the_lead_see_the_campaign(client, county, staff_b):
    campaign = Campaign.objects.create(
        name_zh="东城", start=datetime.date(2026, 1, 1), end=datetime.date(2026, 2, 1), lead_unit=county["a"]
    )
    client.force_login(staff_b)
    assert client.get(url("campaign-detail", campaign.pk)).status_code == 404
    campaign.units.add(county["b"])
    assert client.get(url("campaign-detail", campaign.pk)).status_code == 200
