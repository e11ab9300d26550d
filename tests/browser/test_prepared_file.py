"""A report file too large for a request, asked for, waited for and downloaded on a
360 px phone with JavaScript off: the preparing page reloads itself by its meta refresh."""

import datetime

import pytest

from campaigns.models import PreparedDocument
from campaigns.reports import prepared
from tests.browser.test_activity_flow import sign_in
from tests.campaigns.test_notifications import run_worker
from tests.conftest import make_activity

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 780}


@pytest.fixture
def phone_without_script(browser, live_server):
    context = browser.new_context(
        viewport=PHONE, base_url=live_server.url, java_script_enabled=False, accept_downloads=True
    )
    page = context.new_page()
    yield page
    context.close()


def fits(page):
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_owner_waits_on_the_page_and_downloads_the_file(
    phone_without_script, county, staff_a, reviewer, monkeypatch
):
    monkeypatch.setattr(prepared, "COUNTY_UNIT_DAYS", 1000)  # the test county's year is larger
    make_activity(county["a"], staff_a, status="approved", date=datetime.date(2026, 3, 2), figures={"participants": 4})
    page = phone_without_script
    sign_in(page, "reviewer")

    page.goto("/en/reports/export/?org=county&date_from=2026-01-01&date_to=2026-12-31&format=docx")
    assert fits(page)
    page.get_by_role("button", name="Prepare the file").click()
    page.get_by_text("Preparing: this page will update.").wait_for()
    assert fits(page)

    run_worker()
    # The page's own refresh, with no script, brings the link.
    link = page.get_by_role("link", name="Download")
    link.wait_for(timeout=20_000)
    assert fits(page)
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "Demo-County-Bureau-2026-01-to-2026-12-work-report.docx"
    assert PreparedDocument.objects.get().status == "ready"
