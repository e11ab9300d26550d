"""The demo county is invented: its campaign is not named after one in the source reports.
And it has something to show on every page, alerts included."""

import io

import pytest

from campaigns import demo
from campaigns.models import Campaign
from tests.scams.test_catalogue_originality import normalise, seed_folder


@pytest.fixture
def seed_text():
    files = sorted(seed_folder().glob("*.txt")) if seed_folder().is_dir() else []
    if not files:
        pytest.skip(f"the seed document is not in {seed_folder()}")
    return normalise("".join(path.read_text(encoding="utf-8") for path in files))


@pytest.mark.django_db
def test_demo_campaign_name_and_slogan_are_not_taken_from_the_seed(catalogue, seed_text):
    demo.load(activities=5)
    campaign = Campaign.objects.get()
    assert campaign.name_zh == "识骗护家 邻里同行"
    for text in (campaign.name_zh, campaign.slogan_zh):
        assert normalise(text) not in seed_text, text
    # The name the demo used to carry is the seed's own campaign.
    assert normalise("平安守护 反诈先行") in seed_text


@pytest.mark.django_db
def test_after_load_demo_the_alerts_page_and_feed_show_current_alerts(client, catalogue):
    from django.core.management import call_command
    from django.urls import reverse
    from django.utils import translation

    from campaigns.models import Alert, Material, Notification
    from scams.models import SharedMessage

    call_command("load_demo", "--activities", "30", "--allow-without-debug", stdout=io.StringIO())
    current = list(Alert.objects.current())
    assert len(current) >= 2
    assert all(alert.title_zh and alert.title_en and alert.body_zh and alert.body_en for alert in current)
    assert Alert.objects.filter(status=Alert.Status.SUBMITTED).count() == 1
    with translation.override("zh-hans"):
        page = client.get(reverse("alerts:list")).content.decode()
        feed = client.get(reverse("alerts:feed")).content.decode()
    for alert in current:
        assert alert.title_zh in page
        assert alert.title_zh in feed
    waiting = Alert.objects.get(status=Alert.Status.SUBMITTED)
    assert waiting.title_zh not in page and waiting.title_zh not in feed
    # The staff's own pages have something to show too.
    assert Material.objects.filter(status="returned", unit__code="ps-east").exists()
    assert Notification.objects.filter(user__username="demo-staff").exists()
    assert SharedMessage.objects.exists()
    from scams import sightings

    with translation.override("zh-hans"):
        home = client.get(reverse("home")).content.decode()
        assert list(sightings.most_seen())
        assert sightings.most_seen()[0].t.name in home
