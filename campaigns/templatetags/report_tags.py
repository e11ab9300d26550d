from django import template

from campaigns.models import percent_done
from campaigns.reports import exports, narrative, summary

register = template.Library()


@register.simple_tag
def activities_label():
    """What the number of activities is called (活动数), from the one place pages and exports read."""
    return summary.ACTIVITIES_LABEL


@register.filter
def get_item(mapping, key):
    return mapping.get(key)


@register.filter
def grouped(value):
    """12345 → 12,345: exact, with digit grouping, the same in both languages."""
    return narrative.number(value or 0)


@register.filter
def measured_value(row, code):
    """A measured figure of the row, or a dash where it has none (a rate without answers is
    no rate of 0)."""
    value = row.values.get(code)
    return "—" if value is None else narrative.number(value)


@register.simple_tag
def row_label(row, section):
    return exports.label_of(row, section)


@register.simple_tag
def percent(done, target):
    return f"{percent_done(done, target)}%"
