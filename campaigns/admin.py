from django.contrib import admin
from django.db import transaction
from simple_history.admin import SimpleHistoryAdmin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from fraudwatch.core import pagecache

from .materials import thumbs
from .models import (
    Activity,
    ActivityEvent,
    ActivityType,
    AudienceGroup,
    Campaign,
    CampaignTarget,
    CaseStat,
    Indicator,
    Kit,
    KitCode,
    KitScan,
    Material,
    MaterialDownload,
    MaterialFile,
    MaterialKind,
    Membership,
    OrgUnit,
    UnitKind,
    counted_changed,
)


@admin.register(ActivityType, AudienceGroup, MaterialKind)
class CodedChoiceAdmin(admin.ModelAdmin):
    list_display = ["code", "name_zh", "name_en", "position", "active"]
    list_filter = ["active"]
    search_fields = ["code", "name_zh", "name_en"]


@admin.register(Indicator)
class IndicatorAdmin(CodedChoiceAdmin):
    """Indicators feed every report and export and, when public, the home page: a change
    retires the cached report bodies and public pages that show them."""

    list_display = ["code", "name_zh", "name_en", "unit_zh", "unit_en", "position", "active", "public"]
    list_filter = ["active", "public"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        _indicators_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        _indicators_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        _indicators_changed()


def _indicators_changed():
    transaction.on_commit(counted_changed)
    transaction.on_commit(pagecache.invalidate)


class CampaignTargetInline(admin.TabularInline):
    model = CampaignTarget
    extra = 1


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name_zh", "name_en", "start", "end", "lead_unit"]
    search_fields = ["name_zh", "name_en", "slogan_zh"]
    autocomplete_fields = ["lead_unit"]
    filter_horizontal = ["scam_types"]
    inlines = [CampaignTargetInline]


class ActivityEventInline(admin.TabularInline):
    model = ActivityEvent
    extra = 0
    can_delete = False
    readonly_fields = ["at", "actor", "action", "changes", "reason"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    """Read-mostly: activities are logged and reviewed on the staff pages, where the
    workflow and the history are enforced."""

    list_display = ["title", "unit", "activity_type", "date", "status"]
    list_filter = ["status", "activity_type", "campaign"]
    search_fields = ["title", "unit__code", "unit__name_zh", "ref"]
    list_select_related = ["unit", "activity_type"]
    date_hierarchy = "date"
    inlines = [ActivityEventInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # Approved figures feed the reports and their history: nothing is deleted here.
        return False


@admin.register(UnitKind)
class UnitKindAdmin(admin.ModelAdmin):
    list_display = ["code", "name_zh", "name_en", "position"]
    search_fields = ["code", "name_zh", "name_en"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(OrgUnit)
class OrgUnitAdmin(TreeAdmin):
    form = movenodeform_factory(OrgUnit)
    list_display = ["code", "name_zh", "name_en", "kind", "population", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["code", "name_zh", "name_en"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "unit", "role", "granted_at"]
    list_filter = ["role"]
    search_fields = ["user__username", "unit__code", "unit__name_zh"]
    autocomplete_fields = ["user", "unit"]
    list_select_related = ["user", "unit"]


@admin.register(CaseStat)
class CaseStatAdmin(admin.ModelAdmin):
    """Read-only: case figures come in through the import, which checks and replaces them."""

    list_display = ["month", "unit", "scam_type", "cases", "losses", "imported_by", "imported_at"]
    list_filter = ["month"]
    search_fields = ["unit__code", "unit__name_zh", "scam_type__slug"]
    list_select_related = ["unit", "scam_type", "imported_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class MaterialFileInline(admin.TabularInline):
    model = MaterialFile
    fields = ["name", "content_type", "size", "language", "position"]
    readonly_fields = ["name", "content_type", "size"]
    extra = 0
    can_delete = True


@admin.register(Material)
class MaterialAdmin(SimpleHistoryAdmin):
    """Texts, tags and the featured flag; files are uploaded (and checked) on the staff pages.
    A change here retires the cached public pages."""

    list_display = ["slug", "title_zh", "title_en", "kind", "unit", "status", "featured"]
    list_filter = ["status", "featured", "kind"]
    search_fields = ["slug", "title_zh", "title_en"]
    readonly_fields = ["status", "created_by", "created_at", "reviewed_by", "reviewed_at", "unit", "version"]
    filter_horizontal = ["scam_types", "audiences", "activity_types"]
    inlines = [MaterialFileInline]

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1  # a review step from a page opened before this change is refused
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        thumbs.forget(form.instance)  # a new poster or other files: made again on the next view
        transaction.on_commit(pagecache.invalidate)


@admin.register(MaterialDownload)
class MaterialDownloadAdmin(admin.ModelAdmin):
    list_display = ["material", "day", "count"]
    list_filter = ["day"]
    readonly_fields = ["material", "day", "count"]

    def has_add_permission(self, request):
        return False


class KitCodeInline(admin.TabularInline):
    model = KitCode
    fields = ["unit", "code", "created_at"]
    readonly_fields = ["unit", "code", "created_at"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # codes are made when a unit's kit is first printed


@admin.register(Kit)
class KitAdmin(admin.ModelAdmin):
    """A kit's contents (its reviewers choose them on the campaign's page too) and its units'
    codes. A change here retires the cached public pages."""

    list_display = ["campaign"]
    search_fields = ["campaign__name_zh", "campaign__name_en"]
    filter_horizontal = ["materials", "scam_types"]
    inlines = [KitCodeInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        transaction.on_commit(pagecache.invalidate)


@admin.register(KitScan)
class KitScanAdmin(admin.ModelAdmin):
    """Counted scans per unit code and day: read-only, as they were measured."""

    list_display = ["code", "day", "count"]
    list_filter = ["day"]
    readonly_fields = ["code", "day", "count"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
