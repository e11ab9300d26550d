import time

from django.core.management.base import BaseCommand
from django.db import connection

from campaigns.models import counted_changed
from campaigns.reports import summary_tables


class Command(BaseCommand):
    help = (
        "Compute the reports' summary tables anew from the activities, in one transaction. Changes to "
        "activities wait while it runs; reports go on reading the previous figures until it commits."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        summary_tables.rebuild()
        counted_changed()  # cached report pages were made from the previous figures
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # The previous rows are dead now, but their index entries would still send the
            # report's reads to them until a vacuum; it cannot run inside the rebuild's
            # transaction (nor in one a caller holds open).
            with connection.cursor() as cursor:
                for model in summary_tables.TABLES:
                    cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
        rows = {model._meta.model_name: model.objects.count() for model in summary_tables.TABLES}
        listed = ", ".join(f"{name} {count:,}" for name, count in rows.items())
        self.stdout.write(f"Summary tables rebuilt in {time.monotonic() - started:.1f} s: {listed} rows.")
