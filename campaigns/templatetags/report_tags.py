from django import template

from campaigns.models import percent_done
from campaigns.reports import exports, narrative

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key)


@register.filter
def grouped(value):
    """12345 → 12,345: exact, with digit grouping, the same in both languages."""
    return narrative.number(value or 0)


@register.simple_tag
def row_label(row, section):
    return exports.label_of(row, section)


@register.simple_tag
def percent(done, target):
    return f"{percent_done(done, target)}%"
