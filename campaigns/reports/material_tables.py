"""The material tables of the report: the pieces of material its counted activities
used, and the downloads of the period. They sit beside the breakdowns, not among them
(one activity may use several pieces, and a download is no activity at all); their
titles are summary.MATERIAL_SECTIONS."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Sum

from campaigns.models import Material


@dataclass
class MaterialRow:
    key: str  # the material's slug
    material: Material
    value: int  # activities that used it, or downloads


def material_tables(filters):
    """{section: [MaterialRow], largest first} for MATERIAL_SECTIONS, in two queries whatever
    the data: the counted activities of the report's scope and period that used each piece of
    material (read from the activities: the summary tables do not split by material), and each
    one's downloads in the period, site-wide."""
    materials = Material.objects.using(settings.REPORTS_DATABASE)
    # Filtering on the activities before counting them counts only the activities filtered.
    used = (
        materials.filter(filters.condition("activities__"))
        .annotate(value=Count("activities"))
        .order_by("-value", "slug")
    )
    downloaded = (
        materials.filter(downloads__day__gte=filters.start, downloads__day__lte=filters.end)
        .annotate(value=Sum("downloads__count"))
        .order_by("-value", "slug")
    )
    return {
        "material_used": [MaterialRow(material.slug, material, material.value) for material in used],
        "material_downloads": [MaterialRow(material.slug, material, material.value) for material in downloaded],
    }
