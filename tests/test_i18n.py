import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from fraudwatch.management.commands.traditional_messages import traditional_catalogue
from tests.conftest import make_scam_type

LOCALE = Path(settings.BASE_DIR) / "locale"
PO_FILES = sorted(LOCALE.glob("*/LC_MESSAGES/*.po"))


def test_there_is_a_chinese_catalogue():
    assert LOCALE / "zh_Hans" / "LC_MESSAGES" / "django.po" in PO_FILES
    assert LOCALE / "zh_Hant" / "LC_MESSAGES" / "django.po" in PO_FILES


def test_traditional_catalogue_is_the_conversion_of_the_simplified_one():
    """zh_Hant is generated: edited by hand or left behind by a change to zh_Hans, it fails here."""
    expected = str(traditional_catalogue(LOCALE / "zh_Hans/LC_MESSAGES/django.po"))
    committed = (LOCALE / "zh_Hant/LC_MESSAGES/django.po").read_text(encoding="utf-8")
    assert committed == expected, "locale/zh_Hant is stale or edited; run `make messages`"
    assert "繁體中文" in committed
    assert "繁体中文" not in committed


def test_traditional_script_catalogue_is_the_conversion_of_the_simplified_one():
    expected = str(traditional_catalogue(LOCALE / "zh_Hans/LC_MESSAGES/djangojs.po"))
    committed = (LOCALE / "zh_Hant/LC_MESSAGES/djangojs.po").read_text(encoding="utf-8")
    assert committed == expected, "locale/zh_Hant is stale or edited; run `make messages`"
    assert "選擇全部" in committed


def _messages(catalogue):
    """{(context, msgid): translation} of every translated entry; plurals as a tuple."""
    return {
        (entry.msgctxt, entry.msgid): (
            tuple(text for _, text in sorted(entry.msgstr_plural.items())) if entry.msgid_plural else entry.msgstr
        )
        for entry in catalogue
        if entry.msgid and (entry.msgstr or entry.msgstr_plural) and "fuzzy" not in entry.flags
    }


@pytest.mark.parametrize("po_path", PO_FILES, ids=lambda path: str(path.relative_to(LOCALE)))
def test_compiled_catalogue_matches_its_source(po_path):
    source = _messages(polib.pofile(str(po_path)))
    compiled = _messages(polib.mofile(str(po_path.with_suffix(".mo"))))
    assert compiled == source, "the .mo and the .po disagree; run `make messages`"


@pytest.mark.parametrize("po_path", PO_FILES, ids=lambda path: str(path.relative_to(LOCALE)))
def test_every_string_is_translated(po_path):
    po = polib.pofile(str(po_path))
    missing = [entry.msgid for entry in po if not entry.obsolete and (not entry.translated() or "fuzzy" in entry.flags)]
    assert missing == []


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
def test_catalogue_holds_every_string_in_the_code(tmp_path):
    """makemessages on a copy finds no string the committed .po lacks."""
    copy = tmp_path / "project"
    ignore = shutil.ignore_patterns(".venv", "node_modules", "var", ".git", "__pycache__", "tests")
    shutil.copytree(settings.BASE_DIR, copy, ignore=ignore)
    subprocess.run(
        ["python", "manage.py", "makemessages", "--locale", "zh_Hans", "--no-location", "--no-obsolete"],
        cwd=copy,
        env={"PATH": str(Path(settings.BASE_DIR) / ".venv" / "bin") + ":/usr/bin:/bin", "DJANGO_DEBUG": "1"},
        check=True,
        capture_output=True,
    )
    fresh = {entry.msgid for entry in polib.pofile(str(copy / "locale/zh_Hans/LC_MESSAGES/django.po"))}
    committed = {entry.msgid for entry in polib.pofile(str(LOCALE / "zh_Hans/LC_MESSAGES/django.po"))}
    assert fresh - committed == set(), "strings missing from the catalogue; run `make messages`"


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("zh-CN,zh;q=0.9", "/zh-hans/"),
        ("zh-TW,zh;q=0.9", "/zh-hant/"),
        ("zh-HK", "/zh-hant/"),
        ("zh-Hant", "/zh-hant/"),
        ("en-US,en;q=0.8", "/en/"),
        ("fr-FR", "/zh-hans/"),
        ("", "/zh-hans/"),
    ],
)
def test_root_redirects_by_accept_language(client, accept, expected):
    response = client.get("/", headers={"accept-language": accept} if accept else {})
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.django_db
def test_language_switch_keeps_the_visitor_on_the_same_page(client):
    scam = make_scam_type(name_zh="退税诈骗", name_en="Tax refund scam")
    with translation.override("zh-hans"):
        path = reverse("scams:detail", args=[scam.slug])
    html = client.get(path).content.decode()
    assert '<html lang="zh-Hans">' in html
    assert f'<a href="/en/scams/{scam.slug}/" hreflang="en" lang="en">English</a>' in html
    assert f'<a href="/zh-hant/scams/{scam.slug}/" hreflang="zh-Hant" lang="zh-Hant">繁體中文</a>' in html
    assert '<span aria-current="true" lang="zh-Hans">简体中文</span>' in html
    assert f'<link rel="alternate" hreflang="zh-Hant" href="http://testserver/zh-hant/scams/{scam.slug}/">' in html
    assert f'<link rel="alternate" hreflang="en" href="http://testserver/en/scams/{scam.slug}/">' in html
    list_html = client.get("/en/scams/?q=refund").content.decode()
    assert '<a href="/zh-hans/scams/?q=refund" hreflang="zh-Hans" lang="zh-Hans">简体中文</a>' in list_html


@pytest.mark.django_db
def test_chinese_pages_speak_chinese(client):
    html = client.get("/zh-hans/scams/").content.decode()
    assert "<h1>诈骗类型</h1>" in html
    assert "Scam types" not in html
