"""The one way to pick a language's text: `obj.t`, text_in, by_language, is_english."""

from types import SimpleNamespace

import pytest
from django.utils.html import conditional_escape
from django.utils.translation import override

from fraudwatch.core.bilingual import (
    BilingualModel,
    EnglishText,
    FallbackText,
    Text,
    by_language,
    is_english,
    suffix_for,
    text_in,
    written_in,
)


class Thing(BilingualModel):
    def __init__(self, **texts):
        self.__dict__.update(texts)


class EitherThing(Thing):
    EITHER_LANGUAGE = True


def test_each_language_reads_its_own_text():
    thing = Thing(name_zh="电话诈骗", name_en="Phone fraud")
    assert text_in(thing, "name", "zh-hans") == "电话诈骗"
    assert text_in(thing, "name", "zh-hant") == "電話詐騙"
    assert text_in(thing, "name", "en") == "Phone fraud"
    assert [type(text_in(thing, "name", code)) for code in ("zh-hans", "zh-hant", "en")] == [Text, Text, Text]


def test_a_document_marked_zh_or_en_reads_as_simplified_or_english():
    thing = Thing(name_zh="电话诈骗", name_en="Phone fraud")
    assert text_in(thing, "name", "zh") == "电话诈骗"
    assert text_in(thing, "name", "en") == "Phone fraud"


def test_english_without_text_falls_back_to_chinese_marked_as_chinese():
    thing = Thing(name_zh="电话诈骗", name_en="")
    text = text_in(thing, "name", "en")
    assert type(text) is FallbackText
    assert text == "电话诈骗"
    assert conditional_escape(text) == '<span lang="zh-Hans" class="fallback">电话诈骗</span>'
    assert type(text_in(thing, "name", "zh-hans")) is Text
    assert text_in(thing, "name", "zh-hant") == "電話詐騙"


def test_chinese_without_text_stays_empty_unless_either_language_will_do():
    assert text_in(Thing(name_zh="", name_en="Phone fraud"), "name", "zh-hans") == ""
    assert text_in(Thing(name_zh="", name_en="Phone fraud"), "name", "zh-hant") == ""
    either = EitherThing(name_zh="", name_en="Phone fraud")
    for code in ("zh-hans", "zh-hant", "zh"):
        text = text_in(either, "name", code)
        assert type(text) is EnglishText
        assert conditional_escape(text) == '<span lang="en">Phone fraud</span>'
    assert type(text_in(either, "name", "en")) is Text


def test_either_language_still_prefers_the_pages_own_and_falls_back_to_chinese_in_english():
    either = EitherThing(name_zh="电话诈骗", name_en="")
    assert type(text_in(either, "name", "zh-hans")) is Text
    assert text_in(either, "name", "zh-hant") == "電話詐騙"
    assert type(text_in(either, "name", "en")) is FallbackText


@pytest.mark.parametrize("code", ["zh-hans", "zh-hant", "en"])
def test_text_in_gives_what_t_gives_on_a_page_in_that_language(code):
    for thing in (Thing(name_zh="电话诈骗", name_en=""), EitherThing(name_zh="", name_en="Phone fraud")):
        with override(code):
            shown = Thing.t.func(thing).name  # a fresh accessor, as on a page in `code`
        assert text_in(thing, "name", code) == shown
        assert type(text_in(thing, "name", code)) is type(shown)


def test_text_in_does_not_depend_on_the_active_language():
    thing = Thing(name_zh="电话诈骗", name_en="Phone fraud")
    with override("zh-hant"):
        assert text_in(thing, "name", "en") == "Phone fraud"
        assert text_in(thing, "name", "zh-hans") == "电话诈骗"
    with override("en"):
        assert text_in(thing, "name", "zh-hant") == "電話詐騙"


def test_by_language_picks_english_for_english_and_chinese_for_both_scripts():
    assert by_language("en", zh="全部单位", en="All units") == "All units"
    assert by_language("zh-hans", zh="全部单位", en="All units") == "全部单位"
    assert by_language("zh", zh="全部单位", en="All units") == "全部单位"
    assert by_language("zh-hant", zh="全部单位", en="All units") == "全部單位"


def test_by_language_returns_values_other_than_text_as_they_are():
    assert by_language("zh-hant", zh=0, en=1) == 0
    assert by_language("en", zh=0, en=1) == 1
    joiner = "、".join
    assert by_language("zh-hant", zh=joiner, en=", ".join) is joiner


@pytest.mark.parametrize(
    ("code", "english", "suffix", "written"),
    [
        ("en", True, "en", "en"),
        ("EN", True, "en", "en"),
        ("zh-hans", False, "zh", "zh-hans"),
        ("zh-hant", False, "zh", "zh-hans"),
        ("zh", False, "zh", "zh-hans"),
    ],
)
def test_is_english_the_column_a_language_reads_and_the_language_it_is_written_in(code, english, suffix, written):
    assert is_english(code) is english
    assert suffix_for(code) == suffix
    assert written_in(code) == written


def test_no_language_reads_as_chinese():
    assert is_english(None) is False
    assert suffix_for("") == "zh"
    assert text_in(SimpleNamespace(name_zh="电话诈骗", name_en="Phone fraud"), "name", None) == "电话诈骗"
