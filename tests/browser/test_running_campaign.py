"""On a 390 x 844 phone, an activity logged while a campaign runs for the unit counts
toward that campaign without the officer touching the campaign at all."""

import datetime

import pytest
from django.utils import timezone

from campaigns import services
from campaigns.models import Activity, Campaign, CampaignTarget, Indicator
from campaigns.reports import summary
from tests.browser.test_activity_flow import sign_in
from tests.browser.test_daily_work import PHONE, Counted

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(viewport=PHONE, base_url=live_server.url, locale="en-US")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def drive(county):
    today = timezone.localdate()
    campaign = Campaign.objects.create(
        name_zh="反诈宣传月",
        name_en="Anti-fraud month",
        start=today - datetime.timedelta(days=10),
        end=today + datetime.timedelta(days=20),
        lead_unit=county["bureau"],
    )
    CampaignTarget.objects.create(campaign=campaign, indicator=Indicator.objects.get(code="participants"), value=1000)
    return campaign


def test_an_activity_logged_during_a_running_campaign_counts_toward_it_with_no_extra_tap(
    phone, loaded_catalogue, county, staff_a, reviewer, drive
):
    page = phone
    sign_in(page, "staff_a")
    thumb = Counted(page)
    thumb.click(page.get_by_role("link", name="Log an activity").first)
    page.wait_for_url("**/activities/new/")

    # The campaign is named and chosen in the first section, on the first screen.
    chosen = page.get_by_label("Anti-fraud month")
    assert chosen.is_checked()
    box = chosen.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"] * 1.5
    first_section = page.locator("form.activity-form fieldset").first
    assert "Anti-fraud month" in first_section.inner_text()
    assert not page.get_by_label("No campaign").is_checked()

    thumb.select(page.get_by_label("Activity type"), "Street booth")
    thumb.fill(page.get_by_label("Title"), "Market-day booth in the campaign")
    thumb.tap_chip("Residents")
    thumb.fill(page.get_by_label("In-person participants"), "230")
    thumb.click(page.get_by_role("button", name="Submit for review"))
    assert page.get_by_text("Saved and submitted for review.").is_visible()
    # Open the form, type, title, one chip, one figure, submit: not one tap for the campaign.
    assert thumb.interactions == 6

    activity = Activity.objects.get(title="Market-day booth in the campaign")
    assert activity.campaign == drive
    services.approve(activity, by=reviewer)
    progress = summary.campaign_progress(drive)
    assert progress.activities == 1
    assert [(indicator.code, value) for indicator, _target, value in progress.targets] == [("participants", 230)]
