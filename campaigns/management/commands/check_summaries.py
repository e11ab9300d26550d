from django.core.management.base import BaseCommand, CommandError

from campaigns.reports import summary_rebuild


class Command(BaseCommand):
    help = (
        "Compare the reports' summary tables with a fresh computation from the activities; print the rows "
        "that differ and exit non-zero if any does. `rebuild_summaries` repairs them."
    )

    def add_arguments(self, parser):
        parser.add_argument("--show", type=int, default=20, help="How many differing rows to print (default 20).")

    def handle(self, *args, show, **options):
        found = summary_rebuild.differences()
        if not found:
            self.stdout.write("The summary tables agree with the activities.")
            return
        for difference in found[:show]:
            self.stdout.write(str(difference))
        if len(found) > show:
            self.stdout.write(f"… and {len(found) - show} more.")
        raise CommandError(f"{len(found)} summary rows differ from the activities; run rebuild_summaries.")
