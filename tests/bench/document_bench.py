"""The documents' part of `make bench` (report_bench.py calls `main` after the reports):
the time of each report file for a county and for the whole tree, the kit for a county,
and the public booklet cold and warm, each also as a multiple of a one-page PDF laid
out in the same run (the yardstick: read ratios before seconds on a shared machine).
Whether a report file comes in the request or from the task queue is decided by
campaigns.reports.prepared.is_large, shown in the "path" column; the queued ones are
timed as the worker builds them (prepared.build, file stored and all)."""

import datetime
import os
import statistics
import tempfile
import time

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone, translation

from campaigns.demo import KIT_MATERIAL
from campaigns.kits import printing as kit_printing
from campaigns.kits.links import short_url
from campaigns.models import Campaign, Kit, Material, OrgUnit, PreparedDocument
from campaigns.reports import exports, prepared, summary
from campaigns.reports.assembly import gather
from scams import printing as scam_printing

REPEAT = int(os.environ.get("BENCH_DOCUMENT_REPEAT", 3))
LANGUAGE = "zh-hans"
SITE = "https://fraud.example.gov.cn"
FORMATS = ("xlsx", "docx", "pdf")
# The limits for a county on this machine; no request waits for a queued file.
LIMITS = {"docx": 3.0, "pdf": 4.0, "kit": 4.0}
# The whole tree's files are queued, but the worker still has a limit for the XLSX,
# timed from its queued row to its stored file.
WHOLE_TREE_LIMITS = {"xlsx": 3.0}


def timed(function, *args):
    samples = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        function(*args)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def yardstick():
    """A one-page tagged PDF: what any PDF costs on this machine."""
    scam_printing.tagged_pdf('<html lang="en"><head><title>One page</title></head><body><p>One page.</p></body></html>')


def immediate(filters, file_format):
    """What the export view does in the request: gather, then write the file."""
    with translation.override(LANGUAGE), tempfile.TemporaryFile() as spool:
        context = gather(filters, Campaign.objects.all(), file_format)
        exports.write(context["report"], file_format, spool, language=LANGUAGE, context=context)


def queued(filters, file_format, owner):
    """What the worker does for a prepared document, from its row to its stored file."""
    query = prepared.queued_query({"org": filters.unit.code if filters.unit else ""}, filters.start, filters.end)
    now = timezone.now()
    document = PreparedDocument.objects.create(
        owner=owner,
        parameters={"query": query, "format": file_format},
        language=LANGUAGE,
        created_at=now,
        expires_at=now + datetime.timedelta(hours=24),
    )
    status = prepared.build(document.pk)
    document.refresh_from_db()
    if status != PreparedDocument.Status.READY:
        raise RuntimeError(f"the prepared {file_format} failed: {document.error}")
    document.remove()


def bench_owner():
    """An administrator of the bench database, who may report on the whole tree."""
    user, _created = get_user_model().objects.get_or_create(
        username="bench-administrator", defaults={"is_superuser": True, "is_staff": True}
    )
    return user


def county_kit(county):
    """The demo county's kit (its letters, posters, broadcast script, slogans and slides) in a
    campaign led by the bench's county, with the county's code: (kit, its QR code's address)."""
    call_command("load_materials", verbosity=0)
    today = timezone.localdate()
    campaign, _created = Campaign.objects.get_or_create(
        name_zh="基准测试宣传活动",
        defaults={"name_en": "Bench campaign", "start": today, "end": today, "lead_unit": county},
    )
    kit, _created = Kit.objects.get_or_create(campaign=campaign)
    kit.materials.set(Material.objects.published().filter(slug__in=KIT_MATERIAL))
    return kit, short_url(SITE, kit.code_for(county))


def cases():
    today = timezone.localdate()
    quarter_end = today.replace(day=1) - datetime.timedelta(days=1)
    quarter_start = (quarter_end - datetime.timedelta(days=80)).replace(day=1)
    year = (today - datetime.timedelta(days=364), today)
    county = OrgUnit.objects.filter(code__startswith="syn", depth=3).order_by("path").first()
    return county, [
        (
            f"county {county.code}, one quarter",
            summary.ReportFilters(start=quarter_start, end=quarter_end, unit=county),
        ),
        (f"county {county.code}, one year", summary.ReportFilters(start=year[0], end=year[1], unit=county)),
        ("whole tree, one year", summary.ReportFilters(start=year[0], end=year[1])),
    ]


def main():
    county, report_cases = cases()
    owner = bench_owner()
    base = timed(yardstick)
    print(f"\ndocuments (median of {REPEAT}; yardstick: a one-page PDF, {base * 1000:.0f} ms)")
    print(f"{'case':44} {'file':>6} {'path':>10} {'time':>9} {'x yardstick':>12}", flush=True)
    targets = []

    def line(name, kind, path, seconds):
        print(f"{name:44} {kind:>6} {path:>10} {seconds:8.2f}s {seconds / base:11.0f}x", flush=True)
        limit = LIMITS.get(kind)
        if path == "immediate" and limit is not None and name.startswith("county"):
            targets.append((f"{name}: {kind.upper()} <= {limit:.0f} s", f"{seconds:.2f} s", seconds <= limit))
        limit = WHOLE_TREE_LIMITS.get(kind)
        if name.startswith("whole tree") and limit is not None:
            targets.append((f"{name}: {kind.upper()} <= {limit:.0f} s ({path})", f"{seconds:.2f} s", seconds <= limit))

    for name, filters in report_cases:
        large = prepared.is_large(filters)
        for file_format in FORMATS:
            if large:
                line(name, file_format, "queued", timed(queued, filters, file_format, owner))
            else:
                line(name, file_format, "immediate", timed(immediate, filters, file_format))

    kit, url = county_kit(county)
    line(
        f"county {county.code}, its campaign kit",
        "kit",
        "immediate",
        timed(kit_printing.build, kit, county, LANGUAGE, url),
    )

    request = RequestFactory().get("/zh-hans/booklet.pdf", HTTP_HOST="localhost")
    with translation.override(LANGUAGE):
        cold = timed(scam_printing.booklet, request)
        scam_printing.cached("booklet", request, lambda: scam_printing.booklet(request))
        warm = timed(scam_printing.cached, "booklet", request, lambda: scam_printing.booklet(request))
    line("public booklet, cold (rendered)", "pdf", "immediate", cold)
    line("public booklet, warm (from the cache)", "pdf", "immediate", warm)
    return targets
