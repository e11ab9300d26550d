"""The picture of the bait: wrapped text, accessible SVG, nothing real in it."""

import re
import tomllib

import hypothesis
import pytest
from django.utils import translation
from hypothesis import strategies as st

from scams import bait, catalogue
from scams.models import BaitKind, ScamType, Tag
from tests.conftest import make_scam_type, make_tag


def plain(line):
    return "".join(text for text, _link in line)


class TestWrap:
    def test_chinese_wraps_by_character_width(self):
        lines = bait.wrap("一二三四五六七八九十一二三四五六七八九十", size=10, width=100)
        assert [plain(line) for line in lines] == ["一二三四五六七八九十", "一二三四五六七八九十"]

    def test_no_line_is_wider_than_the_bubble(self):
        text = "您的信用卡今日消费12800.00元。如非本人操作，请立即致电 400 000 0000 办理取消。" * 3
        for line in bait.wrap(text, size=14, width=206):
            assert bait.measure(plain(line)) * 14 <= 206

    def test_closing_punctuation_never_starts_a_line(self):
        for width in range(60, 200, 7):
            for line in bait.wrap(
                "我是房东，原来那张卡挂失了。这个月的房租直接转到新卡，户名李某。", size=10, width=width
            ):
                assert plain(line)[0] not in "，。、！？”）"

    def test_latin_breaks_between_words(self):
        lines = [plain(line) for line in bait.wrap("Your phone points will soon be cleared today", size=10, width=90)]
        assert len(lines) > 1
        assert " ".join(lines) == "Your phone points will soon be cleared today"

    def test_a_web_address_is_drawn_as_a_link(self):
        lines = bait.wrap("请登录 http://points-cash.example 办理", size=12, width=400)
        assert ("http://points-cash.example", True) in lines[0]


class TestPicture:
    def test_is_an_accessible_image_that_reads_the_message(self):
        message = bait.Bait(BaitKind.SMS, "1069 0000 0000", "", ["Your card was charged <b>12,800</b> yuan."], [], [])
        with translation.override("en"):
            picture = bait.draw(message)
        assert picture.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
        assert 'role="img"' in picture
        label = re.search(r'aria-label="([^"]*)"', picture).group(1)
        assert label.startswith("Text message from 1069 0000 0000:")
        assert "&lt;b&gt;12,800&lt;/b&gt;" in label  # escaped, never markup
        assert "<b>" not in picture
        assert "style=" not in picture

    @pytest.mark.parametrize("kind", BaitKind.values)
    def test_every_kind_draws(self, kind):
        picture = bait.draw(
            bait.Bait(kind, "http://verify.example", "Name", ["First line", "Second"], ["Card number"], ["Flag"])
        )
        assert "First line" in picture
        assert re.search(r'viewBox="0 0 300 \d+', picture)

    @pytest.mark.parametrize("kind", [BaitKind.CHAT, BaitKind.APP])
    def test_a_long_title_wraps_at_full_size_rather_than_shrinking(self, kind):
        name = "Retirement adviser - Manager Zhou of the Golden Years Care Home"
        picture = bait.draw(bait.Bait(kind, "", name, ["Hello"], [], []))
        rows = re.findall(rf'font-size="{bait.TITLE}"[^>]*font-weight="700">([^<]*)<', picture)
        assert len(rows) >= 2
        assert " ".join(rows) == name
        for row in rows:
            assert bait.measure(row) * 1.1 * bait.TITLE <= bait.WIDTH - 40

    @pytest.mark.parametrize("kind", BaitKind.values)
    def test_no_text_in_a_picture_is_smaller_than_the_text_size(self, kind):
        picture = bait.draw(
            bait.Bait(kind, "http://verify.example", "Name", ["First line", "Second"], ["Card number"], ["Flag"])
        )
        sizes = [float(size) for size in re.findall(r'<text [^>]*font-size="([\d.]+)"', picture)]
        assert sizes and min(sizes) >= bait.TEXT

    @pytest.mark.django_db
    def test_a_type_without_bait_shows_its_first_phrases_as_its_first_channel_would(self):
        scam = make_scam_type(
            phrases_en="Your son is with us\nPay now\nThird phrase",
            warning_signs_en="Threats\nHurry\nThird sign",
            tags=[make_tag(Tag.Kind.CHANNEL, "phone")],
        )
        with translation.override("en"):
            shown = bait.bait_for(ScamType.objects.get(pk=scam.pk), scam.tags.all())
        assert shown.kind == BaitKind.CALL
        assert shown.lines == ["Your son is with us", "Pay now"]
        assert shown.flags == ["Threats", "Hurry"]
        assert shown.sender == "170 1000 0000"


@pytest.mark.parametrize(
    ("language", "caption"), [("zh-hans", "这个例子里的危险信号："), ("en", "Red flags in this example:")]
)
def test_every_type_page_shows_its_bait_with_red_flags(client, catalogue, language, caption):
    for scam in ScamType.objects.published():
        html = client.get(f"/{language}/scams/{scam.slug}/").content.decode()
        figure = re.search(r'<figure class="bait">(.*?)</figure>', html, re.S)
        assert figure, scam.slug
        assert re.search(r'<svg [^>]*role="img" aria-label="[^"]{20,}"', figure.group(1)), scam.slug
        assert caption in figure.group(1)
        assert figure.group(1).count("<li>") >= 2, scam.slug


