"""The public numbers the catalogue sends residents to, each described once.

The detail page, the leaflet and the booklet all read these. A scam type names the
official lines that fit it by number (`official_lines = ["12366"]` in its catalogue
file); only lines listed here can be named, so a number is never made up in a file.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Line:
    number: str
    name: str
    use: str


# Said wherever the site tells residents that 96110 calls and 12381 texts are genuine:
# fraudsters pose as these too, and this is how to tell.
NEVER_ASKS = _("It never asks you for money, verification codes, app downloads or screen sharing.")

POLICE = Line("110", _("Police"), _("Call at once if you are being cheated or have just paid."))
ANTI_FRAUD = Line(
    "96110",
    _("Anti-fraud line"),
    format_lazy(
        "{} {}",
        _("Call for advice. When 96110 calls you, answer: it is the police warning you that you may be being cheated."),
        NEVER_ASKS,
    ),
)
WARNING_TEXT = Line(
    "12381",
    _("Fraud warning texts"),
    format_lazy(
        "{} {}",
        _("A text message from 12381 warning you about fraud is real: stop, and do not pay anyone."),
        NEVER_ASKS,
    ),
)
# Every resident should know these, whatever the scam.
ALWAYS = (POLICE, ANTI_FRAUD, WARNING_TEXT)

OFFICIAL_LINES = {
    line.number: line
    for line in (
        Line(
            "12315",
            _("Consumer complaints line"),
            _("Complain about goods, refunds, sellers and paid services to the market regulator."),
        ),
        Line("12366", _("Tax service line"), _("Ask the tax authority itself whether a tax refund is real.")),
        Line(
            "12321",
            _("Spam and scam message reports"),
            _("Report scam text messages, calls and links so that they can be blocked."),
        ),
    )
}


def parse(value):
    """The codes in a stored `official_lines` value (numbers separated by spaces)."""
    return value.split()


def lines_for(value):
    return [OFFICIAL_LINES[number] for number in parse(value) if number in OFFICIAL_LINES]


def validate_official_lines(value):
    unknown = [number for number in parse(value) if number not in OFFICIAL_LINES]
    if unknown:
        raise ValidationError(
            _("Unknown line %(unknown)s; the catalogue knows %(known)s."),
            params={"unknown": ", ".join(unknown), "known": ", ".join(OFFICIAL_LINES)},
        )
