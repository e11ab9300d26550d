from django.core.management.base import BaseCommand, CommandError

from campaigns import notifications


class Command(BaseCommand):
    help = (
        "Tell the reviewers of each unit about activities that have waited for review more than "
        "--days days (once per submission). Run it daily, e.g. from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=3, help="How many days is too long (default 3).")

    def handle(self, *args, days, **options):
        if days < 0:
            raise CommandError("--days cannot be negative.")
        made = notifications.remind_reviewers(days)
        self.stdout.write(f"{made} reviewer notification(s) made for activities waiting more than {days} day(s).")
