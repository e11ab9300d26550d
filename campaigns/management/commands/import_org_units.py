from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from campaigns.importing.read import Unreadable, read_limited
from campaigns.importing.units import UnitImportError, import_units


class Command(BaseCommand):
    help = (
        "Create or update organisation units from a CSV or XLSX file with columns "
        "code,name_zh,name_en,kind,parent_code and optionally population."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file, **options):
        try:
            with file.open("rb") as handle:
                data = read_limited(handle)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from None
        except Unreadable as problem:
            raise CommandError(f"Nothing was imported: {problem}.") from None
        try:
            result = import_units(data, file.name)
        except UnitImportError as error:
            raise CommandError("Nothing was imported:\n" + "\n".join(error.problems)) from None
        self.stdout.write(
            f"Units: {len(result.created)} created, {len(result.updated)} updated, {len(result.unchanged)} unchanged."
        )
