"""The PostgreSQL restore drill from docs/production.md: pg_dump --format=custom of a populated
database, pg_restore --no-owner into a new one, and every report figure comes back the same."""

import datetime
import os
import re
import secrets
import shutil
import subprocess

import pytest
from django.apps import apps
from django.db import connection, connections
from django.db.utils import load_backend

from campaigns import demo
from campaigns.models import Activity, OrgUnit
from campaigns.reports.exports import long_rows
from campaigns.reports.summary import ReportFilters, build
from scams import catalogue
from scams.models import Category
from tests.conftest import require_tool

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

RESTORED = "restored"


class ReadFromRestored:
    """Every read goes to the restored database, labels and look-ups included."""

    def db_for_read(self, model, **hints):
        return RESTORED


def run_client(name, *arguments):
    """Run pg_dump or pg_restore against the test database's server; it must be no older
    than the server, or it cannot read it."""
    path = require_tool(shutil.which(name), "postgresql-client")
    version = subprocess.run([path, "--version"], capture_output=True, text=True, check=True).stdout
    client_major = int(re.search(r"(\d+)\.\d+", version).group(1))
    server_major = connection.pg_version // 10000
    if client_major < server_major:
        pytest.fail(f"{name} {client_major} cannot handle a PostgreSQL {server_major} server; install a newer client")
    source = connection.settings_dict
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if source.get(key):
            arguments += (flag, str(source[key]))
    environment = {**os.environ, "PGPASSWORD": source.get("PASSWORD") or ""}
    finished = subprocess.run([path, *arguments], env=environment, capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr


@pytest.fixture
def restore(transactional_db, settings, tmp_path):
    """Returns a function that dumps the test database and restores it into a new one,
    which then answers every read. The new database is dropped afterwards."""
    source = connection.settings_dict
    name = f"{source['NAME']}_restored_{secrets.token_hex(4)}"
    quoted = connection.ops.quote_name(name)
    made = []

    def dump_and_restore():
        dump = tmp_path / "fraudwatch.dump"
        run_client("pg_dump", "--format=custom", "--file", str(dump), "--dbname", source["NAME"])
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE DATABASE {quoted} TEMPLATE template0")
        run_client("pg_restore", "--no-owner", "--exit-on-error", "--dbname", name, str(dump))
        # Registered as a connection, not a setting: Django's test case allows such
        # dynamically made connections and blocks configured ones it was not told about.
        made.append(load_backend(source["ENGINE"]).DatabaseWrapper({**source, "NAME": name}, RESTORED))
        connections[RESTORED] = made[0]
        settings.REPORTS_DATABASE = RESTORED
        settings.DATABASE_ROUTERS = [ReadFromRestored()]

    yield dump_and_restore

    for restored in made:
        restored.close()
        del connections[RESTORED]
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)")


def figures(unit_code=None, include_submitted=False):
    """Every figure of the report: the long-form rows the CSV carries, and campaign progress."""
    unit = OrgUnit.objects.get(code=unit_code) if unit_code else None
    report = build(
        ReportFilters(
            start=datetime.date(2000, 1, 1),
            end=datetime.date.today(),
            unit=unit,
            include_submitted=include_submitted,
        )
    )
    progress = [
        (
            item.campaign.name_zh,
            item.activities,
            [(indicator.code, target, done) for indicator, target, done in item.targets],
        )
        for item in report.campaigns
    ]
    return sorted(long_rows(report)), progress


def row_counts(alias):
    return {
        model._meta.label: model._base_manager.using(alias).count()
        for model in apps.get_models(include_auto_created=True)
    }


REPORTS = {
    "whole tree": {},
    "one station's subtree": {"unit_code": "ps-east"},
    "whole tree, submitted too": {"include_submitted": True},
}


def test_a_restored_dump_gives_every_report_figure_back(restore):
    catalogue.load()
    demo.load(activities=120)
    assert Activity.objects.filter(status=Activity.Status.APPROVED).exists()
    before = {name: figures(**filters) for name, filters in REPORTS.items()}
    counts = row_counts("default")
    assert before["one station's subtree"] != before["whole tree"]

    restore()
    # Empty the original, so the figures below can only come from the restored copy.
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {connection.ops.quote_name(Activity._meta.db_table)} CASCADE")

    assert row_counts(RESTORED) == counts
    after = {name: figures(**filters) for name, filters in REPORTS.items()}
    assert after == before
    rows, _progress = before["whole tree"]
    assert ("total", "", "activities", Activity.objects.approved().count()) in [row[:4] for row in rows]


def test_a_restored_database_takes_new_rows(restore):
    """Sequences come back too: the first row added after a restore does not collide."""
    catalogue.load()
    highest = Category.objects.order_by("-pk").values_list("pk", flat=True).first()

    restore()

    added = Category.objects.db_manager(RESTORED).create(code="after-restore", name_zh="恢复后", name_en="After")
    assert added.pk > highest
