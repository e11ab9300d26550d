"""A language's text is picked one way: fraudwatch.core.bilingual (`obj.t.name`,
text_in, by_language, is_english). This test reads the source and names every line that
picks Chinese or English by hand instead, so that the ad-hoc picks do not come back."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCANNED = ("campaigns", "scams", "fraudwatch")
THE_ONE_PLACE = ROOT / "fraudwatch" / "core" / "bilingual.py"

LANGUAGE = r"""["'](?:en|zh|zh-hans|zh-hant)["']"""
AD_HOC = {
    "a language compared by hand": re.compile(rf"[=!]=\s*{LANGUAGE}|{LANGUAGE}\s*[=!]="),
    "a language chosen by a conditional": re.compile(rf"{LANGUAGE}\s+if\b"),
    "a column chosen by a conditional": re.compile(r"\w_(?:en|zh)\s+if\b"),
    "a column falling back to the other by hand": re.compile(r"\w_(?:en|zh)\s+or\s+[\w.]*_(?:en|zh)\b"),
    "a language code tested by its prefix": re.compile(r"startswith\(\s*[\"'](?:en|zh)"),
}
# Templates compare language codes to choose a label or a layout (the file's language,
# og:locale, the PDF's body class); only printing a column by the language is a pick.
TEMPLATE_AD_HOC = {
    "a column chosen by the language": re.compile(rf"(?:==|!=)\s*{LANGUAGE}.*\{{\{{\s*[\w.]+_(?:en|zh)\b"),
    "a column falling back to the other by hand": re.compile(r"_(?:en|zh)\|default:[\w.]*_(?:en|zh)\b"),
}


def _sources():
    for top in SCANNED:
        for path in sorted((ROOT / top).rglob("*.py")):
            if "migrations" not in path.parts and path != THE_ONE_PLACE:
                yield path


def _templates():
    for top in (*SCANNED, "templates"):
        yield from sorted((ROOT / top).rglob("*.html"))


def ad_hoc_picks(paths, patterns):
    """["file:line: what (the line)"] for every line that matches one of `patterns`."""
    found = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0] if path.suffix == ".py" else line
            for what, pattern in patterns.items():
                if pattern.search(code):
                    name = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
                    found.append(f"{name}:{number}: {what}: {line.strip()}")
                    break
    return found


def test_no_language_is_picked_by_hand_in_the_code():
    found = ad_hoc_picks(_sources(), AD_HOC)
    assert not found, "pick the language through fraudwatch.core.bilingual:\n" + "\n".join(found)


def test_no_language_is_picked_by_hand_in_the_templates():
    found = ad_hoc_picks(_templates(), TEMPLATE_AD_HOC)
    assert not found, "pick the language with the `t` accessor or a tag:\n" + "\n".join(found)


@pytest.mark.parametrize(
    "line",
    [
        'return (obj.name_en or obj.name_zh) if language == "en" else obj.name_zh',
        "return en if language == 'en' else zh",
        'return indicator.unit_en if self.language == "en" else indicator.unit_zh',
        'return change["label"]["en" if language == "en" else "zh"]',
        '"lang": "zh-Hans" if language == "zh" else "en",',
        'return "en" if (language or "").lower().startswith("en") else "zh"',
        "name = row.unit.name_en or row.unit.name_zh",
        'if language != "en":',
    ],
)
def test_the_scan_finds_each_kind_of_pick(tmp_path, line):
    source = tmp_path / "picking.py"
    source.write_text(f"def pick(obj, language):\n    {line}\n", encoding="utf-8")
    assert len(ad_hoc_picks([source], AD_HOC)) == 1


@pytest.mark.parametrize(
    "line",
    [
        'return text_in(obj, "name", language)',
        'return by_language(language, zh="全部单位", en="All units")',
        "return is_english(language)",
        'LANGUAGES = {"zh-hans": "zh", "en": "en"}',
        'parser.add_argument("--lang", choices=["zh-hans", "zh-hant", "en"])',
        "if language == TRADITIONAL_LANGUAGE:  # fonts: not a pick",
    ],
)
def test_the_scan_leaves_the_one_way_alone(tmp_path, line):
    source = tmp_path / "picking.py"
    source.write_text(f"def pick(obj, language):\n    {line}\n", encoding="utf-8")
    assert ad_hoc_picks([source], AD_HOC) == []


@pytest.mark.parametrize(
    ("line", "picks"),
    [
        ('{% if lang == "en" %}{{ kit.intro_en }}{% else %}{{ kit.intro_zh }}{% endif %}', 1),
        ("<p>{{ kit.intro_zh|default:kit.intro_en }}</p>", 1),
        ("{% if kit.t.intro %}<p>{{ kit.t.intro }}</p>{% endif %}", 0),
        ('{% if stored.language == "zh" %}{% translate "Chinese" %}{% endif %}', 0),
    ],
)
def test_the_scan_finds_a_template_pick(tmp_path, line, picks):
    template = tmp_path / "page.html"
    template.write_text(line + "\n", encoding="utf-8")
    assert len(ad_hoc_picks([template], TEMPLATE_AD_HOC)) == picks
