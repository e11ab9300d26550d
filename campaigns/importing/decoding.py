"""The text of a CSV file: UTF-8 (with or without BOM), else the GBK/GB18030 that Excel
in China saves, and never a mix of the two."""

import io

from django.utils.translation import gettext

from .problems import Unreadable


def decode(data: bytes) -> str:
    """The text of a file, decoded as a whole: UTF-8 (with or without BOM), else GB18030, the
    superset of GBK that Excel in China writes. A file that mixes the two is refused, since
    GB18030 decodes nearly any bytes: the UTF-8 lines would be stored garbled, not fail."""
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        not_utf8 = _line_of(data, error.start)
    utf8 = _first_utf8_chinese_line(data)
    if utf8:
        raise Unreadable(
            gettext(
                "the file mixes text encodings: line %(utf8)s is UTF-8 but line %(line)s is not; "
                "save the whole file again as UTF-8"
            )
            % {"utf8": utf8, "line": not_utf8}
        )
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as error:
        raise Unreadable(
            gettext("line %(line)s is neither UTF-8 nor GBK/GB18030 text; save the file as UTF-8")
            % {"line": _line_of(data, error.start)}
        ) from None


def _line_of(data, offset):
    return data.count(b"\n", 0, offset) + 1


def _first_utf8_chinese_line(data):
    """The first line that is valid UTF-8 holding a character of three bytes or more (all of
    Chinese is), or None. Lines of GBK text almost never pass as that by chance."""
    for number, line in enumerate(io.BytesIO(data), start=1):
        if line.isascii():
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            continue
        if any(ord(char) >= 0x800 for char in text):
            return number
    return None
