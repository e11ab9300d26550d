"""Reading models that keep each text in a `<field>_zh` and a `<field>_en` column.

Chinese is the primary language and always complete for published content; an
English field that is still empty falls back to the Chinese text, marked with
lang="zh-Hans" so the reader (and a screen reader) can see that it is not English.

Traditional Chinese is generated from the Simplified text by OpenCC, never typed,
with the reviewed fixes of fraudwatch.core.traditional_fixes where OpenCC picks wrongly.
The catalogue (StoredTraditional models) keeps it in a column, generated whenever a row
is saved, and so when the catalogue loads; every other bilingual model, and any
catalogue text changed behind save()'s back, is converted when a page needs it and
kept in memory.

This module is the one place that picks a language's text: `obj.t.name` in the active
language, `text_in(obj, "name", language)` in a document's own language, and
`by_language(language, zh=..., en=...)` between two values that are not a model's;
formatting that differs by language (punctuation, dates, layout) asks `is_english`, and
a Traditional document written as the Simplified one and converted asks `written_in`.
tests/test_language_pick.py keeps the ad-hoc picks (`x_en or x_zh`, `== "en"`) out of
the rest of the code.
"""

import functools
import zlib

import opencc
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import get_language, to_locale

from . import traditional_fixes

PRIMARY_LANGUAGE = "zh-hans"
PRIMARY_SUFFIX = "zh"
TRADITIONAL_LANGUAGE = "zh-hant"
ENGLISH = "en"
# OpenCC's s2tw: the standard Traditional characters most readers know (說, 戶, 稅),
# with the wording left as it is, so the words fraudsters use and the names of mainland
# services read as people meet them. s2twp would also swap in Taiwan vocabulary (短信
# becomes 簡訊, 挂断电话 結束通話電話), misquoting the scripts this site warns about;
# s2hk keeps Hong Kong glyph forms (户, 税, 兑) that are the very Simplified characters.
TO_TRADITIONAL = "s2tw"
# Searching goes the other way with Taiwan phrases too, so 簡訊 finds 短信.
TO_SIMPLIFIED = "tw2sp"


def is_english(language):
    """Whether `language` is English: a Django language code ("en", "zh-hans", "zh-hant")
    or the "en"/"zh" a document or a file is marked with. Anything else reads as Chinese."""
    return (language or "").lower().startswith(ENGLISH)


def suffix_for(language):
    """The column suffix a language reads: "en", or "zh" for every Chinese variant."""
    return ENGLISH if is_english(language) else PRIMARY_SUFFIX


def written_in(language):
    """The language a text in `language` is written in: English, else Simplified Chinese
    (a Traditional page or document is the Simplified text converted)."""
    return ENGLISH if is_english(language) else PRIMARY_LANGUAGE


def by_language(language, *, zh, en):
    """`en` in English, else `zh`: for words in both languages that no model holds. A
    Chinese text is written in Simplified characters and shown in Traditional ones when
    `language` is Traditional Chinese; any other value is returned as it is."""
    if is_english(language):
        return en
    return as_shown(zh, language) if isinstance(zh, str) else zh


def html_lang(code):
    """BCP 47 tag for a Django language code (zh-hans → zh-Hans), for lang attributes."""
    return to_locale(code).replace("_", "-")


@functools.cache
def _converter(config):
    return opencc.OpenCC(config)


@functools.lru_cache(maxsize=10_000)
def to_traditional(text):
    """Simplified Chinese text in Traditional characters; anything else passes unchanged."""
    return traditional_fixes.fixed(_converter(TO_TRADITIONAL).convert(text)) if text else text


def as_stored(text, language):
    """A visitor's words in the script the Chinese columns are written in, for searching them."""
    return _converter(TO_SIMPLIFIED).convert(text) if language == TRADITIONAL_LANGUAGE and text else text


def as_shown(text, language):
    """Stored Chinese text in the script of the page's language."""
    return to_traditional(text) if language == TRADITIONAL_LANGUAGE else text


class Text(str):
    """A string in one language; knows whether it is a fallback."""

    fallback = False

    def __html__(self):
        if self.fallback:
            return format_html('<span lang="{}" class="fallback">{}</span>', html_lang(PRIMARY_LANGUAGE), str(self))
        return format_html("{}", str(self))

    @property
    def plain(self):
        # For attributes (title, meta content) where markup does not belong.
        return str(self)


