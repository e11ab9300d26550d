"""Report files larger than a county's are prepared by the task queue's worker and kept
for their owner alone for 24 hours; smaller ones still come straight away."""

import datetime
import io
from urllib.parse import unquote

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import TaskResultStatus
from django_tasks.backends.database.models import DBTaskResult

from campaigns.models import Membership, OrgUnit, PreparedDocument
from campaigns.reports import exports, prepared, summary
from tests.campaigns.test_notifications import run_worker
from tests.conftest import make_activity, make_user

YEAR = {"date_from": "2026-01-01", "date_to": "2026-12-31"}


def url(name, *args):
    with translation.override("en"):
        return reverse(f"reports:{name}", args=args)


def export_url(**query):
    from django.utils.http import urlencode

    return url("export") + "?" + urlencode({**YEAR, **query})


@pytest.fixture
def small_counties(monkeypatch):
    """A county of 1,000 unit-days: the test county's bureau (five units) over a year is
    larger than that, a station (two units) is not."""
    monkeypatch.setattr(prepared, "COUNTY_UNIT_DAYS", 1000)


@pytest.fixture
def figures(county, staff_a, staff_b):
    make_activity(county["a"], staff_a, status="approved", date=datetime.date(2026, 3, 2), figures={"participants": 40})
    make_activity(county["b"], staff_b, status="approved", date=datetime.date(2026, 5, 9), figures={"participants": 2})
    return county


def queue_for(client, user, **query):
    client.force_login(user)
    return client.post(export_url(**query))


class TestTheRule:
    def test_a_small_county_over_three_years_is_immediate(self, county):
        three_years = summary.ReportFilters(start=datetime.date(2024, 1, 1), end=datetime.date(2026, 12, 31))
        assert not prepared.is_large(three_years)  # five units: 5,480 unit-days

    def test_a_hundred_unit_county_is_immediate_for_a_quarter_and_queued_for_a_year(self, county):
        bureau = county["bureau"]
        for number in range(95):  # a hundred units in all
            OrgUnit.objects.create(
                path=f"{bureau.path}Z{number:03d}", depth=2, code=f"extra-{number}", kind=bureau.kind
            )
        quarter = summary.ReportFilters(start=datetime.date(2026, 7, 1), end=datetime.date(2026, 9, 30), unit=bureau)
        assert not prepared.is_large(quarter)
        year = summary.ReportFilters(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 12, 31), unit=bureau)
        assert prepared.is_large(year)

    def test_units_times_days_decides(self, county, small_counties):
        one_year = {"start": datetime.date(2026, 1, 1), "end": datetime.date(2026, 12, 31)}
        assert prepared.is_large(summary.ReportFilters(**one_year, unit=county["bureau"]))
        assert prepared.is_large(summary.ReportFilters(**one_year))  # the whole tree
        assert not prepared.is_large(summary.ReportFilters(**one_year, unit=county["a"]))
        # A station over three years is more than that county.
        three_years = {"start": datetime.date(2024, 1, 1), "end": datetime.date(2026, 12, 31)}
        assert prepared.is_large(summary.ReportFilters(**three_years, unit=county["a"]))
        # The whole tree over a month is not.
        month = summary.ReportFilters(start=datetime.date(2026, 3, 1), end=datetime.date(2026, 3, 31))
        assert not prepared.is_large(month)


class TestSmallDocumentsStayImmediate:
    @pytest.mark.parametrize("file_format", ["xlsx", "docx"])
    def test_a_station_gets_its_file_in_the_response(self, client, figures, staff_a, small_counties, file_format):
        client.force_login(staff_a)
        response = client.get(export_url(format=file_format))
        assert response.status_code == 200
        assert response["Content-Type"] == exports.CONTENT_TYPES[file_format]
        assert b"".join(response.streaming_content)[:2] == b"PK"
        assert not PreparedDocument.objects.exists()
        assert not DBTaskResult.objects.exists()

    def test_the_csv_is_never_queued(self, client, figures, reviewer, small_counties):
        client.force_login(reviewer)
        response = client.get(export_url(org="county", format="csv"))
        assert "total,,participants,42" in b"".join(response.streaming_content).decode("utf-8-sig")
        assert not PreparedDocument.objects.exists()


