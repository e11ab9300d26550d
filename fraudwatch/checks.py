"""System checks of the deployment that Django's own do not make."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

PER_PROCESS_CACHES = ("django.core.cache.backends.locmem.LocMemCache", "django.core.cache.backends.dummy.DummyCache")


@register(Tags.security, Tags.caches, deploy=True)
def check_cache_is_shared(app_configs, **kwargs):
    """Each gunicorn worker with a cache of its own counts on its own: every per-address cap
    is multiplied by the number of workers, and a catalogue edit shows in one of them only."""
    if settings.DEBUG:
        return []
    backend = settings.CACHES["default"]["BACKEND"]
    if backend not in PER_PROCESS_CACHES:
        return []
    return [
        Warning(
            f"The default cache ({backend}) is not shared between processes.",
            hint="Leave CACHES as fraudwatch/settings.py sets it (files shared on this machine, or Redis "
            "with REDIS_URL): with several workers, daily counters and their caps would count per "
            "worker, and catalogue edits would reach one worker only.",
            id="fraudwatch.W001",
        )
    ]
