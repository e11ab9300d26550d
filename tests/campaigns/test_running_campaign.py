"""The running campaign on the activity form: asked for in the first section, chosen
already when one runs for the unit, asked for when several do ("No campaign" being an
explicit answer), and shown to the reviewer in the queue."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from campaigns.models import Activity, Campaign
from tests.campaigns.test_activity_edit import activity_form
from tests.conftest import make_activity


def url(name, *args):
    with translation.override("en"):
        return reverse(f"campaigns:{name}", args=args)


def campaign(name, lead_unit, *, days=(-10, 20), closed=False, units=()):
    today = timezone.localdate()
    made = Campaign.objects.create(
        name_zh=name,
        name_en=name,
        start=today + datetime.timedelta(days=days[0]),
        end=today + datetime.timedelta(days=days[1]),
        lead_unit=lead_unit,
        closed_at=timezone.now() if closed else None,
    )
    made.units.set(units)
    return made


def first_section(html):
    """The form's first fieldset, where the unit is chosen."""
    return html.split('<legend class="h5">')[1].split('<fieldset class="chips">')[0]


def campaign_radios(html):
    """[(value, checked)] of the campaign radio buttons, in order."""
    radios = re.findall(r'<input type="radio"[^>]*name="campaign"[^>]*>', html)
    return [(re.search(r'value="([^"]*)"', radio).group(1), " checked" in radio) for radio in radios]


@pytest.fixture
def as_staff_a(client, staff_a):
    client.force_login(staff_a)
    return client


class TestNoCampaignRunning:
    def test_the_campaign_waits_under_more_with_no_campaign_chosen(self, as_staff_a, county):
        campaign("去年专项", county["a"], days=(-400, -300))  # over
        campaign("已结束", county["a"], closed=True)  # running dates, but closed
        html = as_staff_a.get(url("activity-new")).content.decode()
        assert 'name="campaign"' not in first_section(html)
        more = html.split('<details class="mb-3 more"')[1]
        assert '<select name="campaign"' in more
        assert "More: end date, place, campaign, other figures, notes" in html

    def test_the_activity_is_saved_without_a_campaign(self, as_staff_a, county):
        response = as_staff_a.post(url("activity-new"), activity_form(county["a"]))
        assert response.status_code == 302
        assert Activity.objects.get().campaign is None


class TestOneCampaignRunning:
    def test_it_is_chosen_and_named_in_the_first_section(self, as_staff_a, county):
        drive = campaign("反诈宣传月", county["bureau"])
        html = as_staff_a.get(url("activity-new")).content.decode()
        section = first_section(html)
        assert "反诈宣传月" in section
        assert campaign_radios(section) == [(str(drive.pk), True), ("none", False)]
        assert "No campaign" in section
        assert "Running now for this unit: the activity counts toward it." in section
        assert "More: end date, place, other figures, notes" in html

    def test_saving_without_touching_it_counts_the_activity_toward_it(self, as_staff_a, county):
        drive = campaign("反诈宣传月", county["bureau"])
        # What the browser sends: the preselected radio's value.
        response = as_staff_a.post(url("activity-new"), activity_form(county["a"], campaign=drive.pk))
        assert response.status_code == 302
        assert Activity.objects.get().campaign == drive

    def test_no_campaign_is_an_answer(self, as_staff_a, county):
        campaign("反诈宣传月", county["bureau"])
        response = as_staff_a.post(url("activity-new"), activity_form(county["a"], campaign="none"))
        assert response.status_code == 302
        assert Activity.objects.get().campaign is None

    def test_a_campaign_of_another_branch_is_not_offered(self, as_staff_a, county):
        campaign("西城专项", county["b"])
        html = as_staff_a.get(url("activity-new")).content.decode()
        assert "西城专项" not in first_section(html)
        assert campaign_radios(html) == []

    def test_a_unit_outside_the_chosen_campaign_is_refused_with_a_reason(self, client, county):
        from tests.conftest import make_user

        both = make_user("both", (county["a"], "staff"), (county["b"], "staff"))
        client.force_login(both)
        east = campaign("东城专项", county["a"])
        response = client.post(url("activity-new"), activity_form(county["b"], campaign=east.pk))
        assert response.status_code == 200
        assert "West Town Station does not take part in 东城专项." in response.content.decode()
        assert not Activity.objects.exists()

    def test_editing_keeps_the_campaign_the_activity_has(self, as_staff_a, county, staff_a):
        drive = campaign("反诈宣传月", county["bureau"])
        activity = make_activity(county["a"], staff_a, campaign=None)
        html = as_staff_a.get(url("activity-edit", activity.pk)).content.decode()
        # An activity saved as "No campaign" is not moved into the campaign by opening it.
        assert campaign_radios(first_section(html)) == [(str(drive.pk), False), ("none", True)]


class TestSeveralCampaignsRunning:
    def test_the_first_section_asks_which_with_none_as_a_choice(self, as_staff_a, county):
        bureau_drive = campaign("全县宣传月", county["bureau"])
        east_drive = campaign("东城校园行", county["a"], days=(-2, 5))
        section = first_section(as_staff_a.get(url("activity-new")).content.decode())
        radios = campaign_radios(section)
        assert sorted(radios) == sorted([(str(bureau_drive.pk), False), (str(east_drive.pk), False), ("none", False)])
        assert radios[-1] == ("none", False)  # "No campaign" comes last
        assert "全县宣传月" in section and "东城校园行" in section
        assert "Several campaigns are running for this unit" in section

    def test_an_unanswered_question_is_asked_again(self, as_staff_a, county):
        campaign("全县宣传月", county["bureau"])
        campaign("东城校园行", county["a"])
        response = as_staff_a.post(url("activity-new"), activity_form(county["a"]))
        assert response.status_code == 200
        assert "Choose the campaign this activity is part of, or “No campaign”." in response.content.decode()
        assert not Activity.objects.exists()

    @pytest.mark.parametrize("answer", ["bureau", "east", "none"])
    def test_each_answer_is_kept(self, as_staff_a, county, answer):
        drives = {"bureau": campaign("全县宣传月", county["bureau"]), "east": campaign("东城校园行", county["a"])}
        chosen = drives.get(answer)
        response = as_staff_a.post(
            url("activity-new"), activity_form(county["a"], campaign=chosen.pk if chosen else "none")
        )
        assert response.status_code == 302
        assert Activity.objects.get().campaign == chosen


def test_the_review_queue_names_each_activitys_campaign(client, reviewer, county, staff_a):
    drive = campaign("反诈宣传月", county["bureau"])
    make_activity(county["a"], staff_a, title="Booth in the campaign", status="submitted", campaign=drive)
    make_activity(county["a"], staff_a, title="Booth outside it", status="submitted")
    client.force_login(reviewer)
    html = client.get(url("review")).content.decode()
    cards = html.split('<li class="card')
    inside = next(card for card in cards if "Booth in the campaign" in card)
    outside = next(card for card in cards if "Booth outside it" in card)
    assert "campaign: 反诈宣传月" in inside
    assert "反诈宣传月" not in outside
