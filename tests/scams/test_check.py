""" "Is this a scam?": the form, the answer, red flags, consent to share, masking, privacy."""

import logging
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scams import checking, search
from scams.models import SharedMessage

POLICE_CALL = (
    "This is Officer Wang from the city police. A bank card in your name is involved in money laundering. "
    "Do not tell your family. Transfer your savings to the safe account immediately."
)


def check_url(language="en"):
    with translation.override(language):
        return reverse("check")


def answer_of(html):
    """The answer section of a check page (empty when there is none)."""
    match = re.search(r'<section class="check-answer.*?</section>', html, re.S)
    return match.group() if match else ""


def row_counts():
    counts = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            # Table names come from the database's own catalogue, not from input.
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


@pytest.mark.django_db
def test_the_form_posts_one_text_field_with_a_csrf_token(client):
    response = client.get(check_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'<form class="check-form[^"]*" method="post" action="/en/check/"', html)
    assert re.search(r'<textarea name="text"[^>]*maxlength="2000"', html)
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'name="share"' in html
    assert answer_of(html) == ""


def test_the_page_answers_at_the_check_address_of_each_language():
    assert check_url("en") == "/en/check/"
    assert check_url("zh-hans") == "/zh-hans/check/"


class TestAnswer:
    def test_a_police_call_is_matched_with_the_sentence_and_the_phrase_it_resembles(self, client, catalogue):
        html = client.post(check_url(), {"text": POLICE_CALL}).content.decode()
        answer = answer_of(html)
        matches = answer[answer.index('<ol id="matches">') : answer.index("</ol>")]
        links = re.findall(r'href="/en/scams/([a-z-]+)/"', matches)
        assert links[0] == "police-impersonation"
        assert len(links) <= 3
        first = matches[: matches.index("</li>")]
        assert "<q>A bank card in your name is involved in money laundering</q>" in first
        assert "money laundering. Did you know that?" in first  # the catalogue's phrase

    def test_a_chinese_message_is_answered_in_chinese(self, client, catalogue):
        text = "你好，我是某东客服。你买的商品有质量问题，我们给你三倍赔偿，请下载会议软件开启屏幕共享。"
        html = client.post(check_url("zh-hans"), {"text": text}).content.decode()
        answer = answer_of(html)
        assert 'href="/zh-hans/scams/shopping-refund/"' in answer
        assert "它像这些已知的骗局" in answer
        assert "要你共享屏幕" in answer

    def test_red_flags_are_named_and_explained(self, client, catalogue):
        answer = answer_of(client.post(check_url(), {"text": POLICE_CALL}).content.decode())
        flags = answer[answer.index('<dl class="red-flags">') : answer.index("</dl>")]
        for flag in ("transfer", "safe_account", "secrecy", "urgency"):
            red_flag = next(flag_ for flag_ in checking.RED_FLAGS if flag_.code == flag)
            assert f"<dt>{red_flag.title}</dt>" in flags
            assert str(red_flag.explanation).replace("“", "&ldquo;")[:40] in flags.replace("“", "&ldquo;")
        assert "<dt>It asks for a verification code</dt>" not in flags

    def test_what_to_do_now_gives_the_hotlines_and_official_numbers(self, client, catalogue):
        answer = answer_of(client.post(check_url(), {"text": POLICE_CALL}).content.decode())
        assert 'href="tel:110"' in answer
        assert 'href="tel:96110"' in answer
        assert "official number you look up yourself" in answer
        assert "Hang up" in answer

    @pytest.mark.parametrize(
        ("language", "text"), [("en", "Happy birthday! Have a lovely day."), ("zh-hans", "今晚吃饺子还是面条？")]
    )
    def test_an_unrecognised_message_is_never_called_safe(self, client, catalogue, language, text):
        answer = answer_of(client.post(check_url(language), {"text": text}).content.decode())
        assert 'id="matches"' not in answer
        assert 'href="tel:110"' in answer
        assert 'href="tel:96110"' in answer
        if language == "en":
            assert "Not recognised" in answer
            assert "That does not mean it is safe" in answer
            assert "official number you look up yourself" in answer
            # "Safe" appears only to deny it, or in the name of a red flag.
            assert "safe" not in answer.replace("does not mean it is safe", "").replace("“safe account”", "")
        else:
            assert "没有认出" in answer
            assert "这并不代表它没有问题" in answer

    def test_the_same_engine_as_the_search_ranks_the_types(self, client, catalogue):
        text = "Earn money at home: like videos and follow shops, commission paid every day."
        checked = [match.pk for match in checking.matching_types(text, "en")]
        assert checked[0] == search.search(text, "en")[0]

    def test_a_check_costs_one_query_once_the_index_is_built(self, client, catalogue):
        search.index_for("en")
        with CaptureQueriesContext(connection) as queries:
            response = client.post(check_url(), {"text": POLICE_CALL})
        assert 'id="matches"' in response.content.decode()
        assert len(queries) == 1  # the matched types


