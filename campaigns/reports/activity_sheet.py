"""The XLSX's activities sheet: one row per activity, streamed from the database, at most
MAX_LISTED_ACTIVITIES of them (exports._Workbook writes the sheet)."""

from itertools import groupby
from types import SimpleNamespace

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from campaigns.models import Activity, ActivityType, Figure, OrgUnit
from fraudwatch.core.bilingual import Localized

# The activities sheet lists at most this many. A spreadsheet row per activity suits a
# county's quarter (about a thousand); a national year has hundreds of thousands, takes
# minutes to write and is no list anyone reads: its figures are the other sheets.
MAX_LISTED_ACTIVITIES = 10_000


def write(book, report, codes, names):
    """One row per activity (the first MAX_LISTED_ACTIVITIES by id), with the names of its unit
    and the units above it, from the report's unit down, in columns (levels above it would
    repeat one name on every row of a printed page), streamed from two database iterators
    walked side by side (activities and their figures, both by id). Columns are narrow, so
    that the list printed to the page's width stays readable."""
    top = report.filters.unit
    units = OrgUnit.objects.filter(path__startswith=top.path) if top else OrgUnit.objects.all()
    first = top.depth if top else 1
    depth = units.order_by("-depth").values_list("depth", flat=True).first() or first
    levels = range(first, depth + 1)
    sheet = book.sheet(
        _("Activities"),
        [_("Id"), _("Date"), _("Title"), _("Activity type"), _("Status")]
        + [_("Level %(n)d") % {"n": level} for level in levels]
        + names,
        [8, 11, 36, 16, 9] + [18] * len(levels) + [10] * len(names),
    )
    language = get_language()
    unit_names = {
        path: unit_name(name_zh, name_en, language)
        for path, name_zh, name_en in units.values_list("path", "name_zh", "name_en").iterator(chunk_size=2000)
    }
    type_names = {kind.pk: str(kind.t.name) for kind in ActivityType.objects.all()}
    statuses = {status.value: str(status.label) for status in Activity.Status}
    step = OrgUnit.steplen
    blank_levels = [""] * len(levels)
    listed = (
        Activity.objects.using(settings.REPORTS_DATABASE)
        .filter(report.filters.condition())
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    cut = report.total.activities > MAX_LISTED_ACTIVITIES
    last = listed[MAX_LISTED_ACTIVITIES - 1] if cut else None
    activities = (
        Activity.objects.using(settings.REPORTS_DATABASE)
        .filter(report.filters.condition(), **({"pk__lte": last} if cut else {}))
        .order_by("pk")
        .values_list("pk", "date", "title", "activity_type", "status", "unit__path")
        .iterator(chunk_size=2000)
    )
    figures = groupby(
        Figure.objects.using(settings.REPORTS_DATABASE)
        .filter(report.filters.condition("activity__"), **({"activity_id__lte": last} if cut else {}))
        .order_by("activity_id")
        .values_list("activity_id", "indicator__code", "value")
        .iterator(chunk_size=5000),
        key=lambda item: item[0],
    )
    pending = next(figures, None)
    for pk, date, title, type_pk, status, path in activities:
        values = {}
        while pending is not None and pending[0] <= pk:
            if pending[0] == pk:
                values = {code: value for _, code, value in pending[1]}
            pending = next(figures, None)
        ancestry = [unit_names.get(path[:end], "") for end in range(step * first, len(path) + 1, step)]
        ancestry += blank_levels[len(ancestry) :]
        sheet.row(
            [pk, date, title, type_names.get(type_pk, ""), statuses.get(status, status), *ancestry]
            + [values.get(code) for code in codes],
            plain=(0,),
        )
    if cut:
        sheet.row([])
        sheet.row(
            [
                _(
                    "Only the first %(listed)s of the %(counted)s activities counted are listed. "
                    "Choose a unit or a shorter period to list them all."
                )
                % {"listed": f"{MAX_LISTED_ACTIVITIES:,}", "counted": f"{report.total.activities:,}"}
            ]
        )


def unit_name(name_zh, name_en, language):
    """unit.t.name in `language` from a unit's two name columns: the whole tree's sheets
    name ten thousand units, and a model instance for each costs more than its row."""
    return str(Localized(SimpleNamespace(name_zh=name_zh, name_en=name_en), language).name)
