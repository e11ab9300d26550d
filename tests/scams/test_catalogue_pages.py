import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from scams import search
from scams.models import ScamType, Tag
from tests.conftest import make_category, make_scam_type, make_tag


def url(name, language, *args, **kwargs):
    with translation.override(language):
        return reverse(name, args=args, kwargs=kwargs)


def listed_slugs(response):
    return {scam.slug for scam in response.context["page"].object_list}


def count_queries(client, path):
    cache.clear()  # measure the uncached path
    for language in ("zh-hans", "en"):
        search.index_for(language)  # built once per catalogue version, not per search
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
class TestCatalogueList:
    def test_lists_only_published_types(self, client):
        shown = make_scam_type("shown")
        make_scam_type("hidden", published=False)
        response = client.get(url("scams:list", "en"))
        assert listed_slugs(response) == {shown.slug}
        assert response.context["page"].paginator.count == 1

    def test_search_matches_the_page_language_only(self, client):
        refund = make_scam_type(summary_zh="骗子说可以办理购车退税", summary_en="They promise a car tax refund")
        make_scam_type(summary_zh="冒充客服", summary_en="Posing as customer service")
        assert listed_slugs(client.get(url("scams:list", "zh-hans"), {"q": "退税"})) == {refund.slug}
        assert listed_slugs(client.get(url("scams:list", "en"), {"q": "tax refund"})) == {refund.slug}
        assert listed_slugs(client.get(url("scams:list", "en"), {"q": "退税"})) == set()

    def test_search_ranks_the_type_matching_more_words_first(self, client):
        both = make_scam_type(name_en="Fake loan", summary_en="A fee before the money arrives")
        loan_only = make_scam_type(name_en="Fake loan offer", summary_en="Nothing about charges")
        make_scam_type(name_en="Prize draw", summary_en="A lucky winner")
        response = client.get(url("scams:list", "en"), {"q": "loan fee"})
        assert [scam.slug for scam in response.context["page"].object_list] == [both.slug, loan_only.slug]

    def test_search_reaches_aliases_phrases_and_signs(self, client):
        by_alias = make_scam_type(aliases_zh="任务诈骗\n刷单返利")
        by_phrase = make_scam_type(phrases_zh="请把钱转到安全账户")
        by_sign = make_scam_type(warning_signs_zh="要求你下载陌生会议软件")
        zh = url("scams:list", "zh-hans")
        assert listed_slugs(client.get(zh, {"q": "刷单"})) == {by_alias.slug}
        assert listed_slugs(client.get(zh, {"q": "安全账户"})) == {by_phrase.slug}
        assert listed_slugs(client.get(zh, {"q": "会议软件"})) == {by_sign.slug}

    def test_filters_combine(self, client):
        group = make_category("group")
        jobs, shopping = make_category("jobs", parent=group), make_category("shopping")
        phone, sms = make_tag(Tag.Kind.CHANNEL, "phone"), make_tag(Tag.Kind.CHANNEL, "sms")
        students = make_tag(Tag.Kind.AUDIENCE, "students")
        match = make_scam_type(category=jobs, tags=[phone, students])
        make_scam_type(category=jobs, tags=[sms, students])
        make_scam_type(category=make_category(parent=shopping), tags=[phone, students])
        response = client.get(url("scams:list", "en"), {"category": "jobs", "channel": "phone", "audience": "students"})
        assert listed_slugs(response) == {match.slug}
        # A top-level group takes in the categories under it.
        response = client.get(url("scams:list", "en"), {"category": "group", "channel": "phone"})
        assert listed_slugs(response) == {match.slug}

    def test_unknown_filter_value_is_a_form_error_not_a_crash(self, client):
        make_scam_type()
        response = client.get(url("scams:list", "en"), {"channel": "carrier-pigeon"})
        assert response.status_code == 200
        assert "channel" in response.context["filter"].form.errors
        assert "Select a valid choice" in response.content.decode()

    def test_pages_hold_twelve_and_keep_the_query(self, client):
        category = make_category(parent=make_category())
        for number in range(14):
            make_scam_type(f"loan-{number:02}", category=category, name_en=f"Loan {number}")
        response = client.get(url("scams:list", "en"), {"q": "loan", "page": "2"})
        assert len(response.context["page"].object_list) == 2
        assert "?q=loan&amp;page=1" in response.content.decode()
        # A page number out of range shows the last page rather than an error.
        assert client.get(url("scams:list", "en"), {"page": "99"}).context["page"].number == 2

    def test_results_link_to_their_detail_pages(self, client):
        scam = make_scam_type(name_en="Order brushing")
        response = client.get(url("scams:list", "en"))
        assert f'href="/en/scams/{scam.slug}/"' in response.content.decode()

    @pytest.mark.parametrize("language", ["zh-hans", "zh-hant", "en"])
    def test_query_count_does_not_grow_with_the_catalogue(self, client, language):
        category = make_category(parent=make_category())
        tags = [make_tag(Tag.Kind.CHANNEL), make_tag(Tag.Kind.AUDIENCE)]
        for _ in range(10):
            make_scam_type(category=category, tags=tags)
        path = url("scams:list", language)
        searched = path + "?q=summary&channel=" + tags[0].code
        small = count_queries(client, path), count_queries(client, searched)
        for _ in range(190):
            make_scam_type(category=category, tags=tags)
        large = count_queries(client, path), count_queries(client, searched)
        assert small == large
        assert max(large) <= 4


