"""The warning signs the checker looks for, with their weights: one table, read top to bottom.

A sign counts only where the message asks for the thing, not where it warns against it:
"切勿向陌生账户转账" and "never share this code" turn their sign off (see `negated`), and so
does a sentence that describes a scam to warn about it ("……的，都是诈骗"). An `ask` is a sign
that asks the reader to act (move money, give a code, install, open a link, share a
screen); a message that claims to be an anti-fraud warning and makes such an ask is an
impostor, whatever else it says.

Patterns read the message lower-cased, full-width letters and digits made plain, and
Traditional characters as Simplified, with every character where it was, so that each
sign can mark the words that raised it.
"""

from .links_and_numbers import CALL_A_MOBILE, CALL_BACK, LINK_SIGNALS, NAMES_A_BODY, NUMBER_SIGNALS
from .negation import negated
from .official import (
    FAKE_OFFICIAL,
    another_number_in_the_centres_name,
    claims_to_warn,
    concrete_asks,
    sounds_like_a_warning,
)
from .reading import Hit, find
from .sign import Signal
from .table import BY_CODE, POINTS_TO, SIGNALS, reads_like_a_scam, resembles

__all__ = [
    "BY_CODE",
    "CALL_A_MOBILE",
    "CALL_BACK",
    "FAKE_OFFICIAL",
    "LINK_SIGNALS",
    "NAMES_A_BODY",
    "NUMBER_SIGNALS",
    "POINTS_TO",
    "SIGNALS",
    "Hit",
    "Signal",
    "another_number_in_the_centres_name",
    "claims_to_warn",
    "concrete_asks",
    "find",
    "negated",
    "reads_like_a_scam",
    "resembles",
    "sounds_like_a_warning",
]
