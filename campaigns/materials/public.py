"""The public material library at /<lang>/materials/: the list with its filters, each
material's page, its downloads and thumbnail, and the panel on a scam type's page."""

import django_filters
from django import forms
from django.db.models import Prefetch, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from campaigns.models import AudienceGroup, Material, MaterialKind
from fraudwatch.core.bilingual import as_stored
from fraudwatch.core.forms import add_css_classes
from fraudwatch.core.pagecache import public_page
from scams import search
from scams.models import ScamType
from scams.views import qr_svg

from . import downloads, thumbs
from .forms import letter_form

PANEL_SIZE = 6
YEAR = 365 * 24 * 3600


class MaterialFilter(django_filters.FilterSet):
    """Choices come from rows the view has already loaded: the form costs no query."""

    q = django_filters.CharFilter(
        label=_("Search"), method="filter_search", widget=forms.TextInput(attrs={"type": "search"})
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), method="filter_kind", empty_label=_("All kinds"))
    audience = django_filters.ChoiceFilter(label=_("For"), method="filter_audience", empty_label=_("Anyone"))
    scam_type = django_filters.ChoiceFilter(label=_("Scam type"), method="filter_scam_type", empty_label=_("Any"))

    class Meta:
        model = Material
        fields = []

    def __init__(self, data, queryset, *, kinds, audiences, scam_types):
        super().__init__(data, queryset=queryset)
        self.filters["kind"].extra["choices"] = [(kind.code, kind.t.name) for kind in kinds]
        self.filters["audience"].extra["choices"] = [(group.code, group.t.name) for group in audiences]
        self.filters["scam_type"].extra["choices"] = [(scam.slug, scam.t.name) for scam in scam_types]

    @property
    def form(self):
        form = super().form
        add_css_classes(form.fields)
        return form

    def filter_search(self, queryset, name, value):
        """Every word of the query (the catalogue search's words: jieba for Chinese, stems
        for English, stop words left out) in a title or a description, in either language."""
        words = search.analyse(as_stored(value, get_language())).words
        for word in list(dict.fromkeys(words))[:10]:
            queryset = queryset.filter(
                Q(title_zh__icontains=word)
                | Q(title_en__icontains=word)
                | Q(description_zh__icontains=word)
                | Q(description_en__icontains=word)
            )
        return queryset

    def filter_kind(self, queryset, name, value):
        return queryset.filter(kind__code=value)

    def filter_audience(self, queryset, name, value):
        return queryset.filter(audiences__code=value)

    def filter_scam_type(self, queryset, name, value):
        return queryset.filter(scam_types__slug=value)


def _published():
    return Material.objects.published().select_related("kind")


def library(params):
    """(filter, materials): the published library as `params` filter it, for the public
    list and for staff's material page alike."""
    kinds = list(MaterialKind.objects.filter(active=True))
    audiences = list(AudienceGroup.objects.filter(active=True))
    scam_types = list(ScamType.objects.published().order_by("slug"))
    filtered = MaterialFilter(params, _published(), kinds=kinds, audiences=audiences, scam_types=scam_types)
    return filtered, list(filtered.qs.distinct())


@require_safe
@public_page
def material_list(request):
    filtered, materials = library(request.GET)
    return render(
        request, "campaigns/materials/material_public_list.html", {"filter": filtered, "materials": materials}
    )


@require_safe
@public_page
def material_detail(request, slug):
    material = get_object_or_404(
        _published().prefetch_related(
            "files",
            "audiences",
            Prefetch("scam_types", queryset=ScamType.objects.published().order_by("slug")),
        ),
        slug=slug,
    )
    canonical_url = request.build_absolute_uri(material.get_absolute_url())
    return render(
        request,
        "campaigns/materials/material_public_detail.html",
        {
            "material": material,
            "canonical_url": canonical_url,
            "qr_svg": qr_svg(canonical_url),
            # Signed-in staff only: their pages are never cached (see fraudwatch.core.pagecache).
            "letter_form": letter_form(request, material),
        },
    )


@require_safe
def material_download(request, slug, file_id):
    material = get_object_or_404(Material.objects.published(), slug=slug)
    stored = material.files.filter(pk=file_id).first()
    if stored is None:
        raise Http404
    downloads.record(request, material)
    response = FileResponse(
        stored.file.open("rb"), as_attachment=True, filename=stored.name, content_type=stored.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_safe
def material_thumbnail(request, slug):
    material = get_object_or_404(Material.objects.published().select_related("kind"), slug=slug)
    response = FileResponse(thumbs.thumbnail(material).open("rb"), content_type="image/png")
    patch_cache_control(response, public=True, max_age=86400)
    return response


@require_safe
def material_preview(request, slug, token, width, image_format):
    """The preview at one of the widths pages show, as WebP or PNG, kept by browsers for a
    year: its address changes whenever the preview does. An address with an older token
    (a page cached before the preview was made again) is sent on to the current one."""
    if width not in thumbs.WIDTHS or image_format not in thumbs.FORMATS:
        raise Http404
    material = get_object_or_404(Material.objects.published().select_related("kind"), slug=slug)
    path, current = thumbs.variant(material, width, image_format)
    if token != current:
        response = redirect("materials:preview", slug=slug, token=current, width=width, image_format=image_format)
        patch_cache_control(response, public=True, max_age=3600)
        return response
    response = FileResponse(path.open("rb"), content_type=thumbs.FORMATS[image_format][1])
    patch_cache_control(response, public=True, max_age=YEAR, immutable=True)
    return response


def scam_type_panel(request, scam):
    """Published material about one scam type, for its page (see scams.panels): one query."""
    materials = list(_published().filter(scam_types=scam)[:PANEL_SIZE])
    if not materials:
        return ""
    return render_to_string(
        "campaigns/materials/_material_panel.html", {"materials": materials, "scam": scam}, request=request
    )
