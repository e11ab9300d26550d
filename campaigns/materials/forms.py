from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from campaigns.models import ActivityType, AudienceGroup, Campaign, Material, MaterialFile, MaterialKind, OrgUnit
from campaigns.org.forms import unit_choices
from campaigns.org.roles import Roles
from fraudwatch.core.bilingual import ENGLISH, suffix_for, text_in
from scams.models import ScamType

from . import files as checks
from . import letters


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class MaterialForm(forms.ModelForm):
    """Upload material under a unit: its texts, tags and files, each file checked by its
    content (files.check) before anything is stored."""

    files = MultipleFileField(
        label=_("Files"),
        required=False,
        allow_empty_file=True,  # files.check names the empty file; Django's message does not
        help_text=_("PDF, PNG, JPEG, PPTX, DOCX, MP4 or UTF-8 text. Videos up to 200 MB, other files up to 20 MB."),
    )
    file_language = forms.ChoiceField(
        label=_("Language of the files"), choices=MaterialFile.Language.choices, required=False
    )

    class Meta:
        model = Material
        fields = [
            "unit",
            "kind",
            "title_zh",
            "title_en",
            "description_zh",
            "description_en",
            "scam_types",
            "audiences",
            "activity_types",
            "poster",
        ]
        widgets = {
            "description_zh": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
            "scam_types": forms.CheckboxSelectMultiple,
            "audiences": forms.CheckboxSelectMultiple,
            "activity_types": forms.CheckboxSelectMultiple,
        }
        help_texts = {"title_zh": _("Write the title in Chinese, in English, or in both.")}

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].required = True
        self.fields["unit"].queryset = units
        self.fields["unit"].label_from_instance = lambda unit: unit.t.name
        self.fields["kind"].queryset = MaterialKind.objects.filter(active=True)
        self.fields["kind"].label_from_instance = lambda kind: kind.t.name
        self.fields["scam_types"].queryset = ScamType.objects.published().order_by("category__position", "slug")
        self.fields["scam_types"].label_from_instance = lambda scam: scam.t.name
        for name, model in (("audiences", AudienceGroup), ("activity_types", ActivityType)):
            self.fields[name].queryset = model.objects.filter(active=True)
            self.fields[name].label_from_instance = lambda row: row.t.name

    def clean_files(self):
        uploads = self.cleaned_data.get("files") or []
        self.checked = []
        errors = []
        for upload in uploads:
            try:
                self.checked.append((upload, checks.check(upload)))
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return uploads

    def clean_poster(self):
        poster = self.cleaned_data.get("poster")
        if poster and hasattr(poster, "content_type"):  # a new upload
            checks.check(poster, allowed=checks.IMAGES)
        return poster

    def clean(self):
        cleaned = super().clean()
        for field in ("title_zh", "title_en"):
            cleaned[field] = (cleaned.get(field) or "").strip()
        if not cleaned["title_zh"] and not cleaned["title_en"]:
            self.add_error("title_zh", _("Give a title in at least one language."))
        if not self.instance.pk and not cleaned.get("files") and "files" not in self.errors:
            self.add_error("files", _("Upload at least one file."))
        return cleaned

    @transaction.atomic
    def save_by(self, user):
        material = self.save(commit=False)
        material.created_by = user
        material.slug = _free_slug(text_in(material, "title", ENGLISH))
        material.save()
        self.save_m2m()
        language = self.cleaned_data.get("file_language", "")
        for position, (upload, content_type) in enumerate(self.checked):
            stored = MaterialFile(
                material=material,
                name=upload.name[:200],
                content_type=content_type,
                size=upload.size,
                language=language,
                position=position,
            )
            stored.file.save(upload.name, upload, save=False)
            stored.save()
        return material


def _free_slug(title):
    base = slugify(title)[:60] or "material"
    slug, number = base, 1
    while Material.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


class LetterForm(forms.Form):
    """What to write into a fill-in letter (see letters.py), sent by GET: the answer is a file.
    The unit list shows the units the view loaded for the user; any active unit passes the
    form, and the view refuses (403) one the user holds no role over, as it refuses a
    unit typed into the address."""

    unit = forms.ModelChoiceField(label=_("Unit"), queryset=OrgUnit.objects.active())
    campaign = forms.ModelChoiceField(
        label=_("Campaign"), queryset=Campaign.objects.none(), required=False, empty_label=_("No campaign")
    )
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    language = forms.ChoiceField(
        label=_("Language of the letter"), choices=[("zh", _("Chinese")), ("en", _("English"))]
    )
    format = forms.ChoiceField(label=_("Format"), choices=[("docx", _("Word (DOCX)")), ("pdf", _("PDF"))])

    def __init__(self, data=None, *, units, campaigns, language):
        initial = {"date": timezone.localdate(), "language": language, "format": "docx"}
        if len(units) == 1:
            initial["unit"] = units[0].pk
        super().__init__(data, initial=initial)
        top = min((unit.depth for unit in units), default=1)
        self.fields["unit"].choices = [
            *([] if len(units) == 1 else [("", _("Choose a unit"))]),
            *((unit.pk, "\u00a0\u00a0\u00a0" * (unit.depth - top) + unit.t.name) for unit in units),
        ]
        # Open campaigns first, the latest first within each.
        self.fields["campaign"].queryset = campaigns.order_by(F("closed_at").asc(nulls_first=True), "-start", "pk")
        self.fields["campaign"].label_from_instance = self.campaign_label

    @staticmethod
    def campaign_label(campaign):
        if campaign.is_closed:
            return _("%(name)s (closed)") % {"name": campaign.t.name}
        return campaign.t.name


def letter_form(request, material, data=None):
    """The form that fills in a bundled letter, for a signed-in user with a unit to fill it
    in for; None for other material and other visitors. The staff page, the public page
    and the download itself all ask here."""
    if not request.user.is_authenticated or not letters.is_fillable(material):
        return None
    roles = Roles.for_request(request)
    units = list(unit_choices(roles))
    if not units:
        return None
    language = suffix_for(get_language())  # the letter's: "zh" or "en"
    return LetterForm(data, units=units, campaigns=Campaign.objects.visible_to(roles), language=language)