class TestOffer:
    def test_a_large_report_asks_before_queuing(self, client, figures, reviewer, small_counties):
        client.force_login(reviewer)
        response = client.get(export_url(org="county", format="pdf"))
        page = response.content.decode()
        assert response.status_code == 200
        assert "Prepare the file" in page and "24 hours" in page
        assert f'action="{export_url(org="county", format="pdf")}"'.replace("&", "&amp;") in page
        assert not PreparedDocument.objects.exists()

    def test_asking_twice_gives_the_same_document(self, client, figures, reviewer, small_counties):
        first = queue_for(client, reviewer, org="county", format="xlsx")
        second = queue_for(client, reviewer, org="county", format="xlsx")
        assert first["Location"] == second["Location"]
        assert PreparedDocument.objects.count() == 1

    def test_a_preset_period_is_kept_as_its_dates(self, client, figures, reviewer, small_counties):
        client.force_login(reviewer)
        client.post(url("export") + "?preset=this_year&org=county&format=docx")
        document = PreparedDocument.objects.get()
        assert ["date_from", "2026-01-01"] in document.parameters["query"]
        assert ["date_to", "2026-11-18"] in document.parameters["query"]  # the pinned day
        assert "preset" not in dict(document.parameters["query"])


@pytest.mark.django_db(transaction=True)
def test_from_request_to_worker_to_the_owners_download_and_expiry(
    client, figures, reviewer, staff_b, small_counties, clock
):
    response = queue_for(client, reviewer, org="county", format="xlsx")

    document = PreparedDocument.objects.get()
    assert response.status_code == 302 and response["Location"] == url("prepared", document.pk)
    assert (document.owner, document.status, document.language) == (reviewer, "queued", "en")
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "campaigns.tasks.prepare_document"
    assert queued.status == TaskResultStatus.READY
    page = client.get(response["Location"]).content.decode()
    assert "Preparing: this page will update." in page
    assert '<meta http-equiv="refresh" content="5">' in page
    assert client.get(url("prepared-download", document.pk)).status_code == 404  # not yet

    run_worker()

    page = client.get(response["Location"]).content.decode()
    assert "Your file is ready." in page and "http-equiv" not in page
    download = client.get(url("prepared-download", document.pk))
    assert download.status_code == 200
    assert download["Content-Type"] == exports.CONTENT_TYPES["xlsx"]
    assert "Demo-County-Bureau-2026-01-to-2026-12-figures.xlsx" in unquote(download["Content-Disposition"])
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    totals = {row[0]: row[1] for row in workbook["Total"].iter_rows(min_row=3, values_only=True)}
    assert (totals["Number of activities"], totals["In-person participants"]) == (2, 42)
    document.refresh_from_db()
    assert document.status == "ready" and document.expires_at == document.finished_at + datetime.timedelta(hours=24)
    stored = document.file.path

    # Nobody else: other staff, an administrator, a visitor.
    for other in (staff_b, make_user("chief", is_superuser=True)):
        client.force_login(other)
        for name in ("prepared", "prepared-download"):
            assert client.get(url(name, document.pk)).status_code == 404
        assert client.post(url("prepared-retry", document.pk)).status_code == 404
    client.logout()
    for name in ("prepared", "prepared-download"):
        response = client.get(url(name, document.pk))
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))

    # A day later the file is gone, for its owner too.
    clock.move_to(timezone.now() + datetime.timedelta(hours=24, minutes=1))
    client.force_login(reviewer)
    assert client.get(url("prepared-download", document.pk)).status_code == 404
    assert not PreparedDocument.objects.exists()
    assert not document.file.storage.exists(stored)


@pytest.mark.django_db(transaction=True)
def test_a_failed_build_says_so_and_can_be_tried_again(client, figures, reviewer, small_counties, monkeypatch):
    queue_for(client, reviewer, org="county", format="docx")
    document = PreparedDocument.objects.get()

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(exports, "write", broken)
    run_worker()
    page = client.get(url("prepared", document.pk)).content.decode()
    assert "The file could not be prepared." in page
    assert "Something went wrong while preparing it." in page and "disk full" not in page
    assert "Try again" in page and "http-equiv" not in page

    monkeypatch.undo()
    monkeypatch.setattr(prepared, "COUNTY_UNIT_DAYS", 1000)
    response = client.post(url("prepared-retry", document.pk))
    assert response["Location"] == url("prepared", document.pk)
    document.refresh_from_db()
    assert (document.status, document.error) == ("queued", "")
    run_worker()
    document.refresh_from_db()
    assert document.status == "ready"
    assert b"".join(client.get(url("prepared-download", document.pk)).streaming_content)[:2] == b"PK"


