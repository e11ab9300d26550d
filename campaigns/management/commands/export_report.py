import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from campaigns.models import Campaign, OrgUnit
from campaigns.reports import exports, summary
from campaigns.reports.assembly import gather


def iso_date(text):
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{text!r} is not a date in the form YYYY-MM-DD") from None


class Command(BaseCommand):
    help = "Write the summary report for a period to a CSV, XLSX, PDF or DOCX file."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", required=True, type=iso_date)
        parser.add_argument("--to", dest="end", required=True, type=iso_date)
        parser.add_argument("--org", help="unit code; the report covers its whole subtree (default: everything)")
        parser.add_argument("--campaign", help="campaign name, in Chinese or English")
        parser.add_argument("--include-submitted", action="store_true")
        parser.add_argument("--lang", choices=["zh-hans", "zh-hant", "en"], default="zh-hans")
        parser.add_argument("--format", required=True, choices=sorted(exports.CONTENT_TYPES))
        parser.add_argument("--output", required=True, type=Path)

    def handle(self, *args, start, end, org, campaign, include_submitted, lang, format, output, **options):
        if end < start:
            raise CommandError("--to is before --from")
        unit = None
        if org:
            unit = OrgUnit.objects.filter(code=org).first()
            if unit is None:
                raise CommandError(f"No organisation unit with code {org!r}.")
        chosen_campaign = None
        if campaign:
            chosen_campaign = (
                Campaign.objects.filter(name_zh=campaign).first() or Campaign.objects.filter(name_en=campaign).first()
            )
            if chosen_campaign is None:
                raise CommandError(f"No campaign named {campaign!r}.")
        filters = summary.ReportFilters(
            start=start, end=end, unit=unit, campaign=chosen_campaign, include_submitted=include_submitted
        )
        with translation.override(lang):
            context = gather(filters, None, format)
            report = context["report"]
            try:
                with output.open("wb") as stream:
                    exports.write(report, format, stream, language=lang, context=context)
            except OSError as error:
                raise CommandError(f"Cannot write {output}: {error.strerror}") from None
        self.stdout.write(f"Wrote {output} ({report.total.activities} activities counted).")
