"""Five wrong passwords lock a user name out for the address they came from, and behind
the proxy that address is the client's, not the proxy's."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

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