@pytest.mark.django_db
class TestLimits:
    def test_2001_characters_is_a_form_error(self, client):
        response = client.post(check_url(), {"text": "骗" * 2001})
        assert response.status_code == 200
        html = response.content.decode()
        assert "Ensure this value has at most 2000 characters (it has 2001)." in html
        assert answer_of(html) == ""

    def test_2000_characters_are_checked(self, client, catalogue):
        response = client.post(check_url(), {"text": ("Transfer the money now. " * 100)[:2000]})
        assert answer_of(response.content.decode()) != ""

    def test_a_line_break_counts_as_one_character_as_the_browser_counts_it(self, client):
        response = client.post(check_url(), {"text": "ab\r\n" * 666 + "ab"})  # 2000 with \n, 2666 with \r\n
        assert "at most 2000 characters" not in response.content.decode()

    def test_an_empty_message_asks_for_one(self, client):
        html = client.post(check_url(), {"text": "   "}).content.decode()
        assert "This field is required." in html
        assert answer_of(html) == ""


@pytest.mark.django_db
class TestPrivacy:
    def test_nothing_is_stored_without_consent(self, client, catalogue):
        search.index_for("en")
        before = row_counts()
        response = client.post(check_url(), {"text": POLICE_CALL + " Call me on 13812345678."})
        assert 'id="matches"' in response.content.decode()
        assert row_counts() == before

    def test_a_shared_message_is_kept_with_its_numbers_masked_and_nothing_about_the_sender(self, client, catalogue):
        text = (
            POLICE_CALL + " Call me back on 13812345678 or 0571-88881234. Your ID 11010519900307123X and card "
            "6222 0212 3456 7890 are frozen. Questions: 96110 or 95588."
        )
        response = client.post(
            check_url(), {"text": text, "share": "on"}, REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="Tester/1.0"
        )
        assert "The message was shared" in response.content.decode()
        shared = SharedMessage.objects.get()
        assert "138****5678" in shared.text
        assert "0571-****1234" in shared.text
        assert "110***********123X" in shared.text
        assert "6222 **** **** 7890" in shared.text
        assert "96110 or 95588" in shared.text
        for secret in ("13812345678", "88881234", "11010519900307123X", "0212 3456"):
            assert secret not in shared.text
        assert shared.status == SharedMessage.Status.NEW
        assert shared.matched.slug == "police-impersonation"
        assert shared.language == "en"
        stored = [getattr(shared, field.attname) for field in SharedMessage._meta.concrete_fields]
        assert not any(value in ("203.0.113.9", "Tester/1.0") for value in stored)
        assert {field.name for field in SharedMessage._meta.concrete_fields} == {
            "id",
            "text",
            "language",
            "matched",
            "status",
            "created_at",
        }

    def test_after_sharing_the_box_is_unticked_again(self, client, catalogue):
        html = client.post(check_url(), {"text": POLICE_CALL, "share": "on"}).content.decode()
        assert re.search(r'<input type="checkbox" name="share"[^>]*>', html)
        assert not re.search(r'<input type="checkbox" name="share"[^>]*checked', html)

    def test_the_message_never_reaches_the_log_or_the_address(self, client, catalogue, caplog):
        caplog.set_level(logging.DEBUG)
        marker = "Zebra-Quartz-4417 转到安全账户"
        response = client.post(check_url(), {"text": f"{POLICE_CALL} {marker}"})
        assert response.status_code == 200  # answered in place, no redirect carrying the text
        assert caplog.records, "the request is logged"
        for record in caplog.records:
            assert "Zebra-Quartz" not in record.getMessage()
        assert "Zebra" not in response.get("Location", "")

    def test_answers_are_kept_by_no_cache(self, client, catalogue):
        response = client.post(check_url(), {"text": POLICE_CALL})
        assert "no-store" in response["Cache-Control"]
        assert "Transfer your savings" not in client.get(check_url()).content.decode()

    def test_a_post_without_a_csrf_token_is_refused(self):
        response = Client(enforce_csrf_checks=True).post(check_url(), {"text": POLICE_CALL})
        assert response.status_code == 403


