"""Material to print: the leaflet of one type and the booklet of all, as PDF.

The PDFs are laid out by WeasyPrint from the same leaflet template and stylesheet the
browser prints, so a link to them prints a leaflet without JavaScript and without the
browser's print dialog. Fonts are the system's Noto Sans and Noto Serif CJK, embedded
as subsets.

Rendering takes a moment (the booklet, every type, several seconds), so each PDF is kept
in the cache under the public pages' version counter: any change to the catalogue moves
the counter on and the next request renders afresh.
"""

import hashlib

import qrcode
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.translation import get_language

from fraudwatch import pagecache
from fraudwatch.context_processors import html_lang

from . import hotlines
from .models import ScamType, Tag

STYLESHEET = "css/leaflet.css"
# Entries made under an older catalogue version are never read again; this lets them go.
KEEP_SECONDS = 7 * 24 * 3600
# Cover, contents and the back page of hotlines and checks.
BOOKLET_FIXED_PAGES = 3


def qr_svg(data):
    """An inline SVG QR code: crisp at any print size, needs no image library."""
    code = qrcode.QRCode(border=2, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(data)
    code.make(fit=True)
    matrix = code.get_matrix()
    dark = " ".join(f"M{x} {y}h1v1h-1z" for y, row in enumerate(matrix) for x, cell in enumerate(row) if cell)
    size = len(matrix)
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" shape-rendering="crispEdges">'
        '<rect width="{size}" height="{size}" fill="#fff"/><path d="{path}" fill="#000"/></svg>',
        size=size,
        path=dark,
    )


def channels_of(scam):
    return [tag for tag in scam.tags.all() if tag.kind == Tag.Kind.CHANNEL]


def cached(name, request, render):
    """The PDF `name` for this catalogue version, language and site address, rendered once."""
    # The QR codes in a PDF hold absolute addresses, as the leaflet page's do.
    site = hashlib.sha256(f"{request.scheme}://{request.get_host()}".encode()).hexdigest()[:16]
    key = f"pdf:{pagecache.version()}:{get_language()}:{site}:{name}"
    pdf = cache.get(key)
    if pdf is None:
        pdf = render()
        cache.set(key, pdf, KEEP_SECONDS)
    return pdf


def write_pdf(html):
    from weasyprint import CSS, HTML

    return HTML(string=html).write_pdf(stylesheets=[CSS(filename=finders.find(STYLESHEET))])


def leaflet(scam, detail_url):
    return write_pdf(leaflet_html(scam, detail_url))


def leaflet_html(scam, detail_url):
    context = {
        "scam": scam,
        "channels": channels_of(scam),
        "detail_url": detail_url,
        "qr_svg": qr_svg(detail_url),
        "html_lang": html_lang(get_language()),
    }
    return render_to_string("scams/leaflet_pdf.html", context)


def booklet(request):
    """Cover, contents, one page per published type (the most harmful first), and a back
    page of numbers and checks."""
    scams = list(
        ScamType.objects.published()
        .by_harm()
        .select_related("category")
        .prefetch_related(Prefetch("tags", queryset=Tag.objects.filter(kind=Tag.Kind.CHANNEL)))
    )
    pages = []
    for scam in scams:
        detail_url = request.build_absolute_uri(scam.get_absolute_url())
        pages.append(
            {"scam": scam, "channels": channels_of(scam), "detail_url": detail_url, "qr_svg": qr_svg(detail_url)}
        )
    context = {
        "pages": pages,
        "count": len(scams),
        "always": hotlines.ALWAYS,
        "official": hotlines.OFFICIAL_LINES.values(),
        "html_lang": html_lang(get_language()),
        "site": request.build_absolute_uri("/"),
    }
    return write_pdf(render_to_string("scams/booklet.html", context))
