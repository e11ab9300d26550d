"""Reports read from a replica (REPORTS_DATABASE_URL) that may replay the primary's
changes late. A report read while the replica still lacks an approval shows the figures
from before it; it must not keep them in the cache under a version that readers will
take for after it, or they would go on seeing the old figures once the replica caught up."""

import copy
import datetime

import pytest
from django.db import connections, transaction
from django.db.utils import load_backend
from django.urls import reverse
from django.utils import translation

from campaigns import services
from campaigns.reports import summary_rebuild
from tests.conftest import make_activity

pytestmark = pytest.mark.django_db(transaction=True)


class LaggingReplica:
    """The "reports" alias: a second connection that sees the main database as it was
    when `lag` was called, until `catch_up`, as a streaming replica does while it replays
    behind the primary. On PostgreSQL it holds a REPEATABLE READ snapshot of the test
    database; on SQLite it reads a copy in memory, taken again on catching up."""

    ALIAS = "reports"

    def __init__(self):
        default = connections["default"]
        self.settings_dict = copy.deepcopy(default.settings_dict)
        self.postgresql = default.vendor == "postgresql"
        if self.postgresql:
            from psycopg2.extensions import ISOLATION_LEVEL_REPEATABLE_READ

            self.settings_dict["OPTIONS"]["isolation_level"] = ISOLATION_LEVEL_REPEATABLE_READ
        else:
            self.settings_dict["NAME"] = "file:lagging-replica?mode=memory&cache=shared"
        self.snapshot = None

    def __enter__(self):
        # Set on this thread only, as the test database's connections are: Django lets a
        # test use a connection made this way without naming it in its `databases`.
        backend = load_backend(self.settings_dict["ENGINE"])
        connections[self.ALIAS] = backend.DatabaseWrapper(self.settings_dict, self.ALIAS)
        self.catch_up()
        return self

    def __exit__(self, *exc):
        if self.snapshot is not None:
            self.snapshot.__exit__(None, None, None)
        connections[self.ALIAS].close()
        del connections[self.ALIAS]

    def lag(self):
        """From now on the replica shows what the database holds now."""
        replica = connections[self.ALIAS]
        if self.postgresql:
            self.snapshot = transaction.atomic(using=self.ALIAS)
            self.snapshot.__enter__()
            replica.cursor().execute("SELECT 1")  # the snapshot is taken by its first query
        else:
            connections["default"].ensure_connection()
            replica.ensure_connection()
            connections["default"].connection.backup(replica.connection)

    def catch_up(self):
        """The replica shows everything committed so far (and keeps doing so on PostgreSQL)."""
        if not self.postgresql:
            self.lag()
        elif self.snapshot is not None:
            self.snapshot.__exit__(None, None, None)
            self.snapshot = None


@pytest.fixture
def replica(transactional_db, settings):
    with LaggingReplica() as lagging:
        settings.REPORTS_DATABASE = LaggingReplica.ALIAS
        yield lagging


def body(client, unit):
    with translation.override("en"):
        page = reverse("reports:report")
    query = {"org": unit.code, "date_from": "2026-10-01", "date_to": "2026-10-31"}
    response = client.get(page, query)
    assert response.status_code == 200
    return response.context["body"]


def test_a_report_read_from_a_lagging_replica_is_not_cached_as_after_the_approval(
    client, county, staff_a, reviewer, replica
):
    make_activity(county["a"], staff_a, status="approved", figures={"participants": 1234})
    talk = make_activity(
        county["a"], staff_a, status="submitted", figures={"participants": 4321}, date=datetime.date(2026, 10, 20)
    )
    client.force_login(reviewer)
    replica.catch_up()
    assert "1,234" in body(client, county["bureau"])

    replica.lag()
    services.approve(talk, by=reviewer)  # commits on the primary; the cached reports' version moves on
    # The replica has not replayed the approval yet: the report can only show the figures before it.
    stale = body(client, county["bureau"])
    assert "1,234" in stale and "5,555" not in stale

    replica.catch_up()
    fresh = body(client, county["bureau"])
    assert "5,555" in fresh and "1,234" not in fresh
    assert summary_rebuild.differences() == []