def test_an_owner_who_lost_the_role_gets_no_file(client, figures, reviewer, small_counties):
    queue_for(client, reviewer, org="county", format="pdf")
    document = PreparedDocument.objects.get()
    Membership.objects.filter(user=reviewer).delete()

    assert prepared.build(document.pk) == "failed"
    document.refresh_from_db()
    assert document.error == "You no longer hold a role on the units this report covers."
    assert not document.file


def test_retry_is_post_only(client, figures, reviewer, small_counties):
    queue_for(client, reviewer, org="county", format="pdf")
    document = PreparedDocument.objects.get()
    assert client.get(url("prepared-retry", document.pk)).status_code == 405


def test_the_command_removes_expired_documents_and_their_files(figures, reviewer, staff_a, clock):
    from django.core.files.base import ContentFile

    old = PreparedDocument.objects.create(
        owner=reviewer,
        parameters={"format": "pdf"},
        language="en",
        expires_at=timezone.now() + datetime.timedelta(hours=1),
    )
    old.save_file("old.pdf", ContentFile(b"%PDF-old"))
    clock.move_to(timezone.now() + datetime.timedelta(hours=23))
    fresh = PreparedDocument.objects.create(
        owner=staff_a,
        parameters={"format": "pdf"},
        language="en",
        expires_at=timezone.now() + datetime.timedelta(hours=24),
    )
    fresh.save_file("fresh.pdf", ContentFile(b"%PDF-fresh"))
    clock.move_to(timezone.now() + datetime.timedelta(hours=2))  # old is 25 hours ready, fresh 2

    out = io.StringIO()
    call_command("remove_expired_documents", stdout=out)

    assert out.getvalue().strip() == "1 expired prepared document(s) removed."
    assert list(PreparedDocument.objects.all()) == [fresh]
    assert not old.file.storage.exists(old.file.name)
    assert fresh.file.storage.exists(fresh.file.name)


def test_the_pages_speak_chinese(client, figures, reviewer, small_counties):
    client.force_login(reviewer)
    client.post(export_url(org="county", format="xlsx"))
    document = PreparedDocument.objects.get()
    with translation.override("zh-hans"):
        page = client.get(reverse("reports:prepared", args=[document.pk])).content.decode()
    assert "正在准备" in page


def test_backups_leave_prepared_files_out():
    from fraudwatch import backup

    assert PreparedDocument not in backup.archived_models()


def test_a_document_is_built_once_however_many_tasks_ask(client, figures, reviewer, small_counties):
    queue_for(client, reviewer, org="county", format="xlsx")
    document = PreparedDocument.objects.get()

    assert prepared.build(document.pk) == "ready"
    assert prepared.build(document.pk) is None  # a second task (a retry, another worker) finds it taken
    document.refresh_from_db()
    assert document.status == "ready" and document.file.name == f"prepared/{document.pk}.xlsx"


def test_a_document_the_worker_never_took_says_so_and_can_be_queued_again(
    client, figures, reviewer, small_counties, clock, django_capture_on_commit_callbacks
):
    queue_for(client, reviewer, org="county", format="pdf")
    document = PreparedDocument.objects.get()
    page = client.get(url("prepared", document.pk)).content.decode()
    assert "taking longer than it should" not in page and "Try again" not in page
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(url("prepared-retry", document.pk))
    assert response["Location"] == url("prepared", document.pk)
    assert callbacks == []  # not stalled yet: nothing queued again

    clock.move_to(timezone.now() + datetime.timedelta(minutes=11))
    page = client.get(url("prepared", document.pk)).content.decode()
    assert "the program that prepares files may not be running" in page
    assert "Try again" in page and 'http-equiv="refresh"' in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("prepared-retry", document.pk))
    assert DBTaskResult.objects.get().task_path == "campaigns.tasks.prepare_document"
    document.refresh_from_db()
    assert document.status == "queued" and not document.is_stalled()
