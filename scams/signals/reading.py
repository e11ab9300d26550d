"""Reading a message for its signs: those it raises and those it warns against."""

from dataclasses import dataclass, field

from .. import contacts
from .links_and_numbers import CALL_A_MOBILE, CALL_BACK, LINK_SIGNALS, NAMES_A_BODY, NUMBER_SIGNALS
from .negation import (
    CARRIES_A_CODE,
    CLAUSE_BREAKS,
    LINK_WARNED,
    PROTECTING_CODES,
    QUOTED,
    SENTENCE_BREAKS,
    TRUSTED_APP,
    negated,
)
from .sign import Signal
from .table import SIGNALS


@dataclass
class Hit:
    signal: Signal
    spans: list = field(default_factory=list)  # [(start, end)] in the message


def find(plain, *, quotes_describe=False):
    """The signs `plain` raises, each with the places that raised it; and the signs it
    turns off by warning against them ({code: Hit}, the evidence of a genuine warning).
    With `quotes_describe` (a message that claims to warn), quoted words are the scam's,
    quoted, not asked."""
    raised, warned = {}, {}
    quotes = [match.span() for match in QUOTED.finditer(plain)] if quotes_describe else []
    carries_a_code = bool(CARRIES_A_CODE.search(plain))
    for signal in SIGNALS:
        for pattern in signal.patterns:
            for match in pattern.finditer(plain):
                start, end = match.span()
                protecting = signal.code == "secrecy" and (
                    PROTECTING_CODES.search(_sentence(plain, start, end)) or carries_a_code
                )
                if protecting or (signal.code == "app" and TRUSTED_APP.search(_clause(plain, start, end))):
                    warned.setdefault(signal.code, Hit(signal)).spans.append((start, end))
                    continue
                # A sign whose words carry their own negation ("不要告诉别人") is turned off only
                # where a warning quotes it ("如有人让您“保密”").
                if (
                    negated(plain, start, end, done_turns_off=signal.done_turns_off, quotes=quotes)
                    if signal.negatable
                    else _quoted(start, end, quotes)
                ):
                    warned.setdefault(signal.code, Hit(signal)).spans.append((start, end))
                    continue
                raised.setdefault(signal.code, Hit(signal)).spans.append((start, end))
    names_a_body = bool(NAMES_A_BODY.search(plain))
    for link in contacts.links(plain):
        kind = link.kind
        if kind == "official":
            continue
        if kind == "unknown" and names_a_body:
            kind = "named_body"
        span = (link.start, link.end)
        target = warned if LINK_WARNED.search(_clause(plain, *span)) else raised
        target.setdefault(LINK_SIGNALS[kind].code, Hit(LINK_SIGNALS[kind])).spans.append(span)
    for number in contacts.numbers(plain):
        signal = NUMBER_SIGNALS[number.kind]
        raised.setdefault(signal.code, Hit(signal)).spans.append((number.start, number.end))
    for match in CALL_A_MOBILE.finditer(plain):
        if not negated(plain, *match.span()):
            raised.setdefault(CALL_BACK.code, Hit(CALL_BACK)).spans.append(match.span(1))
    return raised, warned


def _clause(text, start, end):
    clause_start = max((m.end() for m in CLAUSE_BREAKS.finditer(text, 0, start)), default=0)
    following = CLAUSE_BREAKS.search(text, end)
    return text[clause_start : following.start() if following else len(text)]


def _sentence(text, start, end):
    sentence_start = max((m.end() for m in SENTENCE_BREAKS.finditer(text, 0, start)), default=0)
    following = SENTENCE_BREAKS.search(text, end)
    return text[sentence_start : following.start() if following else len(text)]


def _quoted(start, end, quotes):
    return any(low <= start < high for low, high in quotes)
