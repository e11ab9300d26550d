"""Traditional Chinese (/zh-hant/): generated from the Simplified text, stored with the catalogue,
on every public page."""

import functools
import tomllib
from html.parser import HTMLParser

import opencc
import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from fraudwatch.core.bilingual import TO_TRADITIONAL, to_traditional
from scams.catalogue import CATALOGUE_DIR
from scams.models import ScamType
from tests.conftest import make_scam_type

LANGUAGE = "zh-hant"
# Some of the characters OpenCC converts are Traditional characters too, in some words
# (里 in 公里, 划 in 划船): those it leaves in our own texts cannot tell a page that
# was not converted, so they are left out of the check. These must all be caught:
BRIEF_EXAMPLES = "诈骗钱说这们还银汇账号码险让对时务从为"


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)


@functools.cache
def simplified_only():
    """The characters that never appear in a converted page: each is changed by the
    conversion, and the conversion of all our Simplified text never keeps it."""
    converter = opencc.OpenCC(TO_TRADITIONAL)
    texts = [entry.msgstr for entry in polib.pofile(str(settings.LOCALE_PATHS[0] / "zh_Hans/LC_MESSAGES/django.po"))]
    for path in CATALOGUE_DIR.glob("*.toml"):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        texts.extend(_strings(data.get("zh", data)))
    kept = set(to_traditional("\n".join(texts)))  # with the fixes: 范女士 keeps her surname
    changed = {chr(code) for code in range(0x4E00, 0xA000) if converter.convert(chr(code)) != chr(code)}
    return frozenset(changed - kept)


class VisibleText(HTMLParser):
    """What a reader sees or hears of a page, leaving out what is marked as being in
    another language than the page (the switch's link to 简体中文 is in Simplified)."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    SPOKEN = ("placeholder", "aria-label", "title", "alt", "content")

    def __init__(self):
        super().__init__()
        self.parts, self.stack = [], []
        self.language = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.language = attrs.get("lang")
        skipped = tag in ("script", "style") or attrs.get("lang", self.language) != self.language
        if not skipped and not any(hidden for _, hidden in self.stack):
            self.parts.extend(attrs[name] for name in self.SPOKEN if attrs.get(name))
        if tag not in self.VOID:
            self.stack.append((tag, skipped))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag("br", attrs)  # never left open

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if not any(hidden for _, hidden in self.stack):
            self.parts.append(data)


def visible_text(html):
    parser = VisibleText()
    parser.feed(html)
    return " ".join(parser.parts)


def simplified_in(html):
    return sorted(set(visible_text(html)) & simplified_only())


def url(name, *args):
    with translation.override(LANGUAGE):
        return reverse(name, args=args)


def test_the_check_knows_the_usual_simplified_characters():
    assert set(BRIEF_EXAMPLES) <= simplified_only()
    page = '<html lang="zh-Hant"><p>反诈<a lang="zh-Hans">简体</a><input placeholder="例如退税"></p></html>'
    assert visible_text(page) == "反诈 例如退税"


def test_the_check_would_catch_an_unconverted_page(client, catalogue):
    with translation.override("zh-hans"):
        html = client.get(reverse("scams:detail", args=["tax-refund"])).content.decode()
    assert {"诈", "骗", "税"} <= set(simplified_in(html))


def test_every_public_page_is_in_traditional_characters(client, catalogue):
    slugs = list(ScamType.objects.published().values_list("slug", flat=True))
    assert len(slugs) >= 30
    paths = [url("home"), url("text-size")]
    paths += [url("scams:list") + f"?page={page}" for page in range(1, len(slugs) // 12 + 2)]
    paths += [url("scams:detail", slug) for slug in slugs] + [url("scams:print", slug) for slug in slugs]
    found = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert '<html lang="zh-Hant">' in html, path
        if characters := simplified_in(html):
            found[path] = "".join(characters)
    assert found == {}


def test_a_missing_page_is_in_traditional_characters_too(client):
    response = client.get("/zh-hant/no-such-page/")
    assert response.status_code == 404
    assert simplified_in(response.content.decode()) == []


@pytest.mark.django_db
def test_text_edited_after_loading_is_shown_converted(client):
    scam = make_scam_type(name_zh="冒充银行客服诈骗")
    ScamType.objects.filter(pk=scam.pk).update(name_zh="冒充电信客服诈骗")  # as an edit elsewhere would
    html = client.get(url("scams:detail", scam.slug)).content.decode()
    assert "<h1>冒充電信客服詐騙</h1>" in html


@pytest.mark.django_db
def test_the_catalogue_keeps_its_traditional_text_from_the_moment_it_loads(client, catalogue):
    from scams.models import CaseStory, Category, Tag

    scam = ScamType.objects.get(slug="police-impersonation")
    assert scam.traditional["name"][1] == to_traditional(scam.name_zh)
    assert "詐騙" in scam.traditional["name"][1]
    assert set(scam.traditional) >= {"name", "summary", "steps", "phrases", "warning_signs", "protect"}
    for model in (Category, Tag, ScamType, CaseStory):
        assert not model.objects.filter(traditional={}).exists(), model
    # The page reads the stored text: a stored wording (from the same Simplified text) shows.
    scam.traditional["name"][1] = "冒充公檢法（存）"
    ScamType.objects.filter(pk=scam.pk).update(traditional=scam.traditional)
    html = client.get(url("scams:detail", scam.slug)).content.decode()
    assert "<h1>冒充公檢法（存）</h1>" in html


@pytest.mark.django_db
def test_an_admin_style_save_regenerates_the_stored_text():
    scam = make_scam_type(name_zh="冒充银行客服诈骗")
    scam.name_zh = "冒充电信客服诈骗"
    scam.save(update_fields=["name_zh"])
    scam.refresh_from_db()
    assert scam.traditional["name"][1] == "冒充電信客服詐騙"


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["銀行 詐騙", "银行 诈骗", "簡訊"])
def test_searching_in_traditional_characters_finds_the_simplified_text(client, query):
    scam = make_scam_type(name_zh="冒充银行客服诈骗", summary_zh="骗子发来短信")
    make_scam_type(name_zh="刷单返利诈骗")
    response = client.get(url("scams:list"), {"q": query})
    assert [found.slug for found in response.context["page"].object_list] == [scam.slug]
    assert "冒充銀行客服詐騙" in response.content.decode()


@pytest.mark.django_db
def test_the_head_names_the_traditional_locale(client):
    scam = make_scam_type()
    html = client.get(url("scams:detail", scam.slug)).content.decode()
    assert '<meta property="og:locale" content="zh_TW">' in html
    assert f'<link rel="alternate" hreflang="zh-Hant" href="http://testserver/zh-hant/scams/{scam.slug}/">' in html


@pytest.mark.django_db
def test_text_stored_before_the_fixes_is_converted_afresh(client):
    import zlib

    scam = make_scam_type(name_zh="联系发卡银行")
    # What the column held before fraudwatch.core.traditional_fixes: the plain OpenCC text,
    # checked against the Simplified text alone.
    stale = {"name": [zlib.crc32(scam.name_zh.encode("utf-8")), "聯繫髮卡銀行"]}
    ScamType.objects.filter(pk=scam.pk).update(traditional=stale)
    html = client.get(url("scams:detail", scam.slug)).content.decode()
    assert "<h1>聯繫發卡銀行</h1>" in html
