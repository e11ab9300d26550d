"""The daily work on a 390 x 844 phone, signing in through the real form: logging a
typical activity in few interactions, and a returned activity finding its author."""

import datetime

import pytest
from django.utils import timezone

from campaigns.models import Activity, ActivityEvent, OrgUnit
from tests.browser.test_activity_flow import PNG, sign_in, sign_out
from tests.conftest import make_activity

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(viewport=PHONE, base_url=live_server.url, locale="en-US")
    page = context.new_page()
    yield page
    context.close()


class Counted:
    """The page, with every click, fill, select, file choice and tap on a chip (a check)
    counted as one interaction: what a person does with their thumb."""

    def __init__(self, page):
        self.page = page
        self.interactions = 0

    def _count(self, locator, action, *args, **kwargs):
        self.interactions += 1
        return getattr(locator, action)(*args, **kwargs)

    def click(self, locator):
        return self._count(locator, "click")

    def fill(self, locator, text):
        return self._count(locator, "fill", text)

    def select(self, locator, label):
        return self._count(locator, "select_option", label=label)

    def set_input_files(self, locator, path):
        return self._count(locator, "set_input_files", path)

    def tap_chip(self, name):
        """A chip is a checkbox drawn as its label: the thumb lands on the label."""
        self._count(self.page.locator("label.btn", has_text=name), "click")
        assert self.page.get_by_label(name, exact=True).is_checked(), name


def demo_like_history(county, staff_a, reviewer):
    """A few weeks of earlier work, as the demo county has."""
    for number in range(6):
        make_activity(
            county["school_a"] if number % 2 else county["a"],
            staff_a,
            title=f"Earlier booth {number}",
            status="approved",
            date=timezone.localdate() - datetime.timedelta(days=3 + number),
            reviewed_at=timezone.now() - datetime.timedelta(days=2),
            reviewed_by=reviewer,
            figures={"participants": 40 + number, "materials": 100},
        )


def test_a_single_unit_staff_member_logs_a_typical_activity_in_twelve_interactions_or_fewer(
    phone, loaded_catalogue, county, staff_a, reviewer, tmp_path
):
    demo_like_history(county, staff_a, reviewer)
    photo = tmp_path / "booth.png"
    photo.write_bytes(PNG)
    page = phone
    sign_in(page, "staff_a")  # lands on my work
    thumb = Counted(page)

    thumb.click(page.get_by_role("link", name="Log an activity").first)
    page.wait_for_url("**/activities/new/")

    form = page.locator("form.activity-form")
    height = form.bounding_box()["height"]
    assert height <= 2 * PHONE["height"], f"the form is {height:.0f} px tall before opening optional sections"
    unit = page.get_by_label("Unit")
    assert unit.evaluate("select => select.selectedOptions[0].text") == "East Town Station"
    texts = unit.locator("option").all_inner_texts()
    codes = set(OrgUnit.objects.values_list("code", flat=True))
    assert not [text for text in texts if any(code in text for code in codes)], texts
    assert page.locator("#id_date").input_value() == f"{timezone.localdate():%Y-%m-%d}"

    thumb.select(page.get_by_label("Activity type"), "Street booth")
    thumb.fill(page.get_by_label("Title"), "Market-day booth on pension scams")
    thumb.tap_chip("Older people")
    thumb.tap_chip("Residents")
    thumb.fill(page.get_by_label("In-person participants"), "230")
    thumb.fill(page.get_by_label("Materials handed out"), "400")
    thumb.click(page.get_by_text("Scam types covered"))
    thumb.tap_chip("Pension and retirement investment scam")
    thumb.set_input_files(page.get_by_label("Photos, sign-in sheets or PDFs"), str(photo))
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(tmp_path / "form.png"), full_page=True)
    thumb.click(page.get_by_role("button", name="Submit for review"))

    assert page.get_by_text("Saved and submitted for review.").is_visible()
    assert thumb.interactions <= 12, thumb.interactions
    print(f"form {height:.0f} px tall before More; {thumb.interactions} interactions from my work to submitted")
    # The photo shows as a thumbnail that loaded (a broken one would stay at width 0).
    page.locator("img.evidence-thumb").scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('img.evidence-thumb').naturalWidth > 0")
    activity = Activity.objects.get(title="Market-day booth on pension scams")
    assert activity.status == Activity.Status.SUBMITTED
    assert (activity.unit, activity.date) == (county["a"], timezone.localdate())
    assert dict(activity.figures.values_list("indicator__code", "value")) == {"participants": 230, "materials": 400}
    assert sorted(activity.audiences.values_list("code", flat=True)) == ["elderly", "residents"]
    assert activity.scam_types.count() == 1
    assert activity.evidence.get().original_name == "booth.png"


def returned_count(page):
    badge = page.locator("nav[aria-label=Main] .returned-count")
    return badge.inner_text() if badge.count() else None


def test_a_returned_activity_reaches_its_author_and_the_count_drops_after_the_fix(
    phone, loaded_catalogue, county, staff_a, reviewer
):
    earlier = make_activity(
        county["a"], staff_a, title="Older returned one", status="returned", return_reason="Add the date."
    )
    earlier.reviewed_at = timezone.now() - datetime.timedelta(days=3)
    earlier.save()
    waiting = make_activity(county["school_a"], staff_a, title="Class meeting on order brushing", status="submitted")
    ActivityEvent.objects.create(activity=waiting, actor=staff_a, action=ActivityEvent.Action.SUBMITTED)
    page = phone

    sign_in(page, "reviewer")
    page.get_by_role("link", name="Review queue").click()
    page.get_by_role("link", name="Class meeting on order brushing", exact=True).click()
    page.get_by_role("link", name="Return to the author").click()
    page.get_by_label("Reason").fill("Attach the sign-in sheet.")
    page.get_by_role("button", name="Return to the author").click()
    assert page.get_by_text("Returned to the author.").is_visible()
    sign_out(page)

    sign_in(page, "staff_a")
    first = page.locator(".work-returned li").first
    assert "Class meeting on order brushing" in first.inner_text()
    assert "Attach the sign-in sheet." in first.inner_text()
    assert page.locator(".work-returned li").count() == 2
    assert returned_count(page) == "2 returned"
    assert page.locator("nav[aria-label=Main] .unread-count").inner_text().startswith("1")

    first.get_by_role("link", name="Fix and resubmit").click()
    page.get_by_label("Materials handed out").fill("40")
    page.get_by_role("button", name="Submit for review").click()

    assert page.get_by_text("Saved and submitted for review.").is_visible()
    assert returned_count(page) == "1 returned"
    page.get_by_role("link", name="My work").click()
    assert "Class meeting on order brushing" not in page.locator(".work-returned").inner_text()
    assert "Class meeting on order brushing" in page.locator(".work-waiting").inner_text()
    waiting.refresh_from_db()
    assert waiting.status == Activity.Status.SUBMITTED
