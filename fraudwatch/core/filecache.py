"""The cache every app process on one machine shares when no REDIS_URL is given.

`make serve` starts several gunicorn workers. A cache in each one's memory would give each
its own daily counters (so every per-address cap multiplied by the number of workers), its
own page-cache versions and so its own idea of when the catalogue last changed. Django's
file cache is shared by every process that names the same folder; this is that cache with
two changes:

- `add` and `incr` hold a lock on a file in the folder (flock), so that two workers
  counting the same address at the same moment both count. Django's versions read and
  then write, and two workers can both read 9 and both write 10.
- Expired entries are swept out, at most once a minute per process, before Django's own
  cull (which otherwise drops a random third of the entries once there are MAX_ENTRIES,
  and lists the whole folder on every write to find out). The daily keys of visitors
  and phones thus leave the disk soon after their day ends.

A database cache would have put a query or two into every page and every count, failed
public pages along with the database, and kept the visitors' keys in the database and so
in its backups; on SQLite every cached page would also have queued for the write lock.
Several machines need REDIS_URL.
"""

import contextlib
import os
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.files import locks

SWEEP_SECONDS = 60


class SharedFileCache(FileBasedCache):
    _next_sweep = 0.0  # per process: when this process next sweeps out expired entries

    @contextlib.contextmanager
    def _locked(self):
        self._createdir()
        with open(os.path.join(self._dir, "lock"), "ab") as lock:
            locks.lock(lock, locks.LOCK_EX)
            try:
                yield
            finally:
                locks.unlock(lock)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        with self._locked():
            return super().add(key, value, timeout, version)

    def incr(self, key, delta=1, version=None):
        with self._locked():
            return super().incr(key, delta, version)

    def _cull(self):
        now = time.monotonic()
        if now < SharedFileCache._next_sweep:
            return
        SharedFileCache._next_sweep = now + SWEEP_SECONDS
        for name in self._list_cache_files():
            try:
                with open(name, "rb") as entry:
                    self._is_expired(entry)  # deletes it when expired
            except FileNotFoundError:  # another process swept it first
                pass
        super()._cull()
