from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language

from fraudwatch.pagecache import public_page

from . import printing
from .filters import ScamTypeFilter
from .models import TEXT_FIELDS, Category, ScamType, Tag

PAGE_SIZE = 12


@public_page
def catalogue(request):
    categories = list(Category.objects.select_related("parent").order_by("position", "code"))
    categories = _grouped(categories)
    tags = list(Tag.objects.all())
    scam_filter = ScamTypeFilter(
        request.GET,
        ScamType.objects.published().select_related("category"),
        categories=categories,
        tags=tags,
        language=get_language(),
    )
    page = Paginator(scam_filter.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "scams/scamtype_list.html",
        {"filter": scam_filter, "page": page, "query": query.urlencode(), "is_filtered": bool(scam_filter.form.data)},
    )


def _grouped(categories):
    """Top-level groups each followed by their own categories, for one select box."""
    ordered = []
    for group in (c for c in categories if c.parent_id is None):
        ordered.append(group)
        ordered.extend(c for c in categories if c.parent_id == group.pk)
    return ordered


def _get_published(slug, *prefetch):
    queryset = ScamType.objects.published().select_related("category__parent").prefetch_related(*prefetch)
    return get_object_or_404(queryset, slug=slug)


@public_page
def detail(request, slug):
    scam = _get_published(
        slug,
        "tags",
        "cases",
        Prefetch("related", queryset=ScamType.objects.published().order_by("slug")),
    )
    tags = list(scam.tags.all())
    return render(
        request,
        "scams/scamtype_detail.html",
        {
            "scam": scam,
            "canonical_url": request.build_absolute_uri(scam.get_absolute_url()),
            "channels": [tag for tag in tags if tag.kind == Tag.Kind.CHANNEL],
            "audiences": [tag for tag in tags if tag.kind == Tag.Kind.AUDIENCE],
            "untranslated": scam.t.missing(TEXT_FIELDS)
            or any(case.t.missing(("title", "body")) for case in scam.cases.all()),
        },
    )


@public_page
def leaflet(request, slug):
    scam = _get_published(slug, "tags")
    detail_url = request.build_absolute_uri(scam.get_absolute_url())
    return render(
        request,
        "scams/scamtype_print.html",
        {
            "scam": scam,
            "channels": printing.channels_of(scam),
            "detail_url": detail_url,
            "qr_svg": printing.qr_svg(detail_url),
        },
    )


# The PDFs keep their own cache (scams/printing.py) for signed-in visitors too, so the
# page cache, which would also drop the file name, is not used for them.
def leaflet_pdf(request, slug):
    scam = _get_published(slug, "tags")
    detail_url = request.build_absolute_uri(scam.get_absolute_url())
    pdf = printing.cached(f"leaflet:{scam.slug}", request, lambda: printing.leaflet(scam, detail_url))
    return _pdf_response(pdf, f"fraudwatch-{scam.slug}-{get_language()}.pdf")


def booklet_pdf(request):
    pdf = printing.cached("booklet", request, lambda: printing.booklet(request))
    return _pdf_response(pdf, f"fraudwatch-booklet-{get_language()}.pdf")


def _pdf_response(pdf, filename):
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
