from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

from . import textsize
from .bilingual import html_lang


def language_links(request):
    """The current page in every language: the switch and the hreflang alternates."""
    current = get_language()
    path = request.get_full_path()
    links = []
    for code, _name in settings.LANGUAGES:
        url = translate_url(path, code)
        links.append(
            {
                "code": html_lang(code),
                "name": get_language_info(code)["name_local"],
                "url": url,
                "absolute_url": request.build_absolute_uri(url),
                "current": code == current,
            }
        )
    return {"language_links": links, "html_lang": html_lang(current)}


def text_size(request):
    return {"large_text": textsize.is_large(request)}