@pytest.mark.django_db
class TestScamTypeDetail:
    def test_shows_every_section_in_the_page_language(self, client):
        scam = make_scam_type(
            name_en="Fake kidnapping",
            steps_en="They call\nThey threaten",
            phrases_en="Your son is with us",
            if_paid_en="Call 110 now",
            aliases_en="virtual kidnapping",
        )
        scam.cases.create(title_zh="案例", body_zh="故事", title_en="A case", body_en="The story")
        response = client.get(url("scams:detail", "en", scam.slug))
        html = response.content.decode()
        assert '<html lang="en">' in html
        for text in ("Fake kidnapping", "<li>They threaten</li>", "Your son is with us", "Call 110 now", "The story"):
            assert text in html

    def test_chinese_page_is_chinese(self, client):
        scam = make_scam_type(name_zh="虚假绑架诈骗")
        html = client.get(url("scams:detail", "zh-hans", scam.slug)).content.decode()
        assert '<html lang="zh-Hans">' in html
        assert "虚假绑架诈骗" in html

    def test_head_has_canonical_description_and_open_graph(self, client):
        scam = make_scam_type(name_en="Tax refund scam", summary_en="They promise money back.")
        html = client.get(url("scams:detail", "en", scam.slug)).content.decode()
        canonical = f"http://testserver/en/scams/{scam.slug}/"
        assert f'<link rel="canonical" href="{canonical}">' in html
        assert '<meta name="description" content="They promise money back.">' in html
        assert '<meta property="og:title" content="Tax refund scam">' in html
        assert f'<meta property="og:url" content="{canonical}">' in html
        assert f'<link rel="alternate" hreflang="zh-Hans" href="http://testserver/zh-hans/scams/{scam.slug}/">' in html

    def test_related_types_are_linked_both_ways(self, client):
        scam, other = make_scam_type(name_en="First"), make_scam_type(name_en="Second")
        scam.related.add(other)
        html = client.get(url("scams:detail", "en", other.slug)).content.decode()
        assert f'<a href="/en/scams/{scam.slug}/">First</a>' in html

    def test_unpublished_and_unknown_types_are_404(self, client):
        hidden = make_scam_type(published=False)
        assert client.get(url("scams:detail", "en", hidden.slug)).status_code == 404
        assert client.get(url("scams:detail", "en", "no-such-scam")).status_code == 404

    def test_missing_english_falls_back_to_chinese_visibly(self, client):
        scam = make_scam_type(if_paid_zh="立即拨打110", if_paid_en="")
        html = client.get(url("scams:detail", "en", scam.slug)).content.decode()
        assert '<li><span lang="zh-Hans" class="fallback">立即拨打110</span></li>' in html
        assert "have not been translated into English yet" in html

    def test_user_text_is_escaped(self, client):
        scam = make_scam_type(name_en="<script>alert(1)</script>")
        html = client.get(url("scams:detail", "en", scam.slug)).content.decode()
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html

    @pytest.mark.parametrize("name", ["scams:detail", "scams:print"])
    def test_query_count_does_not_grow_with_the_catalogue(self, client, name):
        category = make_category(parent=make_category())
        tags = [make_tag(Tag.Kind.CHANNEL), make_tag(Tag.Kind.AUDIENCE)]
        scam = make_scam_type(category=category, tags=tags)
        others = [make_scam_type(category=category, tags=tags) for _ in range(9)]
        scam.related.add(*others[:3])
        scam.cases.create(title_zh="案例", body_zh="故事")
        small = count_queries(client, url(name, "en", scam.slug))
        more = [make_scam_type(category=category, tags=tags) for _ in range(190)]
        scam.related.add(*more[:40])
        for number in range(5):
            scam.cases.create(title_zh=f"案例{number}", body_zh="故事")
        assert count_queries(client, url(name, "en", scam.slug)) == small
        # The type, its tags, cases and related types; the page adds the week's sightings
        # and the panels of alerts and of material to share.
        assert small <= {"scams:detail": 7, "scams:print": 4}[name]


@pytest.mark.django_db
def test_home_query_count_does_not_grow_and_shows_featured(client, each_edge_day):
    group = make_category()
    category = make_category(parent=group)
    make_scam_type(category=category, featured=True, name_en="Featured one")
    small = count_queries(client, url("home", "en"))
    for _ in range(100):
        make_scam_type(category=make_category(parent=group), featured=True)
    # Current alerts, the week's most reported types, featured types, groups, their
    # categories, the public indicators and the year's totals; when today is not a
    # month's last day, the year's totals read this month's days from the activities too
    # (one query to plan, two to read).
    month_end = (each_edge_day + datetime.timedelta(days=1)).day == 1
    assert count_queries(client, url("home", "en")) == small <= (7 if month_end else 10)
    assert ScamType.objects.filter(featured=True).count() == 101
