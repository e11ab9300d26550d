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
import io

import qrcode
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from fraudwatch.core import pagecache
from fraudwatch.core.bilingual import html_lang

from . import hotlines
from .models import ScamType, Tag

STYLESHEET = "css/leaflet.css"
PDF_VARIANT = "pdf/ua-1"
# Entries made under an older catalogue version are never read again; this lets them go.
KEEP_SECONDS = 7 * 24 * 3600
# Cover, contents and the back page of hotlines and checks.
BOOKLET_FIXED_PAGES = 3


def qr_svg(data):
    """An inline SVG QR code: crisp at any print size, needs no image library. Its title
    says where it leads: the alternative text of the tagged PDFs and of the page."""
    code = qrcode.QRCode(border=2, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(data)
    code.make(fit=True)
    matrix = code.get_matrix()
    dark = " ".join(f"M{x} {y}h1v1h-1z" for y, row in enumerate(matrix) for x, cell in enumerate(row) if cell)
    size = len(matrix)
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" shape-rendering="crispEdges">'
        '<title>{title}</title><rect width="{size}" height="{size}" fill="#fff"/><path d="{path}" fill="#000"/></svg>',
        size=size,
        path=dark,
        title=_("QR code leading to %(address)s") % {"address": data},
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


def tagged_pdf(html, target=None, stylesheets=()):
    """`html` as a tagged PDF (PDF/UA-1): a structure tree of headings, lists, tables and
    figures in reading order, with /Lang and the title from <html lang> and <title>, and
    each picture's alternative text (an <img>'s alt, an inline <svg>'s <title>). Every
    PDF the site makes goes through here, so a screen reader can read all of them.
    Written to `target` (a file or stream) when given, else returned as bytes."""
    from weasyprint import HTML

    pdf = HTML(string=html).write_pdf(stylesheets=list(stylesheets), pdf_variant=PDF_VARIANT)
    if "<th" in html:
        pdf = _scope_header_cells(pdf)
    if target is None:
        return pdf
    target.write(pdf)
    return None


def _scope_header_cells(pdf):
    """Give each table header cell its /Scope (Column in a header row, else Row), as HTML's
    scope does. WeasyPrint ties data cells to their headers with /Headers and IDs; readers
    and checkers that look for a header cell's own /Scope find it too."""
    import pikepdf

    def kids(element):
        children = element.get("/K")
        children = [children] if isinstance(children, pikepdf.Dictionary) else children
        return [kid for kid in children or [] if isinstance(kid, pikepdf.Dictionary) and "/S" in kid]

    def visit(element, in_head):
        role = element.S
        if role == "/TR":
            cells = kids(element)
            whole_row = in_head or all(cell.S == "/TH" for cell in cells)
            for cell in cells:
                if cell.S == "/TH":
                    attributes = cell.get("/A")
                    if not isinstance(attributes, pikepdf.Dictionary):
                        attributes = cell.A = pikepdf.Dictionary(O=pikepdf.Name.Table)
                    attributes.Scope = pikepdf.Name.Column if whole_row else pikepdf.Name.Row
            return
        for kid in kids(element):
            visit(kid, in_head or role == "/THead")

    with pikepdf.open(io.BytesIO(pdf)) as document:
        for element in kids(document.Root.StructTreeRoot):
            visit(element, False)
        buffer = io.BytesIO()
        document.save(buffer)
    return buffer.getvalue()


def write_pdf(html):
    from weasyprint import CSS

    return tagged_pdf(html, stylesheets=[CSS(filename=finders.find(STYLESHEET))])


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