@pytest.mark.parametrize(
    ("code", "zh", "en"),
    [
        ("transfer", "你先把钱转到这个卡上", "please transfer the money today"),
        ("safe_account", "资金要转入安全账户", "move it to a safe account"),
        ("code", "把收到的验证码告诉我", "read me the verification code"),
        ("secrecy", "这件事不要告诉家人", "don't tell anyone about this"),
        ("urgency", "24小时内不处理就冻结", "you must act immediately"),
        ("link", "登录 http://icbc-safe.example.top 认证", "log in at www.bank-check.example.com"),
        ("app", "请下载这个APP", "install this app from the link"),
        ("screen_sharing", "打开会议软件共享屏幕", "share your screen with me"),
        ("upfront_fee", "放款前要先交保证金", "pay a small processing fee first"),
    ],
)
def test_each_red_flag_is_found_in_both_languages(code, zh, en):
    assert code in [flag.code for flag in checking.red_flags(zh)]
    assert code in [flag.code for flag in checking.red_flags(en)]


@pytest.mark.parametrize("text", ["今晚吃饺子还是面条？", "See you at the park on Sunday afternoon."])
def test_an_ordinary_message_raises_no_flag(text):
    assert checking.red_flags(text) == []


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("回电13812345678", "回电138****5678"),
        ("call +86 138 1234 5678", "call +86 138 **** 5678"),
        ("座机010-12345678", "座机010-****5678"),
        ("身份证11010519900307123x", "身份证110***********123x"),
        ("卡号6222021234567890123", "卡号6222***********0123"),
        ("write to zhang.san@example.com", "write to z***@example.com"),
        ("拨打110、96110、95588或4008001234", "拨打110、96110、95588或4008001234"),
        ("1069012345678901发来的短信", "1069012345678901发来的短信"),
        ("转账5000元，验证码123456", "转账5000元，验证码123456"),
    ],
)
def test_personal_numbers_are_masked_and_service_numbers_kept(text, masked):
    assert checking.mask_personal_numbers(text) == masked


def test_sentences_split_on_stops_but_keep_links_and_amounts_whole():
    assert checking.sentences("你好。请登录 www.example.com 认证！金额3.5万? Then pay.\nOK") == [
        "你好",
        "请登录 www.example.com 认证",
        "金额3.5万",
        "Then pay",
        "OK",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["home", "scams:list"])
def test_home_list_and_menu_link_to_the_checker(client, name):
    with translation.override("en"):
        html = client.get(reverse(name)).content.decode()
    assert html.count('href="/en/check/"') >= 2  # the menu and the page itself


@pytest.mark.django_db
def test_a_search_with_no_result_links_to_the_checker(client):
    with translation.override("zh-hans"):
        html = client.get(reverse("scams:list"), {"q": "zzzz"}).content.decode()
    no_results = html[html.index('<div class="no-results') :]
    assert 'href="/zh-hans/check/"' in no_results


JUNK = st.one_of(
    st.sampled_from(
        ["<script>alert(1)</script>", "\x00\x1b[31m", "\u202e\u200b\ufeff", "。。。！！！", "9" * 40, "http://"]
    ),
    st.text(max_size=300),
    st.text(alphabet="转账验证码安全账户马上 .。!\n", min_size=1, max_size=400),
    st.text(min_size=1990, max_size=2100),
)


@pytest.mark.django_db
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=JUNK, share=st.booleans())
def test_any_input_gets_a_page_not_a_500(client, catalogue, text, share):
    response = client.post(check_url(), {"text": text, **({"share": "on"} if share else {})})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()
