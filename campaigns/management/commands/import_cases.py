from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from campaigns.importing.cases import import_cases, may_import_cases
from campaigns.org.roles import Roles


class Command(BaseCommand):
    help = (
        "Import monthly case statistics (columns month,org_unit,scam_type,cases,losses) from a CSV (UTF-8 or "
        "GBK) or XLSX file, as the given reviewer or administrator. All or nothing: a file with any bad row "
        "writes nothing and every problem is listed. A month, unit and scam type imported again is replaced."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--user", required=True, metavar="USERNAME", help="username of the importer; their roles decide the units"
        )
        parser.add_argument("--dry-run", action="store_true", help="check every row but write nothing")

    def handle(self, *args, file, user, dry_run, **options):
        importer = get_user_model().objects.filter(username=user, is_active=True).first()
        if importer is None:
            raise CommandError(f"No active user named {user!r}.")
        if not may_import_cases(Roles(importer)):
            raise CommandError(f"{user} is neither a reviewer nor an administrator and may not import case figures.")
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from None
        report = import_cases(data, file.name, importer, dry_run=dry_run)
        if not report.ok:
            for error in report.errors:
                self.stderr.write(str(error))
            raise CommandError(f"Nothing was imported: {len(report.errors)} problem(s) in {file.name}.")
        done = "would be" if dry_run else "were"
        self.stdout.write(
            f"{report.rows} rows: {report.created} {done} added and {report.replaced} {done} replaced"
            + ("; dry run: nothing written." if dry_run else f" from {file.name}.")
        )
