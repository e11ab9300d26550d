import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns import photos
from campaigns.importing.read import MAX_FILE_BYTES, megabytes
from campaigns.kits import tally
from campaigns.models import (
    Activity,
    ActivityType,
    AudienceGroup,
    Figure,
    Indicator,
    Material,
    OrgUnit,
)
from scams.models import ScamType

# What evidence may be: photos, scans of sign-in sheets, PDFs. Checked by content,
# not by the name the browser sends.
EVIDENCE_TYPES = {
    b"\xff\xd8\xff": ("image/jpeg", "jpg"),
    b"\x89PNG\r\n\x1a\n": ("image/png", "png"),
    b"%PDF-": ("application/pdf", "pdf"),
}
MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
MAX_EVIDENCE_FILES = 10


def sniff(upload):
    """(content type, extension) of an upload judged by its first bytes, or None."""
    head = upload.read(16)
    upload.seek(0)
    for magic, kind in EVIDENCE_TYPES.items():
        if head.startswith(magic):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return ("image/webp", "webp")
    return None


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    """Several files in one input, each checked for type and size."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > MAX_EVIDENCE_FILES:
            raise ValidationError(_("Attach at most %(count)d files at a time."), params={"count": MAX_EVIDENCE_FILES})
        cleaned = []
        for upload in files:
            upload = super().clean(upload, initial)
            if upload.size > MAX_EVIDENCE_BYTES:
                raise ValidationError(
                    _("%(name)s is larger than 10 MB."), params={"name": upload.name}, code="too_large"
                )
            kind = sniff(upload)
            if kind is None:
                raise ValidationError(
                    _("%(name)s is not a JPEG, PNG or WebP photo or a PDF."), params={"name": upload.name}
                )
            if kind[0] in photos.FORMATS:
                upload = photos.rewrite(upload, kind[0])
            upload.sniffed_type, upload.sniffed_extension = kind
            cleaned.append(upload)
        return cleaned


class UnitSelect(forms.Select):
    """Units by name, indented under their parents. Each option carries its unit's code in
    `data-code`, so the optional filter (static/js/activity-form.js) finds a unit by code
    too, while the list itself shows only names."""

    codes = {}  # unit pk -> code, set by the form

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value in self.codes:
            option["attrs"]["data-code"] = self.codes[value]
        return option


class ChipSelect(forms.CheckboxSelectMultiple):
    """Checkboxes drawn as chips (Bootstrap's btn-check): still plain checkboxes without CSS or JS."""

    def __init__(self, attrs=None, choices=()):
        super().__init__({"class": "btn-check", **(attrs or {})}, choices)


# The value of the "No campaign" answer when campaigns are running.
NO_CAMPAIGN = "none"

# The first indicators (by position) are asked for on the form itself; the others wait
# under "More", opened when one of them has a value.
COMMON_FIGURES = 4


class ActivityForm(forms.ModelForm):
    """One activity with its figures. Figures are one number field per active
    indicator; an empty field means "not recorded", not zero."""

    evidence = EvidenceField(
        label=_("Photos, sign-in sheets or PDFs"),
        required=False,
        help_text=_("JPEG, PNG, WebP or PDF, up to 10 MB each and 25 MB in all per save."),
        # A phone offers its camera for image/*.
        widget=MultipleFileInput(attrs={"accept": "image/*,application/pdf"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    # What the "More" section holds, besides the less common figures.
    MORE = ("end_date", "location", "campaign", "notes")

    class Meta:
        model = Activity
        fields = [
            "unit",
            "campaign",
            "activity_type",
            "title",
            "date",
            "end_date",
            "location",
            "audiences",
            "scam_types",
            "materials",
            "notes",
        ]
        widgets = {
            "unit": UnitSelect,
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "audiences": ChipSelect,
            "scam_types": ChipSelect,
            "materials": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, units, campaigns, indicators, default_unit=None, materials=None, running=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        self._set_unit_choices(units, default_unit)
        self.fields["campaign"].queryset = campaigns
        self.fields["campaign"].label_from_instance = lambda campaign: campaign.t.name
        self.fields["campaign"].empty_label = _("No campaign")
        self._set_running_campaigns(running)
        self.fields["activity_type"].queryset = ActivityType.objects.filter(active=True)
        self.fields["activity_type"].label_from_instance = lambda choice: choice.t.name
        self.fields["activity_type"].empty_label = _("Choose a type")
        self.fields["audiences"].queryset = AudienceGroup.objects.filter(active=True)
        self.fields["audiences"].label_from_instance = lambda choice: choice.t.name
        self.fields["scam_types"].queryset = (
            ScamType.objects.published()
            .select_related("category__parent")
            .order_by("category__parent__position", "category__parent__code", "category__position", "slug")
        )
        self.fields["scam_types"].label_from_instance = lambda scam: scam.t.name
        self.fields["materials"].queryset = (
            materials if materials is not None else Material.objects.published().select_related("kind")
        )
        self.fields["materials"].label_from_instance = lambda material: f"{material.t.title} · {material.kind.t.name}"
        self.fields["materials"].help_text = _("Published material from the library, and your units' own.")
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        else:
            self.fields["date"].initial = timezone.localdate()
        figures = (
            {figure.indicator_id: figure.value for figure in self.instance.figures.all()} if self.instance.pk else {}
        )
        for indicator in indicators:
            self.fields[self.figure_field(indicator)] = forms.IntegerField(
                label=indicator.t.name,
                help_text=indicator.t.unit,
                required=False,
                min_value=0,
                max_value=Figure.MAX_VALUE,
                initial=figures.get(indicator.pk),
                widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "step": 1}),
            )

        tally.add_fields(self)

    def quiz_tally_fields(self):
        return tally.fields(self)

    def _set_unit_choices(self, units, default_unit):
        """Names, indented under their parents, from the units the view loaded once; the
        queryset still decides what is accepted."""
        field = self.fields["unit"]
        field.queryset = units
        listed = list(units)
        top = min((unit.depth for unit in listed), default=1)
        if not self.instance.pk:
            field.initial = default_unit
        current = self.instance.unit_id if self.instance.pk else None
        preset = current in {unit.pk for unit in listed} or default_unit or len(listed) == 1
        field.choices = [
            *([] if preset else [("", _("Choose a unit"))]),
            *((unit.pk, "\u00a0\u00a0\u00a0" * (unit.depth - top) + unit.t.name) for unit in listed),
        ]
        field.widget.codes = {unit.pk: unit.code for unit in listed}

    def _set_running_campaigns(self, running):
        """Campaigns running now for the activity's unit are asked for in the first section:
        one is chosen already, several wait for an answer, "No campaign" being one of them."""
        self.running = list(running)
        if not self.running:
            return
        field = self.fields["campaign"]
        shown = list(self.running)
        current = self.instance.campaign if self.instance.pk else None
        if current is not None and current not in shown:
            shown.append(current)
        field.widget = forms.RadioSelect()
        # "No campaign" has a value of its own, so that it is not taken as chosen while
        # nothing is: with several campaigns running, the officer answers.
        field.empty_values = [*field.empty_values, NO_CAMPAIGN]
        field.choices = [*((campaign.pk, campaign.t.name) for campaign in shown), (NO_CAMPAIGN, _("No campaign"))]
        if self.instance.pk and self.instance.campaign_id is None:
            self.initial["campaign"] = NO_CAMPAIGN
        if len(self.running) == 1:
            field.help_text = _("Running now for this unit: the activity counts toward it.")
            if not self.instance.pk:
                field.initial = self.running[0].pk
        else:
            field.help_text = _("Several campaigns are running for this unit: choose the one this activity is part of.")

    def campaign_first(self):
        """Whether the campaign is asked for in the first section rather than under "More"."""
        return bool(self.running)

    @staticmethod
    def figure_field(indicator):
        return f"figure_{indicator.code}"

    def figure_fields(self):
        return [self[self.figure_field(indicator)] for indicator in self.indicators]

    def common_figure_fields(self):
        return self.figure_fields()[:COMMON_FIGURES]

    def more_figure_fields(self):
        return self.figure_fields()[COMMON_FIGURES:]

    def more_is_filled(self):
        """Open "More" when something in it has a value or an error."""
        more = [name for name in self.MORE if not (name == "campaign" and self.campaign_first())]
        fields = [self[name] for name in more] + self.more_figure_fields()
        return any(field.errors or field.value() not in (None, "", []) for field in fields)

    def scam_type_groups(self):
        """[(group name, [checkbox, …])] in catalogue order, for the grouped chips."""
        groups = []
        for checkbox in self["scam_types"]:
            scam = checkbox.data["value"].instance
            group = scam.category.parent or scam.category
            if not groups or groups[-1][0] != group:
                groups.append((group, []))
            groups[-1][1].append(checkbox)
        return [(group.t.name, checkboxes) for group, checkboxes in groups]

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."))
        return date

    def clean(self):
        cleaned = super().clean()
        date, end_date, unit = cleaned.get("date"), cleaned.get("end_date"), cleaned.get("unit")
        if date and end_date and end_date < date:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        if end_date and end_date > timezone.localdate():
            self.add_error("end_date", _("The date cannot be in the future."))
        campaign = cleaned.get("campaign")
        if len(self.running) > 1 and "campaign" not in self.data and not self.instance.pk:
            self.add_error("campaign", _("Choose the campaign this activity is part of, or “No campaign”."))
        elif campaign and unit and campaign != self.instance.campaign and not campaign.takes_part(unit):
            self.add_error(
                "campaign",
                _("%(unit)s does not take part in %(campaign)s. Choose another campaign or “No campaign”.")
                % {"unit": unit.t.name, "campaign": campaign.t.name},
            )
        # The reference is not on the form, so Django does not check it is unique in the new unit.
        ref = self.instance.ref
        if unit and ref and Activity.objects.filter(unit=unit, ref=ref).exclude(pk=self.instance.pk).exists():
            self.add_error("unit", _("That unit already has an activity with reference %(ref)s.") % {"ref": ref})
        tally.clean(self)
        return cleaned

    def figures(self):
        """{indicator: value or None} from the cleaned form."""
        return {indicator: self.cleaned_data.get(self.figure_field(indicator)) for indicator in self.indicators}


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file"))
    status = forms.ChoiceField(label=_("Import as"), initial="draft")
    dry_run = forms.BooleanField(label=_("Check only, write nothing"), required=False, initial=True)

    def __init__(self, *args, may_import_approved, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("UTF-8, GBK or Excel (.xlsx); at most %(limit)s.") % {
            "limit": megabytes(MAX_FILE_BYTES)
        }
        choices = [("draft", _("drafts")), ("submitted", _("submitted for review"))]
        if may_import_approved:
            choices.append(("approved", _("approved, without review (historic records; administrators only)")))
        else:
            self.fields["status"].error_messages["invalid_choice"] = _(
                "Only an administrator may import activities as approved. Choose drafts or submitted for review."
            )
        self.fields["status"].choices = choices

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise ValidationError(
                _("The file is larger than %(limit)s; split it into smaller files."),
                params={"limit": megabytes(MAX_FILE_BYTES)},
            )
        return upload


def material_choices(roles, activity=None):
    """Material an activity may say it used: what the library publishes and what the user's
    units uploaded, plus whatever it names already. Material suggested for the activity's
    type comes first, then the library's order (featured, kind, slug)."""
    offered = Q(status=Material.Status.PUBLISHED) | (roles.visible() & Q(unit__isnull=False))
    materials = Material.objects.select_related("kind")
    if activity is None or activity.pk is None:
        return materials.filter(offered)
    offered |= Q(pk__in=activity.materials.values("pk"))
    suggested = Material.activity_types.through.objects.filter(
        material=OuterRef("pk"), activitytype=activity.activity_type_id
    )
    return (
        materials.filter(offered).annotate(suggested=Exists(suggested)).order_by("-suggested", *Material._meta.ordering)
    )


def active_indicators():
    """The indicators an activity's figures are typed for."""
    return list(Indicator.objects.typed())


class ReviewQueueForm(forms.Form):
    """How the review queue is sorted and filtered, read from GET so it works without scripts
    and the same order can be followed from one item to the next."""

    ORDERS = {
        "waiting": ["submitted_at", "pk"],
        "date": ["date", "submitted_at", "pk"],
        "unit": ["unit__path", "submitted_at", "pk"],
    }

    sort = forms.ChoiceField(
        label=_("Sort"),
        required=False,
        choices=[("waiting", _("Waiting longest first")), ("date", _("By date")), ("unit", _("By unit"))],
    )
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=OrgUnit.objects.none(), required=False)
    type = forms.ModelChoiceField(label=_("Type"), queryset=ActivityType.objects.filter(active=True), required=False)
    waiting = forms.TypedChoiceField(
        label=_("Waiting"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Any time")), (3, _("More than 3 days")), (7, _("More than 7 days"))],
    )

    def __init__(self, data, *, roles):
        super().__init__(data)
        units = OrgUnit.objects.active()
        self.fields["unit"].queryset = units if roles.is_admin else units.filter(roles.reviewable("path"))

    def apply(self, queryset, now):
        """The queryset filtered and ordered as asked; anything invalid is ignored."""
        wanted = self.cleaned_data if self.is_valid() else {}
        if wanted.get("unit"):
            queryset = queryset.filter(unit__path__startswith=wanted["unit"].path)
        if wanted.get("type"):
            queryset = queryset.filter(activity_type=wanted["type"])
        if wanted.get("waiting"):
            queryset = queryset.filter(submitted_at__lte=now - datetime.timedelta(days=wanted["waiting"]))
        return queryset.order_by(*self.ORDERS[wanted.get("sort") or "waiting"])
