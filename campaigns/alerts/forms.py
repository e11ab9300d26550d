from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.models import Alert
from scams.models import ScamType

LANGUAGES = {"zh": _("Chinese"), "en": _("English")}


class AlertForm(forms.ModelForm):
    class Meta:
        model = Alert
        fields = ["unit", "title_zh", "body_zh", "title_en", "body_en", "scam_types", "start", "end"]
        widgets = {
            "body_zh": forms.Textarea(attrs={"rows": 3}),
            "body_en": forms.Textarea(attrs={"rows": 3}),
            "scam_types": forms.CheckboxSelectMultiple,
            "start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "title_zh": _("Write the alert in Chinese, in English, or in both."),
            "unit": _("The area the alert is about; it is shown with the alert."),
        }

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["unit"].label_from_instance = lambda unit: unit.t.name
        self.fields["scam_types"].queryset = ScamType.objects.published().order_by("category__position", "slug")
        self.fields["scam_types"].label_from_instance = lambda scam: scam.t.name
        if not self.instance.pk:
            self.fields["start"].initial = timezone.localdate()

    def clean(self):
        cleaned = super().clean()
        for field in ("title_zh", "title_en", "body_zh", "body_en"):
            if field in cleaned:
                cleaned[field] = cleaned[field].strip()
        written = []
        for suffix, language in LANGUAGES.items():
            title, body = cleaned.get(f"title_{suffix}"), cleaned.get(f"body_{suffix}")
            if title and body:
                written.append(suffix)
            elif title or body:
                missing = f"body_{suffix}" if title else f"title_{suffix}"
                self.add_error(missing, _("Give both a title and a text in %(language)s.") % {"language": language})
        if not written and not self.errors:
            raise ValidationError(_("Write the alert in at least one language."))
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The last day cannot be before the first day."))
        return cleaned

    @transaction.atomic
    def save_by(self, user):
        alert = self.save(commit=False)
        alert.record_edit(by=user)
        alert.save()
        self.save_m2m()
        alert.authors.add(user)
        return alert
