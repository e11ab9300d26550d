from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from fraudwatch.core import daily
from fraudwatch.core.clients import client_address
from fraudwatch.core.pagecache import public_page

from . import checking, hotlines, panels, printing, quiz, sightings
from .filters import ScamTypeFilter
from .forms import CheckForm
from .models import TEXT_FIELDS, Category, ScamType, SharedMessage, Tag
from .printing import qr_svg

PAGE_SIZE = 12
SHARES_PER_ADDRESS = 10  # checked messages shared a day: plenty for a family behind one address, not for a script
# The list's menus, folded behind "Filter" on the page (the search box stays out).
FILTER_MENUS = ("category", "channel", "audience")


@require_safe
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
    # A search that finds nothing is not a dead end: the common types are offered instead.
    common = []
    if scam_filter.searched and not page.object_list:
        common = ScamType.objects.published().filter(featured=True).select_related("category")[:6]
    return render(
        request,
        "scams/scamtype_list.html",
        {
            "filter": scam_filter,
            "page": page,
            "query": query.urlencode(),
            "is_filtered": bool(scam_filter.form.data),
            "filters_chosen": sum(1 for name in FILTER_MENUS if request.GET.get(name)),
            "filter_errors": any(scam_filter.form.errors.get(name) for name in FILTER_MENUS),
            "searched": scam_filter.searched,
            "common": common,
        },
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


@require_safe
@public_page
def detail(request, slug):
    scam = _get_published(
        slug,
        "tags",
        "cases",
        Prefetch("related", queryset=ScamType.objects.published().order_by("slug")),
    )
    tags = list(scam.tags.all())
    canonical_url = request.build_absolute_uri(scam.get_absolute_url())
    return render(
        request,
        "scams/scamtype_detail.html",
        {
            "scam": scam,
            "canonical_url": canonical_url,
            "qr_svg": qr_svg(canonical_url),
            "channels": [tag for tag in tags if tag.kind == Tag.Kind.CHANNEL],
            "audiences": [tag for tag in tags if tag.kind == Tag.Kind.AUDIENCE],
            "untranslated": scam.t.missing(TEXT_FIELDS)
            or any(case.t.missing(("title", "body")) for case in scam.cases.all()),
            "panels": panels.render(request, scam),
            "trend": sightings.trend(scam),
        },
    )


@require_POST
@never_cache
def seen(request, slug):
    """ "I got this too": counted at most once per browser, type and day; nothing about
    the visitor is kept (see scams.sightings)."""
    scam = _get_published(slug)
    browser, is_new = sightings.browser_id(request)
    sightings.record(
        scam,
        browser=browser,
        address=client_address(request),
        agent=request.headers.get("User-Agent", ""),
    )
    response = render(request, "scams/scamtype_seen.html", {"scam": scam})
    if is_new:
        response.set_cookie(
            sightings.COOKIE,
            browser,
            max_age=daily.seconds_left_today(),
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
    return response


@require_safe
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


@require_http_methods(["GET", "HEAD", "POST"])
@sensitive_post_parameters("text")
@never_cache
@public_page  # the empty form; an answer (a POST) is never kept
def check(request):
    """Is this a scam? A verdict on a pasted message, the signs behind it and the scams it
    resembles. The message is answered in the page and forgotten, unless the resident ticks
    the box to share it; no cache keeps the answer, which quotes the message."""
    form = CheckForm(request.POST if request.method == "POST" else None)
    answer, shared, over_share_limit = None, False, False
    if form.is_valid():
        text = form.cleaned_data["text"]
        answer = checking.check(text, get_language())
        if form.cleaned_data["share"] and _may_share(request):
            SharedMessage.share(text, language=get_language(), matched=answer.best_type, risk=answer.risk)
            shared = True
            form = CheckForm(initial={"text": text})  # unticked again: one share per message
        elif form.cleaned_data["share"]:
            over_share_limit = True
    return render(
        request,
        "scams/message_check.html",
        {
            "form": form,
            "answer": answer,
            "shared": shared,
            "over_share_limit": over_share_limit,
            "share_limit": SHARES_PER_ADDRESS,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def quiz_page(request):
    """Five questions drawn across the catalogue, answered in one form; the answered page
    shows the score, the right answers and why. Nothing about the person is kept."""
    context = quiz_context(request, reverse("quiz"))
    context["hotlines"] = hotlines.ALWAYS
    return render(request, "scams/quiz.html", context)


def quiz_context(request, action, scam_types=None, graded=None):
    """What the quiz page shows: a fresh draw, or the posted answers graded (pass `graded`
    when the caller has graded them already). A POST that names no question askable
    gets a fresh draw."""
    if request.method == "POST" and graded is None:
        graded = quiz.grade(request.POST, scam_types)
    context = {"action": action, "graded": graded}
    if graded is not None:
        share = reverse("quiz-shared", args=[graded.correct, graded.total])
        context["share_url"] = request.build_absolute_uri(share)
        context["again_url"] = action
    else:
        context["questions"] = quiz.draw(scam_types=scam_types)
    return context


@require_safe
@public_page
def quiz_shared(request, correct, total):
    """The page a shared result links to: the score alone, and the way to the quiz."""
    if not 0 <= correct <= total or not 0 < total <= quiz.MAX_LENGTH:
        raise Http404
    return render(request, "scams/quiz_shared.html", {"correct": correct, "total": total})


def _may_share(request):
    """Whether the client's address may share one more message today. The address is kept
    only as a key under the day's salt, as "I got this too" keeps it (fraudwatch.core.daily)."""
    day = timezone.localdate()
    address = daily.key("share", day, "address", client_address(request))
    return daily.within_limit(address, SHARES_PER_ADDRESS, daily.seconds_left_today())


# The PDFs keep their own cache (scams/printing.py) for signed-in visitors too, so the
# page cache, which would also drop the file name, is not used for them.
@require_safe
def leaflet_pdf(request, slug):
    scam = _get_published(slug, "tags")
    detail_url = request.build_absolute_uri(scam.get_absolute_url())
    pdf = printing.cached(f"leaflet:{scam.slug}", request, lambda: printing.leaflet(scam, detail_url))
    return _pdf_response(pdf, f"fraudwatch-{scam.slug}-{get_language()}.pdf")


@require_safe
def booklet_pdf(request):
    pdf = printing.cached("booklet", request, lambda: printing.booklet(request))
    return _pdf_response(pdf, f"fraudwatch-booklet-{get_language()}.pdf")


def _pdf_response(pdf, filename):
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
