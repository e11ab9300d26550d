from django import template

register = template.Library()


@register.filter
def lines(localized, name):
    """`scam.t|lines:"steps"`: a one-item-per-line field as a list."""
    return localized.lines(name)
