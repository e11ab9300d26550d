from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, Value, When
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from fraudwatch.core.bilingual import BilingualModel, StoredTraditional
from fraudwatch.core.history import TranslatedHistoricalRecords

from . import hotlines

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


def _label(label, language):
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

    name_zh = models.CharField(_label(_("name"), ZH), max_length=120, blank=True)
    name_en = models.CharField(_label(_("name"), EN), max_length=120, blank=True)
    aliases_zh = models.TextField(_label(_("aliases"), ZH), blank=True, help_text=ONE_PER_LINE)
    aliases_en = models.TextField(_label(_("aliases"), EN), blank=True, help_text=ONE_PER_LINE)
    impersonates_zh = models.CharField(_label(_("who the fraudster pretends to be"), ZH), max_length=200, blank=True)
    impersonates_en = models.CharField(_label(_("who the fraudster pretends to be"), EN), max_length=200, blank=True)
    summary_zh = models.TextField(_label(_("summary"), ZH), blank=True)
    summary_en = models.TextField(_label(_("summary"), EN), blank=True)
    steps_zh = models.TextField(_label(_("how it works"), ZH), blank=True, help_text=ONE_PER_LINE)
    steps_en = models.TextField(_label(_("how it works"), EN), blank=True, help_text=ONE_PER_LINE)
    phrases_zh = models.TextField(_label(_("typical phrases"), ZH), blank=True, help_text=ONE_PER_LINE)
    phrases_en = models.TextField(_label(_("typical phrases"), EN), blank=True, help_text=ONE_PER_LINE)
    warning_signs_zh = models.TextField(_label(_("warning signs"), ZH), blank=True, help_text=ONE_PER_LINE)
    warning_signs_en = models.TextField(_label(_("warning signs"), EN), blank=True, help_text=ONE_PER_LINE)
    protect_zh = models.TextField(_label(_("how to protect yourself"), ZH), blank=True, help_text=ONE_PER_LINE)
    protect_en = models.TextField(_label(_("how to protect yourself"), EN), blank=True, help_text=ONE_PER_LINE)
    if_targeted_zh = models.TextField(_label(_("if you are being targeted"), ZH), blank=True, help_text=ONE_PER_LINE)
    if_targeted_en = models.TextField(_label(_("if you are being targeted"), EN), blank=True, help_text=ONE_PER_LINE)
    if_paid_zh = models.TextField(_label(_("if you have already paid"), ZH), blank=True, help_text=ONE_PER_LINE)
    if_paid_en = models.TextField(_label(_("if you have already paid"), EN), blank=True, help_text=ONE_PER_LINE)

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
    bait_name_zh = models.CharField(_label(_("name shown on the bait"), ZH), max_length=80, blank=True)
    bait_name_en = models.CharField(_label(_("name shown on the bait"), EN), max_length=80, blank=True)
    bait_lines_zh = models.TextField(_label(_("bait messages"), ZH), blank=True, help_text=ONE_PER_LINE)
    bait_lines_en = models.TextField(_label(_("bait messages"), EN), blank=True, help_text=ONE_PER_LINE)
    bait_fields_zh = models.TextField(_label(_("bait form fields"), ZH), blank=True, help_text=ONE_PER_LINE)
    bait_fields_en = models.TextField(_label(_("bait form fields"), EN), blank=True, help_text=ONE_PER_LINE)
    bait_flags_zh = models.TextField(_label(_("red flags in the bait"), ZH), blank=True, help_text=ONE_PER_LINE)
    bait_flags_en = models.TextField(_label(_("red flags in the bait"), EN), blank=True, help_text=ONE_PER_LINE)

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


QUESTION_KEY = RegexValidator(r"^[a-z0-9-]+\Z", _("Use lower-case letters, digits and hyphens."))


class QuestionQuerySet(models.QuerySet):
    def published(self):
        """The questions residents are asked: those of published types."""
        return self.filter(active=True, scam_type__published=True)


