from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fraudwatch import backup


class Command(BaseCommand):
    help = (
        "Write the whole data set (units, users and roles, catalogue, campaigns, activities, files, history) "
        "to a zip archive."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--with-passwords", action="store_true", help="include password hashes")

    def handle(self, *args, path, with_passwords, **options):
        try:
            counts = backup.export_all(path, with_passwords=with_passwords)
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error.strerror}") from None
        self.stdout.write(f"Wrote {path}: {sum(counts.values())} rows from {len(counts)} tables.")
