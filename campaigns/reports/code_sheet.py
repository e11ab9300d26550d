"""The workbook's 代码对照 sheet: every name its data sheets show, with the code an import
file takes for it. The data sheets are for people and show names only; whoever turns
their rows into an activity or case import finds here the code for each unit, activity
type, audience group, scam type and indicator, and the import column it goes in (the
columns of campaigns.importing.check and campaigns.importing.cases)."""

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from campaigns.models import ActivityType, AudienceGroup, OrgUnit
from scams.models import ScamType

from .activity_sheet import unit_name

WIDTHS = [14, 28, 24, 22, 40, 36]


def write(book, report, cases=None):
    sheet = book.sheet(
        _("Codes"),
        [_("Kind"), _("Name"), _("Code"), _("Import column"), _("Part of"), _("Note")],
        WIDTHS,
        note=_(
            "For re-importing: an activity import takes a unit's code in org_unit, an activity type's in "
            "activity_type, audience groups' in audiences and scam types' in scam_types; each indicator's "
            "code is the name of its column. A case import takes org_unit and scam_type."
        ),
    )
    unit = _("Unit")
    for code, name, part_of in _units(report.filters.unit):
        sheet.row([unit, name, code, "org_unit", part_of])
    for kind in ActivityType.objects.all():
        sheet.row([_("Activity type"), str(kind.t.name), kind.code, "activity_type", "", _in_use(kind)])
    for audience in AudienceGroup.objects.all():
        sheet.row([_("Audience group"), str(audience.t.name), audience.code, "audiences", "", _in_use(audience)])
    scam_column = "scam_types, scam_type" if cases is not None else "scam_types"
    for scam in ScamType.objects.published().order_by("slug"):
        sheet.row([_("Scam type"), str(scam.t.name), scam.slug, scam_column])
    for indicator in report.indicators:
        if indicator.computed:
            sheet.row(
                [_("Indicator"), str(indicator.t.name), indicator.code, "", "", _("Measured by the app, not imported")]
            )
        else:
            sheet.row([_("Indicator"), str(indicator.t.name), indicator.code, indicator.code])
    materials = {}  # one line for a material both material tables list
    for rows in report.materials.values():
        for row in rows:
            materials.setdefault(row.key, row.material)
    for slug, material in materials.items():
        sheet.row([_("Material"), str(material.t.title), slug])


def _units(top):
    """(code, name, the names of the units above it in the listing) for `top` and every unit
    under it, or for the whole tree: two units may share a name, never a place."""
    units = OrgUnit.objects.order_by("path")
    if top is not None:
        units = units.filter(path__startswith=top.path)
    names = {}
    step = OrgUnit.steplen
    language = get_language()
    rows = units.values_list("path", "code", "name_zh", "name_en").iterator(chunk_size=2000)
    for path, code, name_zh, name_en in rows:
        name = names[path] = unit_name(name_zh, name_en, language)
        above = [names[path[:end]] for end in range(step, len(path), step) if path[:end] in names]
        yield code, name, " / ".join(above)


def _in_use(choice):
    return "" if choice.active else _("No longer in use")
