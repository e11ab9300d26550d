"""While the database cannot be reached, pages answer 503 with Retry-After, never 500."""

import logging
from unittest import mock

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import InterfaceError, OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.conftest import make_activity


def en(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def database_down(error=OperationalError):
    """Every query fails as it does when PostgreSQL is down: on connecting."""
    return mock.patch.object(
        BaseDatabaseWrapper, "ensure_connection", side_effect=error("could not connect to server: Connection refused")
    )


def assert_unavailable(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    assert "暂时无法服务" in page and "Temporarily unavailable" in page


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_the_home_page_is_503_for_a_visitor(client, db, error):
    with database_down(error):
        response = client.get(en("home"))
    assert_unavailable(response)
    assert "Content-Security-Policy" in response  # the page still passes through the security middleware


def test_a_signed_in_page_is_503_with_the_cause_logged_and_no_traceback(client, staff_a, caplog):
    client.force_login(staff_a)  # the session is in the database, so loading it fails
    with caplog.at_level(logging.INFO), database_down():
        response = client.get(en("campaigns:activity-list"))
    assert_unavailable(response)
    logged = [(record.levelname, record.getMessage()) for record in caplog.records if record.levelno >= logging.WARNING]
    assert logged == [
        ("WARNING", "database unavailable: could not connect to server: Connection refused"),
        ("ERROR", "Service Unavailable: /en/campaigns/activities/"),
    ]
    assert not any(record.exc_info for record in caplog.records)  # nothing queried again on the way out


def test_a_form_post_is_503(client, county, staff_a):
    activity = make_activity(county["a"], staff_a)
    client.force_login(staff_a)
    with database_down():
        response = client.post(en("campaigns:activity-submit", activity.pk))
    assert_unavailable(response)


def test_a_failure_in_middleware_after_the_view_is_503_too(county, staff_a):
    """The view answers, then the session cannot be saved on the way out: Django turns that
    into a 500 inside SessionMiddleware, which must still reach the user as a 503."""
    client = Client(raise_request_exception=False)
    client.force_login(staff_a)  # its first request moves the idle expiry: a session save
    with mock.patch.object(SessionStore, "save", side_effect=OperationalError("server closed the connection")):
        response = client.get(en("campaigns:activity-list"))
    assert_unavailable(response)


def test_healthz_keeps_its_json_503(client, db):
    with database_down():
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "down"}


def test_other_errors_are_still_500(staff_a, monkeypatch):
    monkeypatch.setattr("campaigns.programmes.views.Paginator", mock.Mock(side_effect=RuntimeError("a bug")))
    client = Client(raise_request_exception=False)
    client.force_login(staff_a)
    response = client.get(en("campaigns:campaign-list"))
    assert response.status_code == 500
    assert "Retry-After" not in response


def test_a_connection_lost_after_the_user_loaded_keeps_their_id_in_the_log(staff_a, monkeypatch, caplog):
    from fraudwatch.requestlog import RequestContextFilter

    lost = mock.Mock(side_effect=InterfaceError("connection already closed"))
    monkeypatch.setattr("campaigns.programmes.views.Paginator", lost)
    client = Client(raise_request_exception=False)
    client.force_login(staff_a)
    caplog.handler.addFilter(RequestContextFilter())
    with caplog.at_level(logging.WARNING, logger="fraudwatch.outage"):
        response = client.get(en("campaigns:campaign-list"))
    assert_unavailable(response)
    record = next(record for record in caplog.records if record.name == "fraudwatch.outage")
    assert record.user_id == staff_a.pk
