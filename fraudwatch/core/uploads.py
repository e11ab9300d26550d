"""A ceiling on the size of a whole request, checked before any of it is read.

Django bounds form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but not files: without this, a
request of any size is streamed to FILE_UPLOAD_TEMP_DIR before a form gets to say the
file is too big. This handler, first in FILE_UPLOAD_HANDLERS, refuses the request from
its declared length instead. Under WSGI the declared length is all Django will read,
so it cannot be understated.

The ceiling is UPLOAD_MAX_REQUEST_BYTES, unless the view the request resolved to names a
setting of its own with `body_limit` (the material upload takes videos of 200 MB). The
body is first read when something asks for request.POST, at the earliest the CSRF check,
which runs after the URL has been resolved, so the view is known by then.
"""

import os
from io import UnsupportedOperation

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler


def body_limit(setting):
    """Give a view the request-size ceiling named by `setting` instead of UPLOAD_MAX_REQUEST_BYTES.
    Outermost among the view's decorators, so the mark is on what the URL calls."""

    def mark(view):
        view.body_limit_setting = setting
        return view

    return mark


def max_request_bytes(request):
    """The most a request to this address may carry."""
    match = getattr(request, "resolver_match", None)
    setting = getattr(match.func, "body_limit_setting", None) if match else None
    return getattr(settings, setting or "UPLOAD_MAX_REQUEST_BYTES")


class BoundedRequestHandler(FileUploadHandler):
    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        # Under ASGI the body is already spooled and Content-Length may be missing or
        # understated, so measure the stream when it can be measured.
        stream = getattr(input_data, "_stream", input_data)
        try:
            content_length = max(content_length or 0, stream.seek(0, os.SEEK_END))
        except (UnsupportedOperation, AttributeError):
            pass
        else:
            stream.seek(0)
        if content_length > max_request_bytes(self.request):
            # A SuspiciousOperation: answered by fraudwatch.views.bad_request with a 413.
            raise RequestDataTooBig("Request body larger than this address allows.")
        return None  # let the usual handlers read it

    def receive_data_chunk(self, raw_data, start):
        return raw_data  # passed on to the next handler

    def file_complete(self, file_size):
        return None
