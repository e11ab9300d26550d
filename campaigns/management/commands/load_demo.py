from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from campaigns import demo


class Command(BaseCommand):
    help = (
        "Load the demo county (invented units, demo users with a published password, a campaign and "
        "about 200 activities). Does nothing if it is already loaded. For local demos only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--activities", type=int, default=200)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help="Load even with DEBUG off. The demo users' password is public: never on a real server.",
        )

    def handle(self, *args, activities, seed, allow_without_debug, **options):
        if not settings.DEBUG and not allow_without_debug:
            raise CommandError(
                "Refusing to create demo users with a published password while DEBUG is off. "
                "Use --allow-without-debug if this really is a throw-away installation."
            )
        if not demo.load(seed=seed, activities=activities):
            self.stdout.write("Demo county already loaded; nothing added.")
            return
        self.stdout.write(f"Demo county loaded: {len(demo.UNITS)} units, {activities} activities.")
        self.stdout.write(f"Demo sign-ins (password {demo.DEMO_PASSWORD}):")
        for username, role, unit in demo.USERS:
            self.stdout.write(f"  {username:15} {role or 'administrator'}{' on ' + unit if unit else ''}")
