"""The hotlines, on every public page: once at the top and again at the end."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from tests.conftest import make_scam_type

pytestmark = pytest.mark.django_db


def url(name, language, *args):
    with translation.override(language):
        return reverse(name, args=args)


@pytest.fixture
def pages():
    scam = make_scam_type(if_targeted_zh="马上挂断电话", if_targeted_en="Hang up at once")
    return {
        "home": ("home",),
        "list": ("scams:list",),
        "detail": ("scams:detail", scam.slug),
        "leaflet": ("scams:print", scam.slug),
    }


@pytest.mark.parametrize(("language", "question"), [("zh-hans", "正在被骗？"), ("en", "Being scammed right now?")])
@pytest.mark.parametrize("which", ["home", "list", "detail", "leaflet"])
def test_every_public_page_offers_both_numbers_at_top_and_end(client, pages, language, question, which):
    name, *args = pages[which]
    html = client.get(url(name, language, *args)).content.decode()
    top = html.index('<aside class="hotline-top"')
    main = html.index('<main id="main"')
    footer = html.index('<footer class="site-footer"')
    assert top < main < footer
    for number in ("110", "96110"):
        positions = [match.start() for match in re.finditer(f'<a class="hotline-call" href="tel:{number}">', html)]
        assert len(positions) == 2, number
        assert top < positions[0] < main and footer < positions[1], number
    assert html.count(question) == 2


def test_the_error_page_offers_the_numbers_too(client):
    html = client.get("/en/no-such-page/").content.decode()
    assert 'href="tel:110"' in html
    assert 'href="tel:96110"' in html


def test_on_a_scam_type_what_to_do_now_comes_before_how_it_works(client, pages):
    name, slug = pages["detail"]
    html = client.get(url(name, "zh-hans", slug)).content.decode()
    assert html.index("马上挂断电话") < html.index('id="steps-title"')


REGION_NOTE = {
    "zh-hans": "本站的提醒和电话号码适用于中国大陆。在香港，请拨打反诈骗协调中心 18222（报警 999）；"
    "在澳门，报警请拨 110；在台湾，请拨打反诈骗专线 165。",
    "zh-hant": "本站的提醒和電話號碼適用於中國大陸。在香港，請撥打反詐騙協調中心 18222（報警 999）；"
    "在澳門，報警請撥 110；在臺灣，請撥打反詐騙專線 165。",
    "en": "The advice and numbers on this site are for mainland China. In Hong Kong, call the Anti-Deception "
    "Coordination Centre on 18222 (police 999); in Macau, the police on 110; in Taiwan, the anti-fraud line 165.",
}


@pytest.mark.parametrize("language", REGION_NOTE)
@pytest.mark.parametrize("which", ["home", "list", "detail", "leaflet"])
def test_every_page_says_in_its_script_that_the_numbers_are_for_mainland_china(client, pages, language, which):
    name, *args = pages[which]
    html = client.get(url(name, language, *args)).content.decode()
    footer = html[html.index('<footer class="site-footer"') :]
    assert REGION_NOTE[language] in footer
    missing = client.get(f"/{language}/no-such-page/").content.decode()
    assert REGION_NOTE[language] in missing


def test_the_bare_error_frame_points_to_the_other_regions_numbers_too():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    for number in ("18222", "999", "165"):
        assert number in html
