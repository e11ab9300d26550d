import zipfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fraudwatch import backup


class Command(BaseCommand):
    help = "Load an archive written by export_all into an empty database."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--replace", action="store_true", help="delete this database's data first")

    def handle(self, *args, path, replace, **options):
        try:
            restored = backup.import_all(path, replace=replace)
        except (backup.ArchiveError, zipfile.BadZipFile) as error:
            raise CommandError(str(error)) from None
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from None
        counts = restored.counts
        self.stdout.write(
            f"Restored {sum(counts.values())} rows from {len(counts)} tables, and {restored.files} files."
        )
        for note in restored.notes:
            self.stderr.write(self.style.WARNING(note))
