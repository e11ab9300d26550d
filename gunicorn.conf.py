"""gunicorn settings for `make serve`. Each can be overridden from the environment."""

import multiprocessing
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# Loopback unless told otherwise: only the proxy in front (nginx.conf.example) reaches gunicorn,
# which cannot hold off clients that send their requests slowly (see docs/production.md).
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Threads let one worker overlap database waits; processes use the cores.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))  # a large PDF export is the slowest request
graceful_timeout = 30
keepalive = 5
max_requests = 100000  # recycle workers now and then, rarely enough not to show in latency
max_requests_jitter = 10000
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms request=%({x-request-id}o)s'
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# Bounds on the request head, checked before Django sees it (the body's bound is Django's:
# UPLOAD_MAX_REQUEST_BYTES, or MATERIAL_UPLOAD_MAX_REQUEST_BYTES for the material upload).
# The longest real request line is a report export with all its filters, well under 4 KB;
# browsers send about 15 headers; our cookies are small.
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190
# Static files go through the same write path as pages (see fraudwatch/serving.py), so
# gunicorn's sendfile shortcut, which writes the head on its own, stays off.
sendfile = False


def post_fork(server, worker):
    # Each worker sends a response's head together with its body: see fraudwatch/serving.py.
    # The module is found from here, whatever app is served: the bench's yardstick, another
    # Django project, runs from its own folder with these same settings.
    if HERE not in sys.path:
        sys.path.insert(0, HERE)
    from fraudwatch.serving import hold_headers_until_body

    hold_headers_until_body()
