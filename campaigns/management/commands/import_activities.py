from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from campaigns.importing import STATUSES, import_activities, refused_approved_import
from campaigns.importing.read import Unreadable, read_limited
from campaigns.models import Activity
from campaigns.org.roles import Roles


class Command(BaseCommand):
    help = (
        "Import activities from a CSV (UTF-8 or GBK) or XLSX file, as the given user. "
        "All or nothing: a file with any bad row writes nothing and its problems are listed."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--user", required=True, metavar="USERNAME", help="username of the importer; their roles decide the units"
        )
        parser.add_argument("--dry-run", action="store_true", help="check every row but write nothing")
        parser.add_argument(
            "--status",
            choices=STATUSES,
            default=STATUSES[0],
            help="status of the new activities; 'approved' is for administrators loading historic records",
        )

    def handle(self, *args, file, user, dry_run, status, **options):
        importer = get_user_model().objects.filter(username=user, is_active=True).first()
        if importer is None:
            raise CommandError(f"No active user named {user!r}.")
        if status == Activity.Status.APPROVED and not Roles(importer).can_import_approved():
            raise CommandError(f"Nothing was imported: {refused_approved_import()}.")
        try:
            with file.open("rb") as handle:
                data = read_limited(handle)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from None
        except Unreadable as problem:
            raise CommandError(f"Nothing was imported: {problem}.") from None
        report = import_activities(data, file.name, importer, status=status, dry_run=dry_run)
        if not report.ok:
            for error in report.errors:
                self.stderr.write(str(error))
            if report.and_more:
                self.stderr.write(report.and_more)
            raise CommandError(f"Nothing was imported: {report.problems:,} problem(s) in {file.name}.")
        if dry_run:
            self.stdout.write(f"{report.rows} activities would be created; dry run: nothing written.")
        else:
            self.stdout.write(f"Created {report.created} activities from {file.name}.")
