"""The case stories are invented examples: no page may present them as true cases."""

from pathlib import Path

import pytest
from django.conf import settings

from scams.models import ScamType

FORBIDDEN = "真实案例"  # "a true case"
# Headings that present the stories as real incidents with the names changed.
OLD_HEADINGS = ("化名", "names changed")


def test_no_template_message_or_catalogue_file_says_true_case():
    base = Path(settings.BASE_DIR)
    sources = [
        *base.glob("*/templates/**/*.html"),
        *base.glob("templates/**/*.html"),
        *base.glob("locale/*/LC_MESSAGES/*.po"),
        *base.glob("scams/catalogue/*.toml"),
    ]
    assert len(sources) > 40
    assert [str(path.relative_to(base)) for path in sources if FORBIDDEN in path.read_text(encoding="utf-8")] == []


def test_no_public_page_says_true_case(client, catalogue):
    slugs = list(ScamType.objects.published().values_list("slug", flat=True))
    paths = ["/{lang}/", "/{lang}/scams/"]
    paths += [f"/{{lang}}/scams/{slug}/" for slug in slugs] + [f"/{{lang}}/scams/{slug}/print/" for slug in slugs]
    offending = []
    for language in ("zh-hans", "en"):
        for path in paths:
            response = client.get(path.format(lang=language))
            assert response.status_code == 200, path
            if FORBIDDEN in response.content.decode():
                offending.append(path.format(lang=language))
    assert offending == []


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("zh-hans", "情景示例（根据常见手法编写）"),
        ("zh-hant", "情景示例（根據常見手法編寫）"),
        ("en", "Scenarios (written to show common methods)"),
    ],
)
def test_the_stories_heading_says_they_were_written_to_show_a_method(client, catalogue, language, heading):
    html = client.get(f"/{language}/scams/tax-refund/").content.decode()
    assert f'<h2 id="cases-title" class="h4">{heading}</h2>' in html
    assert "化名" not in html
    assert "names changed" not in html


def test_no_template_or_message_calls_the_stories_real_incidents_with_names_changed():
    base = Path(settings.BASE_DIR)
    sources = [*base.glob("*/templates/**/*.html"), *base.glob("locale/*/LC_MESSAGES/*.po")]
    assert [
        str(path.relative_to(base))
        for path in sources
        if any(heading in path.read_text(encoding="utf-8") for heading in OLD_HEADINGS)
    ] == []
