from django import forms
from django.db import transaction

from campaigns.models import Kit, Material
from fraudwatch.core import pagecache
from scams.models import ScamType


class KitForm(forms.ModelForm):
    """What a campaign's kit holds: published material and published scam types."""

    class Meta:
        model = Kit
        fields = ["materials", "scam_types", "intro_zh", "intro_en"]
        widgets = {
            "materials": forms.CheckboxSelectMultiple,
            "scam_types": forms.CheckboxSelectMultiple,
            "intro_zh": forms.Textarea(attrs={"rows": 3}),
            "intro_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["materials"].queryset = Material.objects.published().select_related("kind")
        self.fields["scam_types"].queryset = ScamType.objects.published().order_by("slug")
        self.fields["materials"].label_from_instance = lambda material: f"{material.t.title} · {material.kind.t.name}"
        self.fields["scam_types"].label_from_instance = lambda scam: scam.t.name

    def save(self, commit=True):
        kit = super().save(commit)
        transaction.on_commit(pagecache.invalidate)  # the kit's public page shows its contents
        return kit
