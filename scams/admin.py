from django.contrib import admin
from django.db import router, transaction
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from fraudwatch.core import pagecache

from .models import CaseStory, Category, Question, ScamType, SharedMessage, Synonym, Tag


class RefreshesPublicPages:
    """Every admin change to what residents see drops the cached public pages. Each way
    the admin writes (change form with its inlines, list edits, history revert, delete,
    bulk delete) goes through save_model or a delete method; the refresh waits for the
    commit so that no visitor can cache the page as it was just before it."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        transaction.on_commit(pagecache.invalidate)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        transaction.on_commit(pagecache.invalidate)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        transaction.on_commit(pagecache.invalidate)


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
    list_display = ["name_zh", "name_en", "slug", "category", "harm", "published", "featured", "last_reviewed"]
    list_filter = ["published", "featured", "category__parent", "category", "tags"]
    search_fields = ["slug", "name_zh", "name_en", "aliases_zh", "aliases_en", "summary_zh", "summary_en"]
    list_select_related = ["category"]
    filter_horizontal = ["tags", "related"]
    inlines = [CaseStoryInline]

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple-history saves a reverted version and then its tags outside any
        # transaction; make it one, as Django's own change form is, so the page refresh
        # comes after both.
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(request, object_id, version_id, extra_context)

    fieldsets = [
        (
            None,
            {
                "fields": [
                    "slug",
                    "category",
                    "tags",
                    "related",
                    "published",
                    "featured",
                    "harm",
                    "last_reviewed",
                    "recovery",
                    "official_lines",
                    "bait_kind",
                    "bait_sender",
                ]
            },
        ),
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
                    "bait_name_zh",
                    "bait_lines_zh",
                    "bait_fields_zh",
                    "bait_flags_zh",
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
                    "bait_name_en",
                    "bait_lines_en",
                    "bait_fields_en",
                    "bait_flags_en",
                ]
            },
        ),
    ]


@admin.register(Question)
class QuestionAdmin(RefreshesPublicPages, SimpleHistoryAdmin):
    """Quiz questions, edited with history as types are; a question whose answers are
    counted in reports is unticked ("asked") rather than deleted."""

    list_display = ["__str__", "question_zh", "answer", "active"]
    list_filter = ["active", "scam_type__category", "scam_type"]
    list_select_related = ["scam_type"]
    search_fields = ["key", "question_zh", "question_en", "scam_type__slug", "scam_type__name_zh"]
    fields = [
        "scam_type",
        "key",
        "position",
        "active",
        "answer",
        "question_zh",
        "choices_zh",
        "explain_zh",
        "question_en",
        "choices_en",
        "explain_en",
    ]


@admin.register(Synonym)
class SynonymAdmin(RefreshesPublicPages, admin.ModelAdmin):
    list_display = ["code", "__str__"]
    search_fields = ["code", "terms_zh", "terms_en"]
    fields = ["code", "terms_zh", "terms_en"]


@admin.register(SharedMessage)
class SharedMessageAdmin(admin.ModelAdmin):
    """The moderation list: what residents shared from the checker, newest first. Staff
    may trim a message (a name, an address the masking could not know) before accepting it."""

    list_display = ["created_at", "status", "excerpt", "risk", "matched", "language"]
    list_filter = ["status", "risk", "language", "matched"]
    list_select_related = ["matched"]
    search_fields = ["text"]
    fields = ["text", "status", "matched", "language", "created_at"]
    readonly_fields = ["language", "risk", "created_at"]
    actions = ["accept", "reject"]

    def has_add_permission(self, request):
        return False  # messages come from residents through the checker only

    @admin.display(description=_("message"))
    def excerpt(self, message):
        return message.text[:80]

    @admin.action(description=_("Accept the selected messages"), permissions=["change"])
    def accept(self, request, queryset):
        queryset.update(status=SharedMessage.Status.ACCEPTED)

    @admin.action(description=_("Reject the selected messages"), permissions=["change"])
    def reject(self, request, queryset):
        queryset.update(status=SharedMessage.Status.REJECTED)
