"""Two writers at once on SQLite, as `make run`'s threaded server can have them: with the
project's options both saves go through, one after the other."""

import threading
import time

import pytest
from django.conf import settings
from django.db import OperationalError, connections, transaction


@pytest.fixture
def sqlite_file(tmp_path, django_db_blocker):
    """Opens a connection alias on an SQLite file with the given options; closed and
    forgotten afterwards. The test database may be another engine, or SQLite in memory,
    where locks work differently: this is the file `make run` writes."""
    opened = []

    def open_with(options):
        alias = f"sqlite-writers-{tmp_path.name}-{len(opened)}"
        database = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / f"{alias}.db"), "OPTIONS": options}
        connections.settings[alias] = connections.configure_settings(
            {"default": connections.settings["default"], alias: database}
        )[alias]
        opened.append(alias)
        with connections[alias].cursor() as cursor:
            cursor.execute("CREATE TABLE saved (writer TEXT, seen INTEGER)")
        return alias

    with django_db_blocker.unblock():
        yield open_with
    for alias in opened:
        connections[alias].close()
        del connections[alias]
        del connections.settings[alias]


def save_at_once(alias):
    """Two threads each read the table then write to it in one transaction, the second
    beginning while the first has read and not yet written. Returns {writer: error or None}."""
    first_has_read, second_has_read = threading.Event(), threading.Event()
    outcome = {}

    def writer(name):
        try:
            with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
                cursor.execute("SELECT COUNT(*) FROM saved")
                seen = cursor.fetchone()[0]
                if name == "first":
                    first_has_read.set()
                    # Give the second a moment to read too (with IMMEDIATE it cannot: it
                    # waits to begin until this one commits). Short sleeps rather than a
                    # timed wait, which a moved clock (faketime) can stretch for ever.
                    for _ in range(100):
                        if second_has_read.is_set():
                            break
                        time.sleep(0.01)
                else:
                    second_has_read.set()
                cursor.execute("INSERT INTO saved VALUES (%s, %s)", [name, seen])
            outcome[name] = None
        except OperationalError as error:
            outcome[name] = str(error)
        finally:
            connections[alias].close()

    first = threading.Thread(target=writer, args=("first",))
    first.start()
    first_has_read.wait(timeout=10)
    second = threading.Thread(target=writer, args=("second",))
    second.start()
    first.join()
    second.join()
    return outcome


def test_two_threads_saving_at_once_both_succeed_with_the_projects_sqlite_options(sqlite_file):
    alias = sqlite_file(settings.SQLITE_OPTIONS)
    assert save_at_once(alias) == {"first": None, "second": None}
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT writer, seen FROM saved ORDER BY seen")
        # The second saw the first's row: the saves were one after the other.
        assert cursor.fetchall() == [("first", 0), ("second", 1)]


def test_deferred_transactions_would_fail_one_of_the_two(sqlite_file):
    """What the options prevent: SQLite's default deferred transactions let both read,
    then one cannot upgrade its lock and fails at once, whatever the busy timeout."""
    alias = sqlite_file({"timeout": 20})
    outcome = save_at_once(alias)
    assert sorted(outcome.values(), key=str) == [None, "database is locked"]


def test_the_default_sqlite_database_opens_transactions_as_immediate():
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        from fraudwatch import settings as project_settings

        assert project_settings.SQLITE_OPTIONS["transaction_mode"] == "IMMEDIATE"
        return
    assert settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
