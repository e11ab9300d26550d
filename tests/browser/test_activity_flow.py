import re

import pytest

from campaigns.models import Activity
from tests.campaigns.test_activity_edit import picture
from tests.conftest import PASSWORD, make_unit, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PNG = picture("PNG", (8, 8))  # a real one: evidence photos are decoded and written again


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=live_server.url, locale="en-US")
    page = context.new_page()
    yield page
    context.close()


def sign_in(page, username):
    page.goto("/en/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    # Staff land on their own work, reviewers on their queue.
    page.wait_for_url(re.compile(r".*/campaigns/(my-work|review)/$"))


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/en/")


def test_log_return_fix_resubmit_approve_on_a_phone(phone, transactional_db, tmp_path):
    from scams import catalogue

    catalogue.load()
    bureau = make_unit("county", kind="bureau")
    station = make_unit("station-a", bureau, name_en="East Town Station")
    make_user("officer", (station, "staff"))
    make_user("supervisor", (bureau, "reviewer"))
    photo = tmp_path / "sign-in-sheet.png"
    photo.write_bytes(PNG)
    page = phone

    sign_in(page, "officer")
    page.get_by_role("link", name="Log an activity").first.click()
    page.get_by_label("Unit").select_option(label="East Town Station")
    page.get_by_label("Activity type").select_option(label="Street booth")
    page.get_by_label("Title").fill("Market-day booth on pension scams")
    page.locator("#id_date").fill("2026-10-18")
    page.get_by_label("In-person participants").fill("230")
    page.get_by_label("Materials handed out").fill("400")
    page.get_by_label("Photos, sign-in sheets or PDFs").set_input_files(str(photo))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("button", name="Save").click()
    page.get_by_role("button", name="Submit for review").click()
    assert page.get_by_text("Submitted for review.").is_visible()
    sign_out(page)

    sign_in(page, "supervisor")
    page.get_by_role("link", name="Review queue").click()
    page.get_by_role("link", name="Market-day booth on pension scams", exact=True).click()
    page.get_by_role("link", name="Return to the author").click()
    page.get_by_label("Reason").fill("Materials look high: check the count.")
    page.get_by_role("button", name="Return to the author").click()
    sign_out(page)

    sign_in(page, "officer")
    page.get_by_role("link", name="Market-day booth on pension scams", exact=True).click()
    assert page.get_by_text("Materials look high: check the count.").is_visible()
    page.get_by_role("link", name="Edit").click()
    page.get_by_label("Materials handed out").fill("340")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("button", name="Submit for review").click()
    sign_out(page)

    sign_in(page, "supervisor")
    page.get_by_role("link", name="Review queue").click()
    page.get_by_role("link", name="Market-day booth on pension scams", exact=True).click()
    activity_page = page.url
    page.get_by_role("link", name="Approve…").click()
    assert page.get_by_text("Materials handed out 340").first.is_visible()  # what is approved, before the button
    page.get_by_role("button", name="Approve").click()
    assert page.get_by_text("Approved “Market-day booth on pension scams”.").is_visible()
    assert page.get_by_role("link", name="Undo (within 10 minutes)").is_visible()
    # The reviewer moves on to the next item; the approved one keeps its history.
    page.goto(activity_page)
    history = page.locator(".history").inner_text()
    for step in ("Created", "Submitted", "Returned", "Edited", "Approved"):
        assert step in history
    assert "Materials handed out: 400 → 340" in history
    assert "Materials look high: check the count." in history
    assert "Evidence file: — → sign-in-sheet.png" in history
    page.screenshot(path=str(tmp_path / "approved.png"), full_page=True)

    activity = Activity.objects.get()
    assert activity.status == Activity.Status.APPROVED
    assert activity.figures.get(indicator__code="materials").value == 340
    assert activity.evidence.get().original_name == "sign-in-sheet.png"


def center(locator):
    box = locator.bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def click_again(page, x, y):
    """The second click of a double click, where the first one was: on whatever page the
    first opened. Then wait for anything it started to finish."""
    page.mouse.click(x, y)
    page.wait_for_timeout(900)  # the reviewer's 0.9 s, for a request the click may send
    page.wait_for_load_state("networkidle")


def test_a_reviewers_double_click_on_approve_approves_nothing_unseen(phone, transactional_db):
    """Approving from the queue opens the next activity waiting. A second click where
    Approve (通过) was must not approve the activity that page shows."""
    import datetime

    from django.utils import timezone

    from campaigns.models import ActivityEvent
    from tests.conftest import make_activity

    bureau = make_unit("county", kind="bureau")
    station = make_unit("station-a", bureau, name_en="East Town Station")
    officer = make_user("officer", (station, "staff"))
    make_user("supervisor", (bureau, "reviewer"))
    talks = {}
    for days, name in ((3, "A"), (2, "B"), (1, "C")):  # the queue shows the longest waiting first
        talks[name] = make_activity(
            station, officer, title=f"Talk {name}", status="submitted", figures={"participants": 40}
        )
        at = timezone.now() - datetime.timedelta(days=days)
        ActivityEvent.objects.create(activity=talks[name], actor=officer, action="submitted", at=at)

    def status(name):
        return Activity.objects.get(pk=talks[name].pk).status

    page = phone
    sign_in(page, "supervisor")
    page.get_by_role("link", name="Approve Talk A").click()
    page.get_by_role("button", name="Approve").click()
    page.wait_for_url(re.compile(rf".*/activities/{talks['B'].pk}/.*"))
    assert page.get_by_text("Next waiting: Talk B").is_visible()

    # On B's page, as on every page after an approval, a double click on Approve...
    x, y = center(page.get_by_role("button", name="Approve").or_(page.get_by_role("link", name="Approve…")))
    with page.expect_navigation():
        page.mouse.click(x, y)
    click_again(page, x, y)
    # ... approves nothing: the first click opened B's confirmation, showing B.
    assert (status("B"), status("C")) == ("submitted", "submitted")
    assert page.get_by_role("heading", name="Approve").is_visible()
    assert page.get_by_role("link", name="Talk B").is_visible()

    # Confirmed, B is approved and C's page opens; a second click there approves nothing.
    x, y = center(page.get_by_role("button", name="Approve"))
    with page.expect_navigation():
        page.mouse.click(x, y)
    click_again(page, x, y)
    assert (status("B"), status("C")) == ("approved", "submitted")
