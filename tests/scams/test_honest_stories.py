"""The case stories are invented examples: no page may present them as true cases."""

from pathlib import Path

import pytest
from django.conf import settings

from scams.models import ScamType

FORBIDDEN = "真实案例"  # "a true case"


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


@pytest.mark.parametrize(("language", "heading"), [("zh-hans", "案例（化名）"), ("en", "Examples (names changed)")])
def test_the_stories_heading_says_the_names_are_changed(client, catalogue, language, heading):
    html = client.get(f"/{language}/scams/tax-refund/").content.decode()
    assert f'<h2 id="cases-title" class="h4">{heading}</h2>' in html
