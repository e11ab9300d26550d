import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fraudwatch.core.forms import add_css_classes

from .periods import preset_period
from .summary import ACTIVITIES, ACTIVITIES_LABEL

PRESETS = [
    ("this_month", _("This month")),
    ("last_month", _("Last month")),
    ("this_quarter", _("This quarter")),
    ("this_year", _("This year")),
    ("last_year", _("Last year")),
]


class ReportForm(forms.Form):
    """The report's filters, all in the query string so that a report is a link."""

    preset = forms.ChoiceField(label=_("Period"), choices=[("", _("Custom dates")), *PRESETS], required=False)
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    org = forms.CharField(label=_("Unit (with everything under it)"), required=False, max_length=40)
    campaign = forms.ChoiceField(label=_("Campaign"), required=False)
    activity_type = forms.ChoiceField(label=_("Activity type"), required=False)
    # Not a ChoiceField: a link naming an indicator since retired still opens, charting activities.
    chart = forms.CharField(label=_("Charts show"), required=False, max_length=40, widget=forms.Select)
    include_submitted = forms.BooleanField(label=_("Also count activities still awaiting review"), required=False)

    # More units than this and the unit is typed as a code instead of picked from a list.
    MAX_UNIT_CHOICES = 400

    def __init__(self, data, *, units, whole_tree, campaigns, types, indicators=()):
        """`units`: every unit the user may report on, as a queryset; a large tree is
        never read whole, only far enough to know it is too long for a list. `indicators`:
        those the charts may plot instead of the number of activities."""
        super().__init__(data)
        units = list(units[: self.MAX_UNIT_CHOICES + 1])
        if len(units) <= self.MAX_UNIT_CHOICES:
            choices = [(unit.code, "\u00a0\u00a0" * (unit.depth - 1) + unit.t.name) for unit in units]
            if whole_tree:
                choices.insert(0, ("", _("The whole organisation")))
            self.fields["org"].widget = forms.Select(choices=choices)
        elif whole_tree:
            self.fields["org"].help_text = _("Type the unit's code; leave empty for the whole organisation.")
        else:
            self.fields["org"].help_text = _(
                "Type the unit's code; leave empty for the highest unit you hold a role on."
            )
        self.campaigns = {str(campaign.pk): campaign for campaign in campaigns}
        self.fields["campaign"].choices = [("", _("Any campaign"))] + [
            (key, campaign.t.name) for key, campaign in self.campaigns.items()
        ]
        self.types = {choice.code: choice for choice in types}
        self.fields["activity_type"].choices = [("", _("Any type"))] + [
            (code, choice.t.name) for code, choice in self.types.items()
        ]
        self.chartable = {indicator.code for indicator in indicators}
        self.fields["chart"].widget.choices = [("", ACTIVITIES_LABEL)] + [
            (indicator.code, indicator.t.name) for indicator in indicators
        ]
        add_css_classes(self.fields)

    def clean_chart(self):
        """The indicator code to chart; anything else charts the number of activities."""
        code = self.cleaned_data["chart"]
        return code if code in self.chartable else ACTIVITIES

    def clean(self):
        cleaned = super().clean()
        today = timezone.localdate()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if cleaned.get("preset") or (not start and not end):
            start, end = preset_period(cleaned.get("preset") or "this_year", today)
        start = start or datetime.date(today.year, 1, 1)
        end = end or today
        if end < start:
            raise ValidationError(_("The end of the period is before its start."))
        cleaned["start"], cleaned["end"] = start, end
        cleaned["campaign_obj"] = self.campaigns.get(cleaned.get("campaign") or "")
        cleaned["type_obj"] = self.types.get(cleaned.get("activity_type") or "")
        return cleaned
