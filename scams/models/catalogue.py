"""The catalogue: scam types with their categories, tags, case stories and search synonyms."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, Value, When
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from fraudwatch.core.bilingual import BilingualModel, StoredTraditional
from fraudwatch.core.history import TranslatedHistoricalRecords

from .. import hotlines

# Text fields of a scam type that exist once per language. Those marked
# required must be filled in both languages before a type can be published.
REQUIRED_TEXT_FIELDS = ("name", "summary", "steps", "phrases", "warning_signs", "protect")
OPTIONAL_TEXT_FIELDS = ("aliases", "impersonates", "if_targeted", "if_paid")
# What the picture of the bait shows; all optional (the picture falls back to the phrases).
BAIT_TEXT_FIELDS = ("bait_name", "bait_lines", "bait_fields", "bait_flags")
TEXT_FIELDS = REQUIRED_TEXT_FIELDS + OPTIONAL_TEXT_FIELDS + BAIT_TEXT_FIELDS
ONE_PER_LINE = _("One item per line.")


class Category(StoredTraditional, models.Model):
    """Two levels: a top-level group (parent empty) and the categories within it."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        limit_choices_to={"parent__isnull": True},
    )
    name_zh = models.CharField(_("name (Chinese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    # Generated from the _zh columns on every save (fraudwatch.core.bilingual.StoredTraditional).
    traditional = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["position", "code"]

    def __str__(self):
        return str(self.t.name)

    def clean(self):
        if self.parent_id and (self.parent_id == self.pk or self.parent.parent_id):
            raise ValidationError({"parent": _("A group must be a top-level category.")})


class Tag(StoredTraditional, models.Model):
    """A contact channel or an audience a scam type is tagged with."""

    class Kind(models.TextChoices):
        CHANNEL = "channel", _("contact channel")
        AUDIENCE = "audience", _("audience")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    code = models.SlugField(_("code"), max_length=60)
    name_zh = models.CharField(_("name (Chinese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    # Generated from the _zh columns on every save (fraudwatch.core.bilingual.StoredTraditional).
    traditional = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["kind", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "code"], name="tag_unique_kind_code"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.t.name}"


# A new type sits in the middle until someone judges its harm.
HARM_DEFAULT = 3


class ScamTypeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def by_harm(self):
        """The most harmful first; within a level, in the catalogue's order."""
        return self.order_by("-harm", "category__position", "category__code", "slug")

    def in_order(self, pks):
        """Only these rows, in this order (the search ranks them; the database keeps the order)."""
        if not pks:
            return self.none()
        return self.filter(pk__in=pks).order_by(
            Case(*(When(pk=pk, then=Value(position)) for position, pk in enumerate(pks)))
        )

    def in_category(self, category):
        return self.filter(Q(category=category) | Q(category__parent=category))

    def tagged(self, tag):
        through = ScamType.tags.through
        return self.filter(Exists(through.objects.filter(scamtype=OuterRef("pk"), tag=tag)))


def labelled(label, language):
    return format_lazy("{} ({})", label, language)


ZH, EN = _("Chinese"), _("English")


class BaitKind(models.TextChoices):
    """What the resident sees when the scam reaches them."""

    SMS = "sms", _("text message")
    CHAT = "chat", _("chat message")
    CALL = "call", _("incoming call")
    WEB = "web", _("web page")
    APP = "app", _("app screen")


class ScamType(StoredTraditional, models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="scam_types",
        limit_choices_to={"parent__isnull": False},
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("channels and audiences"), blank=True, related_name="scam_types")
    related = models.ManyToManyField("self", verbose_name=_("related types"), blank=True, symmetrical=True)
    featured = models.BooleanField(_("featured on the home page"), default=False)
    harm = models.PositiveSmallIntegerField(
        _("harm"),
        default=HARM_DEFAULT,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_(
            "From 5, the types that cost residents most and most often, to 1, the rare ones. "
            "The booklet begins with the most harmful."
        ),
    )
    published = models.BooleanField(_("published"), default=False)
    last_reviewed = models.DateField(_("last reviewed"))

    name_zh = models.CharField(labelled(_("name"), ZH), max_length=120, blank=True)
    name_en = models.CharField(labelled(_("name"), EN), max_length=120, blank=True)
    aliases_zh = models.TextField(labelled(_("aliases"), ZH), blank=True, help_text=ONE_PER_LINE)
    aliases_en = models.TextField(labelled(_("aliases"), EN), blank=True, help_text=ONE_PER_LINE)
    impersonates_zh = models.CharField(labelled(_("who the fraudster pretends to be"), ZH), max_length=200, blank=True)
    impersonates_en = models.CharField(labelled(_("who the fraudster pretends to be"), EN), max_length=200, blank=True)
    summary_zh = models.TextField(labelled(_("summary"), ZH), blank=True)
    summary_en = models.TextField(labelled(_("summary"), EN), blank=True)
    steps_zh = models.TextField(labelled(_("how it works"), ZH), blank=True, help_text=ONE_PER_LINE)
    steps_en = models.TextField(labelled(_("how it works"), EN), blank=True, help_text=ONE_PER_LINE)
    phrases_zh = models.TextField(labelled(_("typical phrases"), ZH), blank=True, help_text=ONE_PER_LINE)
    phrases_en = models.TextField(labelled(_("typical phrases"), EN), blank=True, help_text=ONE_PER_LINE)
    warning_signs_zh = models.TextField(labelled(_("warning signs"), ZH), blank=True, help_text=ONE_PER_LINE)
    warning_signs_en = models.TextField(labelled(_("warning signs"), EN), blank=True, help_text=ONE_PER_LINE)
    protect_zh = models.TextField(labelled(_("how to protect yourself"), ZH), blank=True, help_text=ONE_PER_LINE)
    protect_en = models.TextField(labelled(_("how to protect yourself"), EN), blank=True, help_text=ONE_PER_LINE)
    if_targeted_zh = models.TextField(labelled(_("if you are being targeted"), ZH), blank=True, help_text=ONE_PER_LINE)
    if_targeted_en = models.TextField(labelled(_("if you are being targeted"), EN), blank=True, help_text=ONE_PER_LINE)
    if_paid_zh = models.TextField(labelled(_("if you have already paid"), ZH), blank=True, help_text=ONE_PER_LINE)
    if_paid_en = models.TextField(labelled(_("if you have already paid"), EN), blank=True, help_text=ONE_PER_LINE)

    recovery = models.BooleanField(
        _("show the recovery checks"),
        default=True,
        help_text=_(
            "For types where money or identity details may have been given away: check the phone numbers, "
            "bank cards and credit report in one's name, change passwords, report a lost ID card."
        ),
    )
    official_lines = models.CharField(
        _("official lines"),
        max_length=100,
        blank=True,
        validators=[hotlines.validate_official_lines],
        help_text=format_lazy("{} {}", _("Numbers separated by spaces, from:"), ", ".join(hotlines.OFFICIAL_LINES)),
    )
    bait_kind = models.CharField(
        _("picture of the bait"),
        max_length=10,
        choices=BaitKind.choices,
        blank=True,
        help_text=_("Leave empty to draw the first phrases as the type's first contact channel would show them."),
    )
    bait_sender = models.CharField(
        _("bait sender"),
        max_length=80,
        blank=True,
        help_text=_(
            "What the resident's phone shows: an official number that fraudsters fake (95588, 10086, +110), "
            "or a made-up number or address such as 1069 0000 0000 or http://bank-verify.example; "
            "never another real one."
        ),
    )
    bait_name_zh = models.CharField(labelled(_("name shown on the bait"), ZH), max_length=80, blank=True)
    bait_name_en = models.CharField(labelled(_("name shown on the bait"), EN), max_length=80, blank=True)
    bait_lines_zh = models.TextField(labelled(_("bait messages"), ZH), blank=True, help_text=ONE_PER_LINE)
    bait_lines_en = models.TextField(labelled(_("bait messages"), EN), blank=True, help_text=ONE_PER_LINE)
    bait_fields_zh = models.TextField(labelled(_("bait form fields"), ZH), blank=True, help_text=ONE_PER_LINE)
    bait_fields_en = models.TextField(labelled(_("bait form fields"), EN), blank=True, help_text=ONE_PER_LINE)
    bait_flags_zh = models.TextField(labelled(_("red flags in the bait"), ZH), blank=True, help_text=ONE_PER_LINE)
    bait_flags_en = models.TextField(labelled(_("red flags in the bait"), EN), blank=True, help_text=ONE_PER_LINE)

    # Digest of the bundled content as last loaded by load_catalogue; lets a
    # later load tell an administrator's edit from an untouched row.
    loaded_digest = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    # Generated from the _zh columns on every save (fraudwatch.core.bilingual.StoredTraditional).
    traditional = models.JSONField(default=dict, blank=True, editable=False)

    history = TranslatedHistoricalRecords(m2m_fields=[tags], excluded_fields=["traditional"])

    objects = ScamTypeQuerySet.as_manager()

    class Meta:
        verbose_name = _("scam type")
        verbose_name_plural = _("scam types")
        ordering = ["category__position", "category__code", "slug"]
        constraints = [
            models.CheckConstraint(name="scamtype_harm_1_to_5", condition=Q(harm__gte=1, harm__lte=5)),
            models.CheckConstraint(
                name="scamtype_published_has_both_languages",
                condition=Q(published=False)
                | Q(*(~Q(**{f"{field}_{suffix}": ""}) for field in REQUIRED_TEXT_FIELDS for suffix in ("zh", "en"))),
            ),
        ]

    def __str__(self):
        return self.name_zh or self.slug

    def get_absolute_url(self):
        return reverse("scams:detail", args=[self.slug])

    def official_line_list(self):
        return hotlines.lines_for(self.official_lines)

    def missing_translations(self):
        """Required fields left empty in either language, as (field, suffix) pairs."""
        return [
            (field, suffix)
            for field in REQUIRED_TEXT_FIELDS
            for suffix in ("zh", "en")
            if not getattr(self, f"{field}_{suffix}").strip()
        ]

    def clean(self):
        if self.published and self.missing_translations():
            raise ValidationError(
                {
                    f"{field}_{suffix}": _("A published scam type needs this text in both languages.")
                    for field, suffix in self.missing_translations()
                }
            )


class CaseStory(StoredTraditional, models.Model):
    scam_type = models.ForeignKey(ScamType, verbose_name=_("scam type"), on_delete=models.CASCADE, related_name="cases")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    body_zh = models.TextField(_("story (Chinese)"))
    body_en = models.TextField(_("story (English)"), blank=True)

    # Generated from the _zh columns on every save (fraudwatch.core.bilingual.StoredTraditional).
    traditional = models.JSONField(default=dict, blank=True, editable=False)

    history = TranslatedHistoricalRecords(excluded_fields=["traditional"])

    class Meta:
        verbose_name = _("case story")
        verbose_name_plural = _("case stories")
        ordering = ["scam_type", "position", "pk"]

    def __str__(self):
        return self.title_zh


class Synonym(BilingualModel, models.Model):
    """Words residents use for the same thing ("警察", "民警", "公安"): a search for one
    also looks for the others. The bundled groups come with the catalogue
    (scams/catalogue/_vocabulary.toml); administrators may add their own."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    terms_zh = models.TextField(_("terms (Chinese)"), blank=True, help_text=ONE_PER_LINE)
    terms_en = models.TextField(_("terms (English)"), blank=True, help_text=ONE_PER_LINE)
    loaded_digest = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonym groups")
        ordering = ["code"]

    def __str__(self):
        return " / ".join(filter(None, [", ".join(self.terms("zh")), ", ".join(self.terms("en"))])) or self.code

    def terms(self, suffix):
        return [line.strip() for line in getattr(self, f"terms_{suffix}").splitlines() if line.strip()]
