"""A ceiling on the size of a whole request, checked before any of it is read.

Django bounds form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but not files: without this, a
request of any size is streamed to FILE_UPLOAD_TEMP_DIR before a form gets to say the
file is too big. This handler, first in FILE_UPLOAD_HANDLERS, refuses the request from
its declared length instead. Under WSGI the declared length is all Django will read,
so it cannot be understated.
"""

import os
from io import UnsupportedOperation

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler


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
        if content_length > settings.UPLOAD_MAX_REQUEST_BYTES:
            # A SuspiciousOperation: answered by fraudwatch.views.bad_request with a 413.
            raise RequestDataTooBig("Request body larger than UPLOAD_MAX_REQUEST_BYTES.")
        return None  # let the usual handlers read it

    def receive_data_chunk(self, raw_data, start):
        return raw_data  # passed on to the next handler

    def file_complete(self, file_size):
        return None