def test_every_bundled_type_chooses_its_bait_in_both_languages():
    for path in sorted(catalogue.CATALOGUE_DIR.glob("*.toml")):
        if path.name == catalogue.VOCABULARY_FILE:
            continue
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        assert data["bait"]["kind"] in BaitKind.values, path.name
        for language in ("zh", "en"):
            assert data[language]["bait"]["lines"] and data[language]["bait"]["flags"], path.name


@pytest.mark.parametrize(
    ("text", "real"),
    [
        ("Call 1069 0000 0000", False),
        ("Visit http://bank-verify.example.", False),
        ("房租转到 6200 0000 0000 0000", False),
        ("Call 138 1234 5678 now", True),
        ("Log in at http://www.icbc.com.cn", True),
        ("Card 6222 0212 3456 7890", True),
    ],
)
def test_the_loader_refuses_bait_that_could_be_real(text, real):
    assert bool(list(catalogue.looks_real(text))) is real


def test_a_bundle_with_a_real_looking_number_in_its_bait_is_refused(tmp_path):
    import shutil

    shutil.copytree(catalogue.CATALOGUE_DIR, tmp_path / "catalogue")
    path = tmp_path / "catalogue" / "tax-refund.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("400 600 0000", "010 6512 3456"), encoding="utf-8")
    with pytest.raises(catalogue.CatalogueError) as error:
        catalogue.read_bundle(tmp_path / "catalogue")
    assert any("could be a real number" in problem for problem in error.value.problems)


def _bundle_with(tmp_path, slug, old, new):
    import shutil

    shutil.copytree(catalogue.CATALOGUE_DIR, tmp_path / "catalogue")
    path = tmp_path / "catalogue" / f"{slug}.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return tmp_path / "catalogue"


@pytest.mark.parametrize(
    ("sender", "problem"),
    [
        ("000 0000 0000", "is a placeholder"),
        ("95123", "is a short number but not an official one that fraudsters fake"),
        ("+12345", "is a short number but not an official one that fraudsters fake"),
    ],
)
def test_a_bait_sender_that_is_a_placeholder_or_an_unknown_short_number_is_refused(tmp_path, sender, problem):
    bundle = _bundle_with(tmp_path, "police-impersonation", 'sender = "+110"', f'sender = "{sender}"')
    with pytest.raises(catalogue.CatalogueError) as error:
        catalogue.read_bundle(bundle)
    assert [found for found in error.value.problems if problem in found], error.value.problems


@pytest.mark.parametrize("sender", ["95588", "10086", "+110", "1069 0000 0000", "http://bank-verify.example"])
def test_a_bait_may_show_an_official_number_fraudsters_fake_or_an_invented_one(tmp_path, sender):
    catalogue.read_bundle(_bundle_with(tmp_path, "police-impersonation", 'sender = "+110"', f'sender = "{sender}"'))


@pytest.mark.parametrize(
    ("slug", "sender"),
    [("fake-base-station-sms", "10086"), ("police-impersonation", "+110")],
)
def test_the_picture_shows_the_official_number_the_fraudsters_fake(client, catalogue, slug, sender):
    html = client.get(f"/zh-hans/scams/{slug}/").content.decode()
    figure = re.search(r'<figure class="bait">(.*?)</figure>', html, re.S).group(1)
    assert f">{sender}</text>" in figure


class TestWrapAtEveryLength:
    def test_a_long_web_address_breaks_anywhere_and_stays_inside(self):
        text = "到这个交易平台下单：http://game-trade-with-a-much-longer-name.example/order?id=0000"
        lines = bait.wrap(text, size=14, width=190)
        assert len(lines) >= 3
        assert "".join(plain(line) for line in lines) == text
        for line in lines:
            assert bait.measure(plain(line)) * 14 <= 190
        # The address starts on the first line, where there is room, rather than leaving it short.
        assert lines[0][-1][1] is True

    @hypothesis.settings(deadline=None)
    @hypothesis.given(
        words=st.lists(
            st.one_of(
                st.text(alphabet="诈骗银行卡转账验证码，。！", min_size=1, max_size=30),
                st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,!%@", max_size=25),
                st.from_regex(r"http://[a-z0-9-]{1,60}[.]example(/[a-z0-9?=&]{0,40})?", fullmatch=True),
            ),
            min_size=1,
            max_size=8,
        ),
        size=st.sampled_from([11, 12, 14, 15, 16]),
        width=st.integers(min_value=120, max_value=260),
    )
    def test_no_line_of_any_text_is_wider_than_its_bubble(self, words, size, width):
        text = " ".join(words)
        lines = bait.wrap(text, size=size, width=width)
        for line in lines:
            assert bait.measure(plain(line)) * size <= width + 1e-9, line
        assert "".join(plain(line) for line in lines).replace(" ", "") == text.replace(" ", "")
