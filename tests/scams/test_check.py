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
from scams.models import ScamType, SharedMessage

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
    def test_a_police_call_gets_a_high_verdict_first_then_its_type_and_what_to_do(self, client, catalogue):
        html = client.post(check_url(), {"text": POLICE_CALL}).content.decode()
        answer = answer_of(html)
        assert answer.index('id="verdict"') < answer.index('id="matches"')
        assert 'data-risk="high"' in answer
        verdict = answer[answer.index('id="verdict"') : answer.index("</div>")]
        assert 'href="tel:110"' in verdict and 'href="tel:96110"' in verdict
        matches = answer[answer.index('<ol id="matches">') :]
        links = re.findall(r'href="/en/scams/([a-z-]+)/"', matches)
        assert links[0] == "police-impersonation" and len(links) <= 3
        # The type's own "if this is happening now" steps, not a generic line.
        first = matches.split('<li class="check-match')[1]
        scam = ScamType.objects.get(slug="police-impersonation")
        assert scam.if_targeted_en.splitlines()[0].strip() in first

    def test_the_message_is_shown_once_with_the_words_behind_the_signs_marked(self, client, catalogue):
        answer = answer_of(client.post(check_url(), {"text": POLICE_CALL}).content.decode())
        assert answer.count("money laundering") == 1
        marked = re.findall(r"<mark>(.*?)</mark>", answer)
        assert any("safe account" in words for words in marked)
        assert any("Do not tell" in words for words in marked)

    def test_a_chinese_message_on_the_english_page_is_understood_and_answered_in_english(self, client, catalogue):
        text = "你好，我是某东客服。你买的商品有质量问题，我们给你三倍赔偿，请下载会议软件开启屏幕共享。"
        answer = answer_of(client.post(check_url("en"), {"text": text}).content.decode())
        assert 'data-risk="high"' in answer
        assert 'href="/en/scams/shopping-refund/"' in answer
        assert "It asks you to share your screen" in answer
        assert "This is very likely a scam" in answer

    def test_an_english_message_on_the_chinese_page_is_answered_in_chinese(self, client, catalogue):
        answer = answer_of(client.post(check_url("zh-hans"), {"text": POLICE_CALL}).content.decode())
        assert 'data-risk="high"' in answer
        assert 'href="/zh-hans/scams/police-impersonation/"' in answer
        assert "要你转钱" in answer or "安全账户" in answer

    def test_a_traditional_chinese_message_is_read_as_chinese(self, client, catalogue):
        text = "您好，我是市公安局的，您的銀行卡涉嫌洗錢，請把存款轉到安全帳戶配合調查，不要告訴家人。"
        answer = answer_of(client.post(check_url("zh-hant"), {"text": text}).content.decode())
        assert 'data-risk="high"' in answer
        assert 'href="/zh-hant/scams/police-impersonation/"' in answer

    @pytest.mark.parametrize(
        ("language", "text"), [("en", "Happy birthday! Have a lovely day."), ("zh-hans", "今晚吃饺子还是面条？")]
    )
    def test_an_everyday_message_gets_none_and_is_never_called_safe(self, client, catalogue, language, text):
        answer = answer_of(client.post(check_url(language), {"text": text}).content.decode())
        assert 'data-risk="none"' in answer
        assert 'id="matches"' not in answer and "<mark>" not in answer
        assert 'href="tel:96110"' in answer
        if language == "en":
            assert "No known scam signs found" in answer
            assert "That does not make it safe" in answer
            assert "safe" not in answer.replace("does not make it safe", "")
        else:
            assert "没有发现已知的诈骗迹象" in answer

    def test_a_genuine_warning_is_recognised_and_says_to_stop_the_other_conversation(self, client, catalogue):
        text = "【12381】您可能正在遭遇诈骗，请立即挂断可疑电话，切勿向陌生账户转账，不要泄露验证码。"
        answer = answer_of(client.post(check_url("en"), {"text": text}).content.decode())
        assert 'data-risk="official"' in answer
        assert "genuine anti-fraud warning" in answer
        assert 'id="matches"' not in answer

    def test_a_medium_answer_names_its_signs_and_how_to_check(self, client, catalogue):
        text = (
            "This is the courier. Your parcel was lost; we can arrange compensation for you. "
            "Please add our claims agent on WeChat."
        )
        answer = answer_of(client.post(check_url(), {"text": text}).content.decode())
        assert 'data-risk="medium"' in answer
        verdict = answer[answer.index('id="verdict"') : answer.index("</div>")]
        assert "An unexpected refund, compensation or subsidy" in verdict
        assert "call back on a number you already know" in verdict

    def test_a_check_costs_one_query_once_the_index_is_built(self, client, catalogue):
        search.warm()
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
        assert shared.risk == "high"  # what the checker said, for staff to see
        assert shared.language == "en"
        stored = [getattr(shared, field.attname) for field in SharedMessage._meta.concrete_fields]
        assert not any(value in ("203.0.113.9", "Tester/1.0") for value in stored)
        assert {field.name for field in SharedMessage._meta.concrete_fields} == {
            "id",
            "text",
            "language",
            "matched",
            "risk",
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
