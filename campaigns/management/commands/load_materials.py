from django.core.management.base import BaseCommand

from campaigns.materials import starter


class Command(BaseCommand):
    help = (
        "Load the bundled awareness material (letters, posters, scripts, slogans, slides), published. "
        "Idempotent: material whose slug exists is kept as it is. Load the catalogue first: posters are "
        "made for its featured scam types."
    )

    def handle(self, *args, **options):
        created, kept = starter.load()
        self.stdout.write(f"Material: {len(created)} created, {len(kept)} already there.")
