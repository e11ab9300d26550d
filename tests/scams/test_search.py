"""The catalogue search: analysis, ranking, synonyms, the in-memory index and the results page."""

import logging

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from fraudwatch.core import pagecache
from scams import search
from scams.models import Synonym, Tag
from tests.conftest import make_category, make_scam_type, make_tag


def url(language):
    with translation.override(language):
        return reverse("scams:list")


def ranked_slugs(client, language, query, **filters):
    response = client.get(url(language), {"q": query, **filters})
    assert response.status_code == 200
    return [scam.slug for scam in response.context["page"].object_list]


class TestAnalysis:
    def test_chinese_is_cut_into_words_and_character_pairs(self):
        analysis = search.analyse("警察打电话说我涉嫌洗钱")
        assert {"警察", "打电话", "涉嫌", "洗钱"} <= set(analysis.words)
        assert "说" not in analysis.words  # a stop word
        assert {"~警察", "~察打", "~洗钱"} <= set(analysis.pairs)

    def test_english_is_lower_cased_stemmed_and_rid_of_stop_words(self):
        analysis = search.analyse("Someone is INVESTING my savings, don't tell")
        assert analysis.words == ("invest", "save")
        assert analysis.pairs == ()

    def test_full_width_letters_and_digits_read_as_plain_ones(self):
        assert search.analyse("ＡＰＰ　１１０").words == ("app", "110")

    @pytest.mark.parametrize(("language", "key"), [("zh-hans", "zh"), ("zh-hant", "zh"), ("en", "en"), (None, "zh")])
    def test_every_chinese_variant_reads_the_chinese_columns(self, language, key):
        assert search.language_key(language) == key

    def test_loading_the_dictionary_says_nothing(self, monkeypatch, capfd, caplog):
        monkeypatch.setattr(search, "_segmenter", None)
        caplog.set_level(logging.DEBUG)
        search.segmenter()
        assert search.segmenter() is search.segmenter()  # loaded once
        assert capfd.readouterr().err == ""
        assert [record for record in caplog.records if record.name.startswith("jieba")] == []


@pytest.mark.django_db
class TestRanking:
    def test_a_name_counts_more_than_a_phrase_and_a_phrase_more_than_the_summary(self, client):
        in_summary = make_scam_type("in-summary", summary_en="They talk about a lottery now and then.")
        in_phrase = make_scam_type("in-phrase", phrases_en="You won the lottery!")
        in_name = make_scam_type("in-name", name_en="Lottery scam")
        assert ranked_slugs(client, "en", "lottery") == [in_name.slug, in_phrase.slug, in_summary.slug]

    def test_chinese_phrasing_that_jieba_cuts_differently_still_matches(self, client):
        match = make_scam_type(phrases_zh="请马上开启屏幕共享功能")
        make_scam_type(phrases_zh="请到银行柜台办理")
        # 共享屏幕 is cut as other words than 屏幕共享; their character pairs still meet.
        assert ranked_slugs(client, "zh-hans", "共享屏幕") == [match.slug]

    def test_english_word_forms_meet_through_their_stems(self, client):
        match = make_scam_type(summary_en="An investment that promises big returns")
        make_scam_type(summary_en="A parcel that never arrived")
        assert ranked_slugs(client, "en", "investing") == [match.slug]

    def test_synonyms_widen_the_search_in_each_language(self, client):
        police = make_scam_type(name_zh="冒充警察诈骗", name_en="Fake police officer")
        make_scam_type(name_zh="刷单诈骗", name_en="Order brushing")
        Synonym.objects.create(code="police", terms_zh="警察\n民警\n公安", terms_en="police\ncop")
        assert ranked_slugs(client, "zh-hans", "民警来电") == [police.slug]
        assert ranked_slugs(client, "en", "a cop called me") == [police.slug]

    def test_a_typed_word_outranks_its_synonym(self, client):
        typed = make_scam_type(summary_en="A courier calls about a parcel")
        synonym = make_scam_type(summary_en="A courier calls about a package")
        Synonym.objects.create(code="parcel", terms_en="parcel\npackage")
        assert ranked_slugs(client, "en", "parcel") == [typed.slug, synonym.slug]

    def test_filters_still_narrow_a_search(self, client):
        phone = make_tag(Tag.Kind.CHANNEL, "phone")
        by_phone = make_scam_type(name_en="Loan by phone", tags=[phone])
        make_scam_type(name_en="Loan online")
        assert ranked_slugs(client, "en", "loan", channel="phone") == [by_phone.slug]

    def test_unpublished_types_are_never_found(self, client):
        make_scam_type(name_en="Hidden loan", published=False)
        assert ranked_slugs(client, "en", "loan") == []

    def test_a_chinese_variant_page_searches_the_chinese_text(self):
        refund = make_scam_type(summary_zh="骗子说可以办理购车退税")
        make_scam_type(summary_zh="冒充客服")
        assert search.search("退税", "zh-hant") == [refund.pk]


