"""Reading models that keep each text in a `<field>_zh` and a `<field>_en` column.

Chinese is the primary language and always complete for published content; an
English field that is still empty falls back to the Chinese text, marked with
lang="zh-Hans" so the reader (and a screen reader) can see that it is not English.
"""

from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import get_language

PRIMARY_LANGUAGE = "zh-hans"
PRIMARY_SUFFIX = "zh"
SUFFIXES = {PRIMARY_LANGUAGE: PRIMARY_SUFFIX, "en": "en"}


def suffix_for(language):
    return SUFFIXES.get(language or "", PRIMARY_SUFFIX)


def html_lang(code):
    """BCP 47 tag for a Django language code (zh-hans → zh-Hans), for lang attributes."""
    return "zh-Hans" if code == PRIMARY_LANGUAGE else code


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


class Localized:
    """`obj.t.name` is obj.name_en on English pages, obj.name_zh on Chinese ones."""

    def __init__(self, obj, language):
        self._obj = obj
        self._suffix = suffix_for(language)

    def __getattr__(self, name):
        value = getattr(self._obj, f"{name}_{self._suffix}")
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


class BilingualModel:
    """Gives a model with `_zh`/`_en` columns the `t` accessor for the active language."""

    @cached_property
    def t(self):
        return Localized(self, get_language())
