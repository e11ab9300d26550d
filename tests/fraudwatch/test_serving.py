import io
import logging
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.views.defaults import server_error

from scams.models import ScamType
from tests.conftest import make_scam_type


def test_healthz_is_200_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up"}
    assert response["Cache-Control"].startswith("max-age=0")


def test_healthz_is_503_when_the_database_does_not(client, db):
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("connection refused")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "down"


def test_unknown_page_is_a_branded_bilingual_404(client, db):
    response = client.get("/zh-hans/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()
    english = client.get("/en/no-such-page/").content.decode()
    assert "Page not found" in english
    assert '<html lang="en">' in english


def test_server_error_page_needs_nothing_but_the_template():
    response = server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "出错了" in html and "Something went wrong" in html


def test_every_response_carries_a_content_security_policy(client, db):
    policy = client.get("/en/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in policy
    assert "http" not in policy  # no other origin


def test_request_id_is_echoed_and_logged(client, db, caplog):
    with caplog.at_level(logging.INFO, logger="fraudwatch.requests"):
        response = client.get("/en/scams/", headers={"x-request-id": "abc123def456"})
    assert response["X-Request-ID"] == "abc123def456"
    record = next(record for record in caplog.records if record.name == "fraudwatch.requests")
    assert record.request_id == "abc123def456"
    assert record.getMessage() == "GET /en/scams/ 200 " + record.getMessage().rsplit(" ", 1)[1]
    forged = client.get("/en/", headers={"x-request-id": "bad id\nwith newline"})
    assert forged["X-Request-ID"] != "bad id\nwith newline"


def test_signed_in_requests_log_the_user_id_and_never_the_session(client, staff_a, caplog):
    client.force_login(staff_a)
    with caplog.at_level(logging.INFO, logger="fraudwatch.requests"):
        client.get("/en/campaigns/activities/")
    record = next(record for record in caplog.records if record.name == "fraudwatch.requests")
    assert record.user_id == staff_a.pk
    session_key = client.cookies["sessionid"].value
    assert all(session_key not in record.getMessage() for record in caplog.records)


def test_an_error_logged_by_django_carries_the_signed_in_user(staff_a, caplog, monkeypatch, settings):
    from django.test import Client

    from fraudwatch.requestlog import RequestContextFilter

    def broken(*args, **kwargs):
        raise RuntimeError("the view failed")

    monkeypatch.setattr("campaigns.programmes.views.Paginator", broken)
    client = Client(raise_request_exception=False)
    client.force_login(staff_a)
    caplog.handler.addFilter(RequestContextFilter())  # as the console handler has it
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get("/en/campaigns/", headers={"x-request-id": "error-request-1"})
    assert response.status_code == 500
    record = next(record for record in caplog.records if record.name == "django.request")
    line = logging.Formatter(settings.LOGGING["formatters"]["line"]["format"]).format(record)
    assert f" request=error-request-1 user={staff_a.pk} path=/en/campaigns/ " in line
    assert "Internal Server Error: /en/campaigns/" in line
    assert "RuntimeError: the view failed" in line


def test_django_s_own_line_for_an_error_response_carries_the_request_id(client, db, caplog):
    """Django logs a 4xx/5xx response the view returned after the middleware is done."""
    from fraudwatch.requestlog import RequestContextFilter

    caplog.handler.addFilter(RequestContextFilter())
    with (
        caplog.at_level(logging.WARNING, logger="django.request"),
        mock.patch.object(connection, "cursor", side_effect=OperationalError("connection refused")),
    ):
        response = client.get("/healthz", headers={"x-request-id": "health-check-1"})
    assert response.status_code == 503
    record = next(record for record in caplog.records if record.name == "django.request")
    assert record.getMessage() == "Service Unavailable: /healthz"
    assert (record.request_id, record.path) == ("health-check-1", "/healthz")


def test_lines_logged_outside_a_request_say_so():
    """A line logged outside any request (a management command, a task) is written by the
    console handler the settings set up, with "-" for the request, the user and the path."""
    console = next(handler for handler in logging.getLogger().handlers if handler.name == "console")
    written = io.StringIO()
    previous = console.setStream(written)
    try:
        logging.getLogger("fraudwatch.test").warning("a management command")
    finally:
        console.setStream(previous)
    line = written.getvalue()
    assert line.endswith(" WARNING fraudwatch.test request=- user=- path=- a management command\n"), line


@pytest.mark.django_db
def test_public_pages_are_cached_and_an_admin_edit_refreshes_them(
    client, administrator, django_capture_on_commit_callbacks
):
    scam = make_scam_type(name_en="Old name")
    path = f"/en/scams/{scam.slug}/"
    assert "Old name" in client.get(path).content.decode()
    with CaptureQueriesContext(connection) as queries:
        assert "Old name" in client.get(path).content.decode()
    assert len(queries) == 0  # served from the cache

    editor = type(client)()
    editor.force_login(administrator)
    from tests.scams.test_admin import form_data

    url = f"/admin/scams/scamtype/{scam.pk}/change/"
    with django_capture_on_commit_callbacks(execute=True):  # the refresh waits for the edit's commit
        assert editor.post(url, form_data(scam, name_en="New name")).status_code == 302
    assert ScamType.objects.get(pk=scam.pk).name_en == "New name"
    assert "New name" in client.get(path).content.decode()


@pytest.mark.django_db
def test_signed_in_users_never_get_a_cached_page(client, staff_a):
    client.get("/en/")  # cached for visitors
    client.force_login(staff_a)
    assert "Sign out" in client.get("/en/").content.decode()
