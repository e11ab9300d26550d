from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.encoding import iri_to_uri
from django.utils.translation import get_language, get_language_info, override

from .core import textsize
from .core.bilingual import html_lang


def language_links(request):
    """The current page in every language: the switch and the hreflang alternates, and
    `this_page`, the page in its own language (where the text-size page sends the visitor back).

    Each link is the view the path resolved to, reversed with its arguments in that
    language; the path as sent is never echoed. `//evil.example/x` is a 404 whose path,
    echoed into a link, a browser follows to another host (as it does `/\\evil.example/x`
    and `///evil.example/x`). A page that resolved to no view links to each language's
    home page instead. A real page keeps its query string, which cannot change the host.
    """
    current = get_language()
    query = request.META.get("QUERY_STRING", "")
    links = []
    for code, _name in settings.LANGUAGES:
        url = _same_page(request.resolver_match, code)
        if url is None:
            with override(code):
                url = reverse("home")
        elif query:
            url = f"{url}?{iri_to_uri(query)}"
        links.append(
            {
                "code": html_lang(code),
                "name": get_language_info(code)["name_local"],
                "url": url,
                "absolute_url": request.build_absolute_uri(url),
                "current": code == current,
            }
        )
    this_page = next((link["url"] for link in links if link["current"]), links[0]["url"])
    return {"language_links": links, "html_lang": html_lang(current), "this_page": this_page}


def _same_page(match, code):
    """The resolved view's path in language `code`, or None (no view, or no way back to it)."""
    if match is None or match.url_name is None:
        return None
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    with override(code):
        try:
            url = reverse(name, args=match.args, kwargs=match.captured_kwargs)
        except NoReverseMatch:
            return None
    # A route whose argument is a path could still give one that starts a host name.
    if url.startswith(("//", "/\\")):
        return None
    return url


def text_size(request):
    return {"large_text": textsize.is_large(request)}


# Pages for staff and administrators: no call bar at the foot of their screens.
STAFF_NAMESPACES = {"campaigns", "reports", "admin"}


def call_bar(request):
    """Whether the page is a resident's, with the call bar at the foot of a phone's screen."""
    match = getattr(request, "resolver_match", None)
    resident = match is not None and match.namespace not in STAFF_NAMESPACES and match.url_name != "login"
    return {"call_bar": resident}
