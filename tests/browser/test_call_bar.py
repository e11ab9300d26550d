"""The call bar: on a phone, both numbers stay at the foot of the screen however far down
a resident reads, without covering the end of the page, and step aside for the keyboard."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.browser.test_public_pages import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
MIN_TARGET = 44  # CSS px
MAX_BAR = 56  # CSS px


def url(name, *args, language="zh-hans"):
    with translation.override(language):
        return reverse(name, args=args)


def call_links(page):
    return {number: page.locator(f'.call-bar a[href="tel:{number}"]') for number in ("110", "96110")}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_halfway_down_a_type_page_both_numbers_are_on_screen_and_tappable(page, loaded_catalogue, language):
    page.set_viewport_size(PHONE)
    assert page.goto(url("scams:detail", "police-impersonation", language=language)).status == 200
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height > 3 * PHONE["height"]  # a long page: the first screen's numbers are long gone
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight / 2 - window.innerHeight / 2)")
    page.wait_for_function("window.scrollY > 0")
    assert page.evaluate("window.scrollY") > PHONE["height"]
    for number, link in call_links(page).items():
        box = link.bounding_box()
        assert box["width"] >= MIN_TARGET and box["height"] >= MIN_TARGET, (number, box)
        assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], (number, box)
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (number, box)
        # What a thumb there reaches is the link itself, not something drawn over it.
        centre = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        assert page.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('a')?.href", centre).endswith(
            f"tel:{number}"
        )
    bar = page.locator(".call-bar").bounding_box()
    assert bar["height"] <= MAX_BAR and bar["y"] + bar["height"] <= PHONE["height"]


def test_the_bar_covers_nothing_at_the_end_of_the_page(page, loaded_catalogue):
    page.set_viewport_size(PHONE)
    page.goto(url("scams:detail", "police-impersonation"))
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_function("window.scrollY > 0")
    bar = page.locator(".call-bar").bounding_box()
    last = page.locator(".site-footer p").last.bounding_box()
    assert last["y"] + last["height"] <= bar["y"]


def test_the_bar_steps_aside_while_the_checker_is_typed_into(page, loaded_catalogue):
    page.set_viewport_size(PHONE)
    page.goto(url("check"))
    assert page.locator(".call-bar").is_visible()
    page.locator("textarea").first.focus()
    assert not page.locator(".call-bar").is_visible()
    page.locator("textarea").first.blur()
    assert page.locator(".call-bar").is_visible()


def test_wide_screens_and_staff_pages_have_no_bar(page, loaded_catalogue):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url("scams:detail", "police-impersonation"))
    assert not page.locator(".call-bar").is_visible()
    page.set_viewport_size(PHONE)
    page.goto(url("login"))
    assert page.locator(".call-bar").count() == 0


@pytest.mark.parametrize("language", ["zh-hans", "zh-hant", "en"])
def test_axe_finds_no_serious_violation_with_the_bar_shown(axe_page, loaded_catalogue, axe_source, language):
    axe_page.set_viewport_size(PHONE)
    axe_page.goto(url("scams:detail", "police-impersonation", language=language))
    axe_page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight / 2)")
    assert axe_page.locator(".call-bar").is_visible()
    assert serious_violations(axe_page, axe_source) == []