@pytest.mark.django_db
class TestIndexCache:
    def test_the_index_is_built_once_per_catalogue_version(self, monkeypatch):
        make_scam_type(name_en="Loan")
        builds = []
        build = search._build
        monkeypatch.setattr(search, "_build", lambda suffix: builds.append(suffix) or build(suffix))
        search.search("loan", "en")
        search.search("loan", "en")
        search.search("贷款", "zh-hans")
        assert builds == ["en", "zh"]
        pagecache.invalidate()
        search.search("loan", "en")
        assert builds == ["en", "zh", "en"]

    def test_an_edit_is_found_once_the_version_moves_on(self):
        scam = make_scam_type(name_en="Loan")
        assert search.search("kidnap", "en") == []
        scam.name_en = "Fake kidnapping"
        scam.save()
        pagecache.invalidate()  # as the admin and load_catalogue do
        assert search.search("kidnap", "en") == [scam.pk]

    def test_a_flushed_cache_never_brings_back_an_old_index(self):
        scam = make_scam_type(name_en="Loan")
        search.search("loan", "en")
        old = pagecache.version()
        scam.delete()
        cache.clear()  # the version is gone with everything else
        assert pagecache.version() != old
        assert search.search("loan", "en") == []

    @pytest.mark.parametrize("language", ["zh-hans", "en"])
    def test_a_search_costs_no_more_queries_than_the_plain_list(self, client, language):
        category = make_category(parent=make_category())
        tags = [make_tag(Tag.Kind.CHANNEL), make_tag(Tag.Kind.AUDIENCE)]
        for number in range(30):
            make_scam_type(category=category, tags=tags, name_zh=f"贷款诈骗{number}", name_en=f"Loan scam {number}")
        search.index_for(language)  # warm, as it is after the first search of a version

        def queries(params):
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url(language), params)
            assert response.status_code == 200
            return len(captured)

        plain = queries({})
        searched = queries({"q": "贷款" if language == "zh-hans" else "loan"})
        assert searched == plain


@pytest.mark.django_db
class TestResultsPage:
    def test_results_are_an_ordered_list_of_links_best_first(self, client):
        second = make_scam_type(summary_en="Someone offers a loan")
        first = make_scam_type(name_en="Fake loan")
        html = client.get(url("en"), {"q": "loan"}).content.decode()
        results = html[html.index('<ol id="results"') : html.index("</ol>", html.index('<ol id="results"'))]
        assert results.index(f'href="/en/scams/{first.slug}/"') < results.index(f'href="/en/scams/{second.slug}/"')

    def test_no_result_offers_common_types_and_the_hotlines(self, client):
        featured = make_scam_type(name_en="Common scam", featured=True)
        make_scam_type(name_en="Rare scam")
        response = client.get(url("en"), {"q": "zzzz"})
        html = response.content.decode()
        assert 'id="results"' not in html
        assert f'href="/en/scams/{featured.slug}/"' in html
        assert 'href="tel:110"' in html
        assert 'href="tel:96110"' in html
        assert "does not mean it is safe" in html

    def test_a_plain_list_is_not_a_ranked_one(self, client):
        make_scam_type()
        html = client.get(url("en")).content.decode()
        assert 'id="results"' not in html
        assert "Common right now" not in html
