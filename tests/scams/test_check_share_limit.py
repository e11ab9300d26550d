"""Sharing a checked message for moderation: at most ten a day from one address, so a
script cannot fill the moderators' queue."""

import datetime
import zoneinfo
from unittest import mock

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from fraudwatch.core import daily
from scams.models import SharedMessage

pytestmark = pytest.mark.django_db

MORNING = datetime.datetime(2026, 11, 10, 9, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))


def share(client, number, address="203.0.113.7", language="en"):
    with translation.override(language):
        url = reverse("check")
    return client.post(
        url, {"text": f"Transfer to the safe account now, case {number}", "share": "on"}, REMOTE_ADDR=address
    )


def test_thirty_shares_from_one_address_store_ten_and_say_so(client):
    with time_machine.travel(MORNING, tick=False):
        answers = [share(client, number).content.decode() for number in range(30)]
    assert SharedMessage.objects.count() == 10
    assert all("The message was shared" in page for page in answers[:10])
    refused = answers[10]
    assert "The message was shared" not in refused
    assert "The message was not shared: FraudWatch takes at most 10 shared messages a day" in refused
    assert 'id="verdict"' in refused  # the answer itself is still given
    assert all("The message was not shared" in page for page in answers[10:])
    with time_machine.travel(MORNING, tick=False):
        chinese = share(client, 30, language="zh-hans").content.decode()
    assert "这条信息没有分享：反诈守望每天最多接收同一网络分享的 10 条信息。" in chinese
    assert SharedMessage.objects.count() == 10


def test_another_address_and_the_next_day_may_share_again(client):
    with time_machine.travel(MORNING, tick=False) as clock:
        for number in range(11):
            share(client, number)
        share(client, 99, address="198.51.100.4")
        assert SharedMessage.objects.count() == 11
        clock.shift(datetime.timedelta(days=1))
        share(client, 100)
    assert SharedMessage.objects.count() == 12


def test_the_limit_keeps_nothing_of_the_address(client):
    with mock.patch.object(daily.cache, "add", wraps=daily.cache.add) as cache_add:
        share(client, 1)
    keys = [str(call.args[0]) for call in cache_add.call_args_list]
    assert [key for key in keys if key.startswith("share:")]
    assert not [key for key in keys if "203.0.113.7" in key]