class Question(StoredTraditional, models.Model):
    """A multiple-choice question about one scam type: a short scenario in the victim's words,
    three or four answers of which `answer` (counted from 0) is right, and a one-line
    explanation. The choices are one per line, in the same order in both languages."""

    scam_type = models.ForeignKey(
        ScamType, verbose_name=_("scam type"), on_delete=models.CASCADE, related_name="questions"
    )
    key = models.CharField(_("key"), max_length=60, validators=[QUESTION_KEY])
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(
        _("asked"), default=True, help_text=_("Untick to stop asking it; the answers already counted stay.")
    )
    answer = models.PositiveSmallIntegerField(
        _("right answer"), help_text=_("The number of the right choice, counting the first as 0.")
    )
    question_zh = models.TextField(_label(_("question"), ZH), max_length=300)
    question_en = models.TextField(_label(_("question"), EN), max_length=400)
    choices_zh = models.TextField(_label(_("choices"), ZH), help_text=ONE_PER_LINE)
    choices_en = models.TextField(_label(_("choices"), EN), help_text=ONE_PER_LINE)
    explain_zh = models.TextField(_label(_("explanation"), ZH), max_length=300)
    explain_en = models.TextField(_label(_("explanation"), EN), max_length=400)

    loaded_digest = models.CharField(max_length=64, blank=True, editable=False)
    # Generated from the _zh columns on every save (fraudwatch.core.bilingual.StoredTraditional).
    traditional = models.JSONField(default=dict, blank=True, editable=False)

    history = TranslatedHistoricalRecords(excluded_fields=["traditional"])

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("quiz question")
        verbose_name_plural = _("quiz questions")
        ordering = ["scam_type", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["scam_type", "key"], name="question_key_unique_in_type"),
            models.CheckConstraint(name="question_answer_0_to_3", condition=Q(answer__lte=3)),
        ]

    def __str__(self):
        return f"{self.scam_type.slug}/{self.key}"

    def choice_list(self, suffix):
        return [line.strip() for line in getattr(self, f"choices_{suffix}").splitlines() if line.strip()]

    def clean(self):
        counts = {suffix: len(self.choice_list(suffix)) for suffix in ("zh", "en")}
        errors = {}
        for suffix, count in counts.items():
            if not 3 <= count <= 4:
                errors[f"choices_{suffix}"] = _("Give three or four choices, one per line.")
        if not errors and counts["zh"] != counts["en"]:
            errors["choices_en"] = _("Give as many choices in English as in Chinese, in the same order.")
        if not errors and self.answer is not None and self.answer >= counts["zh"]:
            errors["answer"] = _("The right answer must be one of the choices (0 is the first).")
        if errors:
            raise ValidationError(errors)


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


class ShareStatus(models.TextChoices):
    NEW = "new", _("new")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")


class Risk(models.TextChoices):
    """The checker's verdicts."""

    HIGH = "high", _("very likely a scam")
    MEDIUM = "medium", _("some warning signs")
    OFFICIAL = "official", _("a genuine anti-fraud warning")
    NONE = "none", _("no known scam signs")


class SharedMessage(models.Model):
    """A message a resident checked and chose to share, with personal numbers masked,
    waiting for staff to accept it as an example or reject it. Nothing about the
    sender is kept: no address, no browser, no account."""

    Status = ShareStatus

    text = models.TextField(_("message (personal numbers masked)"))
    language = models.CharField(_("page language"), max_length=10)
    matched = models.ForeignKey(
        ScamType,
        verbose_name=_("best matching scam type"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="shared_messages",
    )
    # What the checker said when the message was shared: high, medium, official or none.
    risk = models.CharField(_("checker's verdict"), max_length=10, choices=Risk.choices, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW)
    created_at = models.DateTimeField(_("shared at"), auto_now_add=True)

    class Meta:
        verbose_name = _("shared message")
        verbose_name_plural = _("shared messages")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(name="sharedmessage_status_valid", condition=Q(status__in=ShareStatus.values)),
        ]

    def __str__(self):
        return self.text[:60]

    @classmethod
    def share(cls, text, *, language, matched=None, risk=""):
        """Keep a message a resident chose to share, its personal numbers masked first, with
        what the checker said of it."""
        from .checking import mask_personal_numbers

        return cls.objects.create(text=mask_personal_numbers(text), language=language, matched=matched, risk=risk)


class Sighting(models.Model):
    """How many visitors said "I got this too" about one scam type on one day: a count
    and nothing else, not even who or from where (see scams.sightings)."""

    scam_type = models.ForeignKey(
        ScamType, verbose_name=_("scam type"), on_delete=models.CASCADE, related_name="sightings"
    )
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("sighting count")
        verbose_name_plural = _("sighting counts")
        ordering = ["-day", "scam_type"]
        constraints = [
            models.UniqueConstraint(fields=["scam_type", "day"], name="sighting_one_per_type_and_day"),
        ]

    def __str__(self):
        return f"{self.scam_type_id} {self.day}: {self.count}"
