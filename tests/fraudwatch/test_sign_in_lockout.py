"""Five wrong passwords lock a user name out for the address they came from, ten under
any names lock the address out, and behind the proxy that address is the client's, not
the proxy's."""

import datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

PASSWORD = "a-long-test-password-2026"


@pytest.fixture
def officer(db):
    return get_user_model().objects.create_user("officer.li", password=PASSWORD)


def sign_in(client, password, **meta):
    return client.post(reverse("login"), {"username": "officer.li", "password": password}, **meta)


def fail_five_times(client, **meta):
    for _ in range(5):
        sign_in(client, "wrong-password", **meta)


def test_five_failures_lock_the_name_out_for_that_address(client, officer):
    fail_five_times(client, REMOTE_ADDR="203.0.113.7")

    response = sign_in(client, PASSWORD, REMOTE_ADDR="203.0.113.7")

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_behind_the_proxy_one_client_s_failures_do_not_lock_out_another(client, officer, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    fail_five_times(client, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")

    locked = sign_in(client, PASSWORD, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    other = sign_in(client, PASSWORD, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.20")

    assert locked.status_code == 429
    assert other.status_code == 302
    assert client.session["_auth_user_id"] == str(officer.pk)


def test_a_client_cannot_pick_its_address_when_it_is_not_behind_a_trusted_proxy(client, officer, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    fail_five_times(client, REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="198.51.100.1")

    response = sign_in(client, PASSWORD, REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="198.51.100.99")

    assert response.status_code == 429


def test_ten_failures_under_different_names_lock_the_address_out_for_every_name(client, officer):
    answers = [
        client.post(reverse("login"), {"username": f"guess.{number}", "password": "x"}, REMOTE_ADDR="203.0.113.7")
        for number in range(10)
    ]
    # Nine times the form again with its error; the tenth failure locks the address.
    assert [answer.status_code for answer in answers] == [200] * 9 + [429]
    assert all(answer.context["form"].errors for answer in answers[:9])

    with translation.override("zh-hans"):
        chinese_sign_in = reverse("login")
    eleventh = client.post(chinese_sign_in, {"username": "officer.li", "password": PASSWORD}, REMOTE_ADDR="203.0.113.7")

    assert eleventh.status_code == 429
    assert "所有账号合计输错十次" in eleventh.content.decode()
    assert "_auth_user_id" not in client.session
    elsewhere = sign_in(client, PASSWORD, REMOTE_ADDR="198.51.100.20")
    assert elsewhere.status_code == 302


def test_the_address_is_let_in_again_after_15_minutes(client, officer):
    with time_machine.travel(datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC), tick=False) as clock:
        for number in range(10):
            client.post(reverse("login"), {"username": f"guess.{number}", "password": "x"}, REMOTE_ADDR="203.0.113.7")
        clock.shift(datetime.timedelta(minutes=14))
        assert sign_in(client, PASSWORD, REMOTE_ADDR="203.0.113.7").status_code == 429
        clock.shift(datetime.timedelta(minutes=2))
        assert sign_in(client, PASSWORD, REMOTE_ADDR="203.0.113.7").status_code == 302


def test_a_locked_name_leaves_other_names_at_that_address_free_and_locked(client, officer):
    colleague = get_user_model().objects.create_user("officer.wang", password=PASSWORD)
    fail_five_times(client, REMOTE_ADDR="203.0.113.7")

    signed_in = client.post(
        reverse("login"), {"username": "officer.wang", "password": PASSWORD}, REMOTE_ADDR="203.0.113.7"
    )
    assert signed_in.status_code == 302
    assert client.session["_auth_user_id"] == str(colleague.pk)
    client.logout()

    # The colleague's sign-in clears nothing: the guessed name stays locked.
    assert sign_in(client, PASSWORD, REMOTE_ADDR="203.0.113.7").status_code == 429