class FallbackText(Text):
    fallback = True


class EnglishText(Text):
    """Text written in English only, shown on a Chinese page rather than nothing (the
    models whose texts may come in one language, EITHER_LANGUAGE)."""

    def __html__(self):
        return format_html('<span lang="en">{}</span>', str(self))


class Localized:
    """`obj.t.name` is obj.name_en on English pages, obj.name_zh on Simplified Chinese ones
    and obj.name_zh in Traditional characters on Traditional Chinese ones. An English text
    still empty falls back to the Chinese; on a model with EITHER_LANGUAGE set, a Chinese
    text still empty falls back to the English."""

    def __init__(self, obj, language):
        self._obj = obj
        self._suffix = suffix_for(language)
        self._traditional = language == TRADITIONAL_LANGUAGE
        self._either = getattr(obj, "EITHER_LANGUAGE", False)

    def __getattr__(self, name):
        text = self._text(name)
        if self._either and not text:
            return EnglishText(getattr(self._obj, f"{name}_{ENGLISH}"))
        return text

    def _text(self, name):
        value = getattr(self._obj, f"{name}_{self._suffix}")
        if self._traditional:
            return Text(stored_traditional(self._obj, name, value))
        if value or self._suffix == PRIMARY_SUFFIX:
            return Text(value)
        return FallbackText(getattr(self._obj, f"{name}_{PRIMARY_SUFFIX}"))

    def lines(self, name):
        """A text field kept one item per line, as a list of Text."""
        text = getattr(self, name)
        kind = type(text)
        return [kind(line.strip()) for line in str(text).splitlines() if line.strip()]

    def missing(self, names):
        """The names among `names` shown in Chinese because this language has no text."""
        return [
            name
            for name in names
            if not getattr(self._obj, f"{name}_{self._suffix}") and getattr(self._obj, f"{name}_{PRIMARY_SUFFIX}")
        ]


def text_in(obj, name, language):
    """obj's `<name>` text in `language`, as `obj.t.<name>` gives it on a page in that
    language (the fallbacks and the Traditional conversion included): for a document
    written in a language other than the page's. `language` is a Django language code,
    or "zh"/"en"."""
    return getattr(Localized(obj, language), name)


class BilingualModel:
    """Gives a model with `_zh`/`_en` columns the `t` accessor for the active language.
    A model whose texts may come in one language only (either will do) sets EITHER_LANGUAGE."""

    EITHER_LANGUAGE = False

    @cached_property
    def t(self):
        return Localized(self, get_language())


def _checksum(text):
    """Of the Simplified text and of the fixes that its conversion went through: a text
    stored before the table changed is converted afresh until its row is saved again."""
    return zlib.crc32(f"{traditional_fixes.VERSION}:{text}".encode())


def traditional_of(obj):
    """{name: [checksum of the Simplified text, its Traditional text]} for every `<name>_zh`
    text field of `obj`: what StoredTraditional keeps."""
    stored = {}
    for field in obj._meta.concrete_fields:
        if field.name.endswith(f"_{PRIMARY_SUFFIX}"):
            value = getattr(obj, field.attname)
            if isinstance(value, str) and value:
                stored[field.name[: -len(PRIMARY_SUFFIX) - 1]] = [_checksum(value), to_traditional(value)]
    return stored


def stored_traditional(obj, name, value):
    """The Traditional text of obj's `<name>_zh`: the stored one while it was made from
    this very text (a row loaded without its `traditional` column, or changed by an
    update() that skipped save(), is converted here instead)."""
    if value:
        kept = obj.__dict__.get("traditional", {}).get(name)  # never loads a deferred column
        if kept and kept[0] == _checksum(value):
            return kept[1]
    return to_traditional(value)


class StoredTraditional(BilingualModel):
    """A bilingual model whose Traditional Chinese is generated on every save and stored
    in its `traditional` JSON column (which the model declares)."""

    def save(self, *args, **kwargs):
        self.traditional = traditional_of(self)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "traditional"}
        super().save(*args, **kwargs)

    def store_traditional(self):
        """Store the Traditional text afresh where it was made from other text or under an
        older table of fixes, without saving anything else; says whether it did."""
        fresh = traditional_of(self)
        if fresh == self.traditional:
            return False
        type(self).objects.filter(pk=self.pk).update(traditional=fresh)
        self.traditional = fresh
        return True
