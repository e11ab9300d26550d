"""Each scam-type page offers ways to pass the warning on: a QR code, its link, and a ready text."""

import html as html_module
import re

import pytest
from django.urls import reverse
from django.utils import translation

from tests.conftest import make_scam_type

pytestmark = pytest.mark.django_db


def detail(client, language, scam):
    with translation.override(language):
        path = reverse("scams:detail", args=[scam.slug])
    return client.get(path).content.decode()


def share_section(html):
    return html[html.index('<section id="share"') : html.index("</section>", html.index('<section id="share"'))]


def test_the_page_offers_a_qr_code_a_visible_link_and_a_wechat_text(client):
    scam = make_scam_type(name_zh="冒充公检法诈骗", name_en="Fake police call")
    section = share_section(detail(client, "zh-hans", scam))
    url = f"http://testserver/zh-hans/scams/{scam.slug}/"
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in section
    assert f'<a id="share-link" class="share-url" href="{url}">{url}</a>' in section
    text = html_module.unescape(re.search(r'<textarea[^>]*id="share-text"[^>]*>(.*?)</textarea>', section, re.S)[1])
    assert text == f"防骗提醒：“冒充公检法诈骗”。骗子怎么骗、遇到了怎么办，请看：{url}"


def test_the_english_page_shares_the_english_page(client):
    scam = make_scam_type(name_en="Fake police call")
    section = share_section(detail(client, "en", scam))
    url = f"http://testserver/en/scams/{scam.slug}/"
    assert f"Fraud warning: “Fake police call”. How this scam works and what to do: {url}</textarea>" in section


def test_copy_buttons_wait_hidden_for_the_script(client):
    scam = make_scam_type()
    html = detail(client, "en", scam)
    buttons = re.findall(r"<button [^>]*data-copy-from=\"([\w-]+)\"[^>]*>", share_section(html))
    assert buttons == ["share-link", "share-text"]
    assert all(" hidden>" in tag for tag in re.findall(r"<button [^>]*data-copy-from[^>]*>", html))
    assert '<script src="/static/js/share.js" defer></script>' in html
