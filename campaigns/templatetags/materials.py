from django import template
from django.urls import reverse

from campaigns.materials import thumbs

register = template.Library()


@register.inclusion_tag("campaigns/materials/_material_picture.html")
def material_picture(material, width, height, css_class="", alt="", lazy=True):
    """A material's preview `width` CSS pixels across: WebP at 1x and 2x (as far as the
    preview goes), PNG for a browser without WebP, each under its own lasting address."""
    token = thumbs.version(material)

    def address(size, image_format):
        arguments = {"slug": material.slug, "token": token, "width": size, "image_format": image_format}
        return reverse("materials:preview", kwargs=arguments)

    sharp = 2 * width if 2 * width in thumbs.WIDTHS else None
    return {
        "webp": address(width, "webp"),
        "webp_sharp": address(sharp, "webp") if sharp else None,
        "png": address(width, "png"),
        "width": width,
        "height": height,
        "css_class": css_class,
        "alt": alt,
        "lazy": lazy,
    }
