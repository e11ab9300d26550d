"""The bundled catalogue as residents see it, in every language."""

import pytest

from scams.models import ScamType


@pytest.mark.parametrize(
    ("language", "query", "expected"),
    [
        ("zh-hans", "退税", "tax-refund"),
        ("zh-hans", "刷单", "order-brushing"),
        ("zh-hans", "公检法", "police-impersonation"),
        ("zh-hans", "杀猪盘", "romance-investment"),
        ("zh-hans", "征信修复", "fake-credit-repair"),
        ("zh-hant", "退稅", "tax-refund"),
        ("zh-hant", "殺豬盤", "romance-investment"),
        ("zh-hant", "公檢法", "police-impersonation"),
        ("en", "tax refund", "tax-refund"),
        ("en", "kidnap", "fake-kidnapping"),
        ("en", "medical insurance", "medical-insurance-impersonation"),
    ],
)
def test_searches_find_the_matching_types(client, catalogue, language, query, expected):
    response = client.get(f"/{language}/scams/", {"q": query})
    found = {scam.slug for scam in response.context["page"].object_list}
    assert expected in found
    assert f'href="/{language}/scams/{expected}/"' in response.content.decode()


def test_every_list_shows_every_type_and_every_page_answers_in_its_language(client, catalogue):
    slugs = set(ScamType.objects.published().values_list("slug", flat=True))
    assert len(slugs) >= 30
    for language, html_lang in (("zh-hans", "zh-Hans"), ("zh-hant", "zh-Hant"), ("en", "en")):
        listed = set()
        page = 1
        while True:
            response = client.get(f"/{language}/scams/", {"page": page})
            listed |= {scam.slug for scam in response.context["page"].object_list}
            if not response.context["page"].has_next():
                break
            page += 1
        assert listed == slugs
        for slug in slugs:
            response = client.get(f"/{language}/scams/{slug}/")
            assert response.status_code == 200, slug
            assert f'<html lang="{html_lang}">' in response.content.decode(), slug
