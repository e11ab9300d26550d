from django import template
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import get_language, gettext

from campaigns.models import Activity
from fraudwatch.core.bilingual import by_language

register = template.Library()


@register.filter
def approvable_by(activity, user):
    return activity.may_be_approved_by(user)


@register.simple_tag
def change_label(change):
    """The label of one history line, in the page's language."""
    field = change["field"]
    if "label" in change:
        label = change["label"]
        return by_language(get_language(), zh=label["zh"], en=label["en"])
    if field == "file":
        return gettext("evidence file")
    try:
        return Activity._meta.get_field(field).verbose_name
    except FieldDoesNotExist:  # a field since removed: show its name as stored
        return field


@register.filter
def status_label(value):
    return Activity.Status(value).label if value in Activity.Status.values else value
