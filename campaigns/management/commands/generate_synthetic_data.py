import time

from django.core.management.base import BaseCommand, CommandError

from campaigns.reports import synthetic


class Command(BaseCommand):
    help = (
        "Generate a large synthetic data set (an invented province-to-station tree and skewed activities) "
        "for benchmarks. Uses COPY on PostgreSQL."
    )

    def add_arguments(self, parser):
        parser.add_argument("--units", type=int, required=True)
        parser.add_argument("--activities", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--depth", type=int, default=5, help="Levels of the tree, 3 to 8 (default 5).")

    def handle(self, *args, units, activities, seed, depth, **options):
        if units < 5 or activities < 0:
            raise CommandError("--units must be at least 5 and --activities not negative.")
        if not 3 <= depth <= 8:
            raise CommandError("--depth must be between 3 and 8.")
        started = time.monotonic()
        try:
            synthetic.generate(
                units, activities, seed=seed, depth=depth, progress=lambda text: self.stdout.write(f"  {text}")
            )
        except ValueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Generated {units} units and {activities} activities in {time.monotonic() - started:.0f} s.")
