"""Write one unit's printable campaign kit as a PDF, every page with the unit's QR code."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from campaigns.kits import printing
from campaigns.kits.links import short_url, site_url
from campaigns.models import Campaign, Kit, OrgUnit


class Command(BaseCommand):
    help = "Write a unit's printable kit for a campaign, with QR codes for <DJANGO_SITE_URL>/k/<code>/."

    def add_arguments(self, parser):
        parser.add_argument("--campaign", required=True, help="the campaign's id or its name in either language")
        parser.add_argument("--unit", required=True, help="the unit's code")
        parser.add_argument("--lang", choices=list(printing.LANGUAGES), default="zh-hans")
        parser.add_argument("--output", required=True, help="the PDF file to write")

    def handle(self, *args, **options):
        site = site_url()
        if not site:
            raise CommandError("Set DJANGO_SITE_URL to the site's public address: the QR codes hold it.")
        campaign = self._campaign(options["campaign"])
        kit = Kit.objects.filter(campaign=campaign).first()
        if kit is None:
            raise CommandError(f"The campaign “{campaign}” has no kit. Choose its material on the campaign's page.")
        unit = OrgUnit.objects.filter(code=options["unit"]).first()
        if unit is None:
            raise CommandError(f"No unit has the code “{options['unit']}”.")
        if not campaign.takes_part(unit):
            raise CommandError(f"The unit “{unit}” does not take part in the campaign “{campaign}”.")
        code = kit.code_for(unit)
        url = short_url(site, code)
        output = Path(options["output"])
        output.write_bytes(printing.build(kit, unit, options["lang"], url))
        self.stdout.write(f"Wrote {output} for {unit} ({url}).")

    def _campaign(self, wanted):
        found = list(
            Campaign.objects.filter(Q(pk=int(wanted)) if wanted.isdigit() else Q(name_zh=wanted) | Q(name_en=wanted))[
                :2
            ]
        )
        if not found:
            raise CommandError(f"No campaign has the id or name “{wanted}”.")
        if len(found) > 1:
            raise CommandError(f"Several campaigns are called “{wanted}”: give its id.")
        return found[0]
