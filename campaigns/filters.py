import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from fraudwatch.core.forms import add_css_classes

from .models import Activity, ActivityType


class ActivityFilter(django_filters.FilterSet):
    """Filters for the activity list. Unit and campaign choices come from rows the
    view already loaded; choosing a unit takes in its whole subtree."""

    unit = django_filters.ChoiceFilter(
        label=_("Unit (and units under it)"), method="filter_unit", empty_label=_("All my units")
    )
    activity_type = django_filters.ModelChoiceFilter(
        label=_("Activity type"), queryset=ActivityType.objects.all(), to_field_name="code", empty_label=_("Any type")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Activity.Status.choices, empty_label=_("Any status")
    )
    date_from = django_filters.DateFilter(
        label=_("From"), field_name="date", lookup_expr="gte", widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = django_filters.DateFilter(
        label=_("To"), field_name="date", lookup_expr="lte", widget=forms.DateInput(attrs={"type": "date"})
    )
    campaign = django_filters.ChoiceFilter(label=_("Campaign"), method="filter_campaign", empty_label=_("Any campaign"))

    class Meta:
        model = Activity
        fields = []

    def __init__(self, data, queryset, *, units, campaigns):
        super().__init__(data, queryset=queryset)
        self.units = {unit.code: unit for unit in units}
        self.filters["unit"].extra["choices"] = [
            (unit.code, "\u00a0\u00a0" * (unit.depth - 1) + unit.t.name) for unit in units
        ]
        self.filters["campaign"].extra["choices"] = [(str(campaign.pk), campaign.t.name) for campaign in campaigns]
        self.filters["activity_type"].field.label_from_instance = lambda choice: choice.t.name

    def filter_unit(self, queryset, name, value):
        return queryset.filter(unit__path__startswith=self.units[value].path)

    def filter_campaign(self, queryset, name, value):
        return queryset.filter(campaign_id=int(value))

    @property
    def form(self):
        form = super().form
        add_css_classes(form.fields)
        return form
