"""Every app process on the machine shares one cache (fraudwatch.filecache), so daily
counters, their caps and the catalogue's version are the same in every gunicorn worker."""

import datetime
import multiprocessing

import pytest
from django.core.checks import Warning, run_checks

from fraudwatch.filecache import SharedFileCache

LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def count_in_a_process(folder, rounds, added):
    cache = SharedFileCache(folder, {})
    firsts = 0
    for number in range(rounds):
        cache.incr("counter")
        firsts += cache.add(f"first:{number}", 1)  # one process only may be first for each
    added.put(firsts)


def test_processes_counting_at_once_lose_no_count_and_add_each_key_once(tmp_path):
    cache = SharedFileCache(str(tmp_path), {})
    cache.add("counter", 0)
    fork = multiprocessing.get_context("fork")
    added = fork.Queue()
    workers = [fork.Process(target=count_in_a_process, args=(str(tmp_path), 60, added)) for _ in range(4)]
    for worker in workers:
        worker.start()
    firsts = sum(added.get(timeout=120) for _ in workers)
    for worker in workers:
        worker.join(timeout=10)
    assert [worker.exitcode for worker in workers] == [0, 0, 0, 0]
    assert cache.get("counter") == 240
    assert firsts == 60


def test_expired_entries_leave_the_folder_on_a_later_write(tmp_path, clock, monkeypatch):
    cache = SharedFileCache(str(tmp_path), {})
    cache.set("visitor-key", 1, 60)
    cache.set("version", 7, None)
    clock.shift(datetime.timedelta(minutes=2))
    monkeypatch.setattr(SharedFileCache, "_next_sweep", 0.0)  # a minute has passed since the last sweep
    cache.set("page", b"<html>", 300)
    assert len(cache._list_cache_files()) == 2
    assert (cache.get("version"), cache.get("page")) == (7, b"<html>")


def test_sweeps_wait_a_minute_between_them(tmp_path, clock, monkeypatch):
    cache = SharedFileCache(str(tmp_path), {})
    monkeypatch.setattr(SharedFileCache, "_next_sweep", 0.0)
    cache.set("first", 1, 60)  # sweeps (nothing to sweep yet)
    clock.shift(datetime.timedelta(minutes=2))
    cache.set("second", 2, 60)  # too soon for another sweep: "first" stays on disk, though expired
    assert len(cache._list_cache_files()) == 2
    assert cache.get("first") is None


def test_the_default_cache_outside_debug_is_the_shared_one():
    from fraudwatch import settings as project_settings

    assert not project_settings.DEBUG
    assert project_settings.CACHES["default"]["BACKEND"] == "fraudwatch.filecache.SharedFileCache"


def deploy_warnings():
    return [message for message in run_checks(include_deployment_checks=True) if message.id == "fraudwatch.W001"]


def test_deploy_check_warns_of_a_cache_kept_in_each_process(settings):
    settings.CACHES = LOCMEM
    [warning] = deploy_warnings()
    assert isinstance(warning, Warning)
    assert "LocMemCache" in warning.msg


@pytest.mark.parametrize(
    "backend",
    ["fraudwatch.filecache.SharedFileCache", "django.core.cache.backends.redis.RedisCache"],
)
def test_deploy_check_is_quiet_for_a_shared_cache(settings, backend, tmp_path):
    settings.CACHES = {"default": {"BACKEND": backend, "LOCATION": str(tmp_path)}}
    assert deploy_warnings() == []


def test_deploy_check_is_quiet_under_debug(settings):
    settings.CACHES, settings.DEBUG = LOCMEM, True
    assert deploy_warnings() == []
