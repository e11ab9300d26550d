"""Awareness material staff share with everyone: posters, letters, scripts, slides.

Staff upload material under their unit, a reviewer who did not upload it publishes it,
administrators may feature it. Material bundled with the site (`load_materials`) has no
unit and no uploader and is published as it is loaded."""

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.choices import ActivityType, AudienceGroup, CodedChoice
from campaigns.org.models import OrgUnit
from campaigns.workflow.models import Reviewed, ReviewStep, Step
from fraudwatch.core import daily, pagecache
from fraudwatch.core.bilingual import PRIMARY_LANGUAGE, BilingualModel, text_in
from fraudwatch.core.history import TranslatedHistoricalRecords
from scams.models import ScamType


class MaterialKind(CodedChoice):
    """Poster, leaflet, letter to parents …: a list administrators can extend."""

    class Meta(CodedChoice.Meta):
        verbose_name = _("material kind")
        verbose_name_plural = _("material kinds")


class MaterialQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Material.Status.PUBLISHED)

    def visible_to(self, roles):
        return self.filter(roles.visible())


class Material(Reviewed, BilingualModel, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        PUBLISHED = "published", _("published")
        RETURNED = "returned", _("returned")

    EDITABLE = (Status.DRAFT, Status.RETURNED)
    EITHER_LANGUAGE = True  # material may come in one language only: a page shows the other
    # The review workflow (campaigns.workflow). Returning published material withdraws it.
    STEPS = {
        "submit": Step((Status.DRAFT, Status.RETURNED), Status.SUBMITTED, event="submitted"),
        "publish": Step((Status.SUBMITTED,), Status.PUBLISHED, four_eyes=True, review=True, event="published"),
        "return": Step(
            (Status.SUBMITTED, Status.PUBLISHED), Status.RETURNED, reason=True, review=True, event="returned"
        ),
    }
    FOUR_EYES_REFUSAL = _("You cannot publish material you uploaded.")
    STALE_REFUSAL = _("This material has changed since you opened it. Reload the page and try again.")

    kind = models.ForeignKey(MaterialKind, verbose_name=_("kind"), on_delete=models.PROTECT, related_name="materials")
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title_zh = models.CharField(_("title (Chinese)"), max_length=120, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=120, blank=True)
    description_zh = models.TextField(_("description (Chinese)"), max_length=2000, blank=True)
    description_en = models.TextField(_("description (English)"), max_length=2000, blank=True)
    scam_types = models.ManyToManyField(ScamType, verbose_name=_("scam types"), blank=True, related_name="materials")
    audiences = models.ManyToManyField(AudienceGroup, verbose_name=_("audiences"), blank=True, related_name="+")
    activity_types = models.ManyToManyField(
        ActivityType, verbose_name=_("activity types"), blank=True, related_name="+"
    )
    # Empty for the material bundled with the site.
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("publishing unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    poster = models.FileField(
        _("poster image"),
        upload_to="material-posters/",
        blank=True,
        help_text=_("For a video: a PNG or JPEG image shown as its preview."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    featured = models.BooleanField(_("featured"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    history = TranslatedHistoricalRecords()

    objects = MaterialQuerySet.as_manager()

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["-featured", "kind__position", "slug"]
        constraints = [
            models.CheckConstraint(
                name="material_titled_in_at_least_one_language", condition=~Q(title_zh="") | ~Q(title_en="")
            ),
            # Only bundled material (nobody uploaded it) goes without a unit.
            models.CheckConstraint(
                name="material_uploaded_under_a_unit", condition=Q(unit__isnull=False) | Q(created_by__isnull=True)
            ),
        ]

    def __str__(self):
        return str(text_in(self, "title", PRIMARY_LANGUAGE))

    def get_absolute_url(self):
        return reverse("materials:detail", args=[self.slug])

    def get_staff_url(self):
        return reverse("campaigns:material-detail", args=[self.pk])

    @property
    def is_bundled(self):
        return self.unit_id is None

    @property
    def is_editable(self):
        return self.status in self.EDITABLE

    def only_language(self):
        """ "zh" or "en" when the material is written in one language only, else ""."""
        if not self.title_en:
            return "zh"
        if not self.title_zh:
            return "en"
        return ""

    def author_ids(self):
        """Whoever uploaded it (bundled material has nobody)."""
        return {self.created_by_id} - {None}

    def may_be_published_by(self, user):
        """Waiting for review, and four eyes: nobody publishes material they uploaded.
        The one rule views and templates ask."""
        return self.may_take("publish") and self.may_be_approved_by(user)

    def submit(self, by):
        self.take_step("submit", by)

    def publish(self, by):
        self.take_step("publish", by)

    def return_to_author(self, by, reason):
        self.take_step("return", by, reason)

    def set_featured(self, featured):
        Material.objects.filter(pk=self.pk).update(featured=featured)
        transaction.on_commit(pagecache.invalidate)
        self.refresh_from_db()

    def step_taken(self, old_status):
        if self.Status.PUBLISHED in (old_status, self.status):
            transaction.on_commit(pagecache.invalidate)


class MaterialStep(ReviewStep):
    """One step of a material's review, for its history (campaigns.workflow)."""

    subject = models.ForeignKey(
        Material, verbose_name=_("material"), on_delete=models.CASCADE, related_name="review_steps"
    )

    class Meta(ReviewStep.Meta):
        verbose_name = _("material review step")
        verbose_name_plural = _("material review steps")


def material_file_path(instance, filename):
    return f"materials/{timezone.now():%Y/%m}/{filename}"


class MaterialFile(models.Model):
    class Language(models.TextChoices):
        BOTH = "", _("both languages")
        CHINESE = "zh", _("Chinese")
        ENGLISH = "en", _("English")

    material = models.ForeignKey(Material, verbose_name=_("material"), on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to=material_file_path, max_length=200)
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    language = models.CharField(_("language"), max_length=5, choices=Language.choices, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("material file")
        verbose_name_plural = _("material files")
        ordering = ["material", "position", "pk"]

    def __str__(self):
        return self.name

    def get_download_url(self):
        return reverse("materials:download", args=[self.material.slug, self.pk])


class MaterialDownload(models.Model):
    """How often a material was downloaded on a day: a count, nothing about who."""

    material = models.ForeignKey(
        Material, on_delete=models.CASCADE, related_name="downloads", verbose_name=_("material")
    )
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("material download")
        verbose_name_plural = _("material downloads")
        ordering = ["-day", "material"]
        constraints = [models.UniqueConstraint(fields=["material", "day"], name="material_download_once_a_day")]

    def __str__(self):
        return f"{self.material} {self.day}: {self.count}"

    @classmethod
    def record(cls, material, day=None):
        daily.add_one(cls, day or timezone.localdate(), material=material)
