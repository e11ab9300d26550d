from django.contrib import admin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from .models import Membership, OrgUnit, UnitKind


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
    list_display = ["code", "name_zh", "name_en", "kind", "active"]
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
