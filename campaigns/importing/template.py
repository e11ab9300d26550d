"""The import template: the header and an example row, as CSV and as XLSX."""

import csv
import io

import openpyxl
from django.utils import timezone
from openpyxl.styles import Font

from campaigns.models import ActivityType, AudienceGroup, Indicator
from scams.models import ScamType

from .check import COLUMNS, codes


def template_csv() -> bytes:
    """The header and one example row, as UTF-8 with a BOM so that Excel opens it correctly."""
    header, example = _template_rows()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerow("" if value is None else value for value in example)
    return buffer.getvalue().encode("utf-8-sig")


def template_xlsx() -> bytes:
    """The same header and example on the first sheet; a second sheet lists the valid codes."""
    header, example = _template_rows()
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "activities"
    sheet.append(header)
    sheet.append(example)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        sheet.column_dimensions[cell.column_letter].width = max(12, len(cell.value) + 2)
    sheet.column_dimensions["E"].width = 36  # title
    sheet.freeze_panes = "A2"

    codes = workbook.create_sheet("codes")
    codes.append(["column", "code", "name_zh", "name_en", "unit_zh", "unit_en"])
    for cell in codes[1]:
        cell.font = Font(bold=True)
    for kind in ActivityType.objects.filter(active=True):
        codes.append(["activity_type", kind.code, kind.name_zh, kind.name_en])
    for audience in AudienceGroup.objects.filter(active=True):
        codes.append(["audiences", audience.code, audience.name_zh, audience.name_en])
    for scam in ScamType.objects.published().order_by("slug"):
        codes.append(["scam_types", scam.slug, scam.name_zh, scam.name_en])
    for indicator in Indicator.objects.typed():
        codes.append(
            [indicator.code, indicator.code, indicator.name_zh, indicator.name_en, indicator.unit_zh, indicator.unit_en]
        )
    for letter, width in zip("ABCDEF", (16, 28, 24, 32, 10, 16), strict=True):
        codes.column_dimensions[letter].width = width

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# An example a unit can overwrite: a class meeting at a school. Codes the database
# lacks (an administrator may have retired them) are left out.
EXAMPLE = {
    "end_date": "",
    "org_unit": "your-unit-code",
    "activity_type": "class_meeting",
    "title": "“防范电信网络诈骗”主题班会",
    "campaign": "",
    "location": "初二（3）班教室",
    "audiences": "students;teachers",
    "scam_types": "order-brushing;game-trading",
    "notes": "",
    "ref": "001",
}
# Example counts for that class meeting, like its title above: the header itself lists
# every active indicator from the database, and one without an example (any an
# administrator added) gets an empty cell, which the import reads as "not counted".
EXAMPLE_FIGURES = {"participants": 48, "materials": 48, "commitments": 45, "receipts": 45, "sessions": 1}


def _template_rows():
    indicators = list(Indicator.objects.typed().values_list("code", flat=True))
    types = list(ActivityType.objects.filter(active=True).values_list("code", flat=True))
    audiences = set(AudienceGroup.objects.filter(active=True).values_list("code", flat=True))
    scams = set(ScamType.objects.values_list("slug", flat=True))
    example = dict(EXAMPLE, date=timezone.localdate())
    if example["activity_type"] not in types:
        example["activity_type"] = types[0] if types else ""
    example["audiences"] = ";".join(code for code in codes(example["audiences"]) if code in audiences)
    example["scam_types"] = ";".join(slug for slug in codes(example["scam_types"]) if slug in scams)
    header = COLUMNS + indicators
    values = [example[name] for name in COLUMNS] + [EXAMPLE_FIGURES.get(code) for code in indicators]
    return header, values
