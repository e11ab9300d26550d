import time

from django.core.management.base import BaseCommand
from django.db import connection

from campaigns.models import Fact, counted_changed
from campaigns.reports import fact_table, summary_rebuild, summary_tables


class Command(BaseCommand):
    help = (
        "Compute the reports' summary tables anew from the activities, in one transaction. Changes to "
        "activities and reports wait while it runs."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        summary_rebuild.rebuild()
        counted_changed()  # cached report pages were made from the previous figures
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # The tables are new files (TRUNCATE); a vacuum sets their visibility maps, so
            # that reads can answer from the indexes alone. It cannot run inside the
            # rebuild's transaction (nor in one a caller holds open).
            with connection.cursor() as cursor:
                for table in [model._meta.db_table for model in summary_tables.TABLES] + [fact_table.TABLE]:
                    cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(table)}")
        rows = {model._meta.model_name: model.objects.count() for model in [*summary_tables.TABLES, Fact]}
        listed = ", ".join(f"{name} {count:,}" for name, count in rows.items())
        self.stdout.write(f"Summary tables rebuilt in {time.monotonic() - started:.1f} s: {listed} rows.")
