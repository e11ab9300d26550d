from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign, CampaignTarget, OrgUnit
from scams.models import ScamType


class CampaignForm(forms.ModelForm):
    """A campaign as reviewers and administrators set it up: lead unit within their reach."""

    class Meta:
        model = Campaign
        fields = [
            "name_zh",
            "name_en",
            "slogan_zh",
            "slogan_en",
            "start",
            "end",
            "lead_unit",
            "units",
            "scam_types",
            "description_zh",
            "description_en",
        ]
        widgets = {
            "start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "units": forms.CheckboxSelectMultiple,
            "scam_types": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, **kwargs)
        units = OrgUnit.objects.active()
        reachable = units if roles.is_admin else units.filter(roles.reviewable("path"))
        self.fields["lead_unit"].queryset = reachable
        self.fields["units"].queryset = reachable
        self.fields["scam_types"].queryset = ScamType.objects.published()

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The campaign cannot end before it starts."))
        return cleaned


CampaignTargetFormSet = forms.inlineformset_factory(
    Campaign,
    CampaignTarget,
    fields=["indicator", "value"],
    extra=3,
    can_delete=True,
)
