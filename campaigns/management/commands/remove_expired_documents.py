from django.core.management.base import BaseCommand

from campaigns.reports import prepared


class Command(BaseCommand):
    help = (
        "Remove prepared report files (and their records) whose 24 hours are over. Run it hourly or "
        "daily, e.g. from cron; an owner who opens an expired document's page removes it too."
    )

    def handle(self, *args, **options):
        removed = prepared.remove_expired()
        self.stdout.write(f"{removed} expired prepared document(s) removed.")
