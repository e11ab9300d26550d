from django import template

from scams import bait as bait_picture
from scams import hotlines, leaflet_fit

register = template.Library()


@register.filter
def lines(localized, name):
    """`scam.t|lines:"steps"`: a one-item-per-line field as a list."""
    return localized.lines(name)


@register.inclusion_tag("scams/_bait.html")
def bait_figure(scam, channels=()):
    """The picture of what the resident will see, with its red flags as the caption."""
    bait = bait_picture.bait_for(scam, channels)
    return {"svg": bait_picture.draw(bait), "flags": bait.flags}


@register.inclusion_tag("scams/_hotlines.html")
def hotline_list(scam=None):
    """110, 96110 and 12381 for everyone, then the official lines that fit this type."""
    return {"always": hotlines.ALWAYS, "official": scam.official_line_list() if scam else []}


@register.simple_tag
def leaflet_lists(scam, channels=(), with_recovery=False):
    """`{% leaflet_lists scam channels with_recovery as lists %}`: the items of each list
    that the type's one-page leaflet prints (scams.leaflet_fit)."""
    return leaflet_fit.fit(scam, channels, with_recovery=with_recovery)
