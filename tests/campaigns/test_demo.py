"""The demo county is invented: its campaign is not named after one in the source reports."""

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
