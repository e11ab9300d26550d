"""Names of the files staff download: readable words in the reader's language (a unit's
name, never its code), safe on every system. Sent with Django's content_disposition_header,
which writes the RFC 6266 `filename*` that carries Chinese, with an ASCII fallback."""

import re

# Characters Windows, macOS or a shell would refuse or misread in a file name.
UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')


def readable(*parts, extension):
    """`parts` joined by hyphens, each without unsafe characters or runs of spaces:
    readable("致家长的一封信", "东关中学", "2026-12-07", extension="pdf")."""
    cleaned = (" ".join(UNSAFE.sub(" ", str(part)).split()) for part in parts)
    return "-".join(part for part in cleaned if part)[:150] + f".{extension}"
