from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from fraudwatch import pagecache

from .models import CaseStory, Category, ScamType, Tag


class RefreshesPublicPages:
    """Admin changes to what residents see drop the cached public pages."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        pagecache.invalidate()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        pagecache.invalidate()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        pagecache.invalidate()


@admin.register(Category)
class CategoryAdmin(RefreshesPublicPages, admin.ModelAdmin):
    list_display = ["code", "name_zh", "name_en", "parent", "position"]
    list_filter = ["parent"]
    search_fields = ["code", "name_zh", "name_en"]


@admin.register(Tag)
class TagAdmin(RefreshesPublicPages, admin.ModelAdmin):
    list_display = ["code", "kind", "name_zh", "name_en", "position"]
    list_filter = ["kind"]
    search_fields = ["code", "name_zh", "name_en"]


class CaseStoryInline(admin.StackedInline):
    model = CaseStory
    extra = 0


@admin.register(ScamType)
class ScamTypeAdmin(RefreshesPublicPages, SimpleHistoryAdmin):
    list_display = ["name_zh", "name_en", "slug", "category", "published", "featured", "last_reviewed"]
    list_filter = ["published", "featured", "category__parent", "category", "tags"]
    search_fields = ["slug", "name_zh", "name_en", "aliases_zh", "aliases_en", "summary_zh", "summary_en"]
    list_select_related = ["category"]
    filter_horizontal = ["tags", "related"]
    inlines = [CaseStoryInline]
    fieldsets = [
        (None, {"fields": ["slug", "category", "tags", "related", "published", "featured", "last_reviewed"]}),
        (
            _("Chinese"),
            {
                "fields": [
                    "name_zh",
                    "aliases_zh",
                    "impersonates_zh",
                    "summary_zh",
                    "steps_zh",
                    "phrases_zh",
                    "warning_signs_zh",
                    "protect_zh",
                    "if_targeted_zh",
                    "if_paid_zh",
                ]
            },
        ),
        (
            _("English"),
            {
                "fields": [
                    "name_en",
                    "aliases_en",
                    "impersonates_en",
                    "summary_en",
                    "steps_en",
                    "phrases_en",
                    "warning_signs_en",
                    "protect_en",
                    "if_targeted_en",
                    "if_paid_en",
                ]
            },
        ),
    ]
