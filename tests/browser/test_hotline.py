"""The hotlines are on the first screen of a phone, big enough to tap, on every public page."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
MIN_TARGET = 44  # CSS px, WCAG 2.5.5
PAGES = [("home", []), ("scams:list", []), ("scams:detail", ["police-impersonation"]), ("check", [])]
NUMBERS = ["tel:110", "tel:96110"]


def url(name, args, language):
    with translation.override(language):
        return reverse(name, args=args)


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
@pytest.mark.parametrize(("name", "args"), PAGES, ids=[name for name, _args in PAGES])
def test_both_hotlines_are_tappable_on_the_first_screen(page, loaded_catalogue, language, name, args):
    page.set_viewport_size(PHONE)
    response = page.goto(url(name, args, language))
    assert response.status == 200
    for number in NUMBERS:
        links = page.locator(f'a[href="{number}"]')
        top, bottom = links.first.bounding_box(), links.last.bounding_box()
        assert top["width"] >= MIN_TARGET and top["height"] >= MIN_TARGET, (number, top)
        assert top["y"] >= 0 and top["y"] + top["height"] <= PHONE["height"], (number, top)
        # Again at the end of the page, as large.
        assert bottom["y"] > top["y"] + PHONE["height"] / 2, (number, bottom)
        assert bottom["width"] >= MIN_TARGET and bottom["height"] >= MIN_TARGET, (number, bottom)
    # In the flow of the page, so zooming in never leaves it covering the content.
    assert page.locator(".hotline-top").evaluate("band => getComputedStyle(band).position") == "static"


def test_on_a_scam_type_what_to_do_now_comes_before_the_explanation(page, loaded_catalogue):
    page.set_viewport_size(PHONE)
    page.goto(url("scams:detail", ["police-impersonation"], "en"))
    advice = page.locator("#what-to-do").bounding_box()
    explanation = page.locator("#steps-title").bounding_box()
    assert advice["y"] < explanation["y"]
