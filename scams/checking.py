"""The "Is this a scam?" checker: a verdict on a pasted message, the signs behind it, and
which catalogue types it resembles; and masking the personal numbers in a message a
resident shares.

The verdict comes from evidence, the signs in scams/signals/ (asks for money, codes, installs
or screen sharing, look-alike links, spoofed numbers …, each with its weight), never from
similarity alone: everyday messages share words with scams. Similarity to the catalogue
decides *which* scam a risky message is. The checker never calls a message safe: a
fraudster's next script may be one it does not know.
"""

import re
from dataclasses import dataclass, field

from fraudwatch.core.bilingual import ENGLISH, PRIMARY_SUFFIX, TRADITIONAL_LANGUAGE, as_stored, is_english

from . import search, signals, wording
from .models import Risk, ScamType

# A verdict's thresholds, on the summed weights of the signs a message raises (scams/signals/).
# Read off the tuning part of the labelled corpus (tests/scams/checker_corpus); the
# held-out fifth is only measured.
HIGH = 5.0
MEDIUM = 2.0
# How closely a message must follow a type's script (its best score, in units of the
# index's distinctive-word score) to count as a sign, per language, for each step of
# weight: scores run higher in Chinese, where words and character pairs both count.
# Read off the tuning corpus, between the everyday messages' upper quartile and the
# scams' lower one.
RESEMBLES = {"zh": (7.5, 10.0), "en": (4.5, 6.0)}
# The wording model (wording.py): the probability that the message is a scam, for a
# sign of weight 1 and of weight 2; and the probability of a genuine warning at which a
# message with no ask in it is taken for one even without a sender's tag. Chosen by
# cross-validation within the tuning four-fifths.
WORDING_SCAM = (0.5, 0.7)
WORDING_OFFICIAL = 0.5
# A message in a warning's name whose wording the model reads as a scam's (at least this
# probability) and hardly as a warning's (at most this) is not taken for a warning: its signs
# are scored as any message's. Chosen on corpus messages the model had not been trained on:
# it caught 17 of 22 impostors and none of 94 genuine warnings.
WORDING_IMPOSTOR = (0.8, 0.1)
MAX_MATCHES = 3
# A message is said to resemble a type when it shares with it at least as much as this many
# words found in that type alone would give; types after the first must reach this share
# of the first one's score.
MINIMUM_EVIDENCE = 1.5
RELATIVE_CUTOFF = 0.3
# A sign that belongs to a type (signals.POINTS_TO) adds this share of the best score to it,
# and the wording model's probability of a type (wording.type_probabilities) this share times
# that probability. Chosen by cross-validation within the tuning four-fifths.
POINTING = 0.35
TYPE_MODEL = 4.0


@dataclass
class Match:
    pk: int
    score: float
    scam: ScamType | None = None


@dataclass
class Answer:
    risk: str
    hits: list  # of signals.Hit raised, heaviest first (for "official": the asks it warns against)
    matches: list  # of Match, best first; only for high and medium
    segments: list  # [(text, marked)]: the message once, the words behind the signs marked
    message_language: str  # "zh" or "en": the catalogue the message was compared with
    score: float = 0.0
    warned: list = field(default_factory=list)

    @property
    def best_type(self):
        return self.matches[0].scam if self.matches else None

    @property
    def flags(self):
        return [hit.signal for hit in self.hits]


CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def message_language(text):
    """ "zh" when the message is written in Chinese (either script), else "en": the
    language detected in it, whatever the page's."""
    chinese = len(CJK.findall(text)) >= max(2, len(LATIN_WORD.findall(text)))
    return PRIMARY_SUFFIX if chinese else ENGLISH


def _fold(character):
    """One character as the patterns read it: full-width forms plain, lower case; always
    one character, so that places in the result are places in the message."""
    code = ord(character)
    if 0xFF01 <= code <= 0xFF5E:
        character = chr(code - 0xFEE0)
    elif character == "\u3000":
        character = " "
    lowered = character.lower()
    return lowered if len(lowered) == 1 else character


def plain_text(text, language):
    folded = "".join(_fold(character) for character in text)
    if not is_english(language):
        simplified = as_stored(folded, TRADITIONAL_LANGUAGE)
        # OpenCC converts almost always character for character; where it did not, the
        # Traditional text is read as it is rather than lose the places of the marks.
        if len(simplified) == len(folded):
            return simplified
    return folded


def check(text, language):
    """The answer about a message: its verdict in the page's language, whatever the
    language of the message."""
    written_in = message_language(text)
    plain = plain_text(text, written_in)
    hits, warned, likely, official = _evidence(plain)
    if official:
        return Answer(Risk.OFFICIAL, [], [], [(text, False)], written_in, 0.0, warned)
    reads_like_a_scam = sum(likely.get("scam", 0) >= step for step in WORDING_SCAM)
    if reads_like_a_scam:
        hits.append(signals.Hit(signals.reads_like_a_scam(reads_like_a_scam), []))
    index = search.index_for(written_in)
    similar = index.rank(plain)
    resemblance = _resemblance(similar, index, written_in)
    # Following a script counts only beside a sign of its own: official notices and
    # everyday messages from the police or a utility read like scripts too.
    if resemblance and any(hit.signal.weight >= 1.5 for hit in hits):
        hits.append(signals.Hit(signals.resembles(resemblance), []))
    score = sum(hit.signal.weight for hit in hits)
    risk = Risk.HIGH if score >= HIGH else Risk.MEDIUM if score >= MEDIUM else Risk.NONE
    if risk == Risk.NONE:
        return Answer(risk, [], [], [(text, False)], written_in, score, warned)
    codes = [hit.signal.code for hit in hits]
    matches = _matches(pointed(similar, index, codes, wording.type_probabilities(plain)), index)
    scams = ScamType.objects.published().in_bulk([match.pk for match in matches])
    for match in matches:
        match.scam = scams.get(match.pk)
    return Answer(
        risk,
        hits,
        [match for match in matches if match.scam],
        segments(text, [span for hit in hits for span in hit.spans]),
        written_in,
        score,
        warned,
    )


def _evidence(plain):
    """What the message says of itself: the signs it raises (heaviest first), the signs it
    warns against, the wording model's probabilities, and whether it is a genuine warning."""
    warning = signals.claims_to_warn(plain)
    raised, warned = signals.find(plain, quotes_describe=warning)
    warned = list(warned.values())
    hits = sorted(raised.values(), key=lambda hit: (-hit.signal.weight, hit.signal.code))
    asks = [hit for hit in hits if hit.signal.ask]
    likely = wording.probabilities(plain) or {}
    reads_as_scam = likely.get("scam", 0) > likely.get("official", 0)
    # A message that claims to warn is an impostor when it makes an ask, or when it asks
    # anything at all, warns against nothing and reads like the scams, not the warnings.
    warned_asks = [hit for hit in warned if hit.signal.ask]
    other_number = signals.another_number_in_the_centres_name(plain) if warning else []
    if warning and (signals.concrete_asks(plain, hits) or other_number or (asks and reads_as_scam and not warned_asks)):
        hits.insert(0, signals.Hit(signals.FAKE_OFFICIAL, other_number))
        return hits, warned, likely, False
    impersonates = likely.get("scam", 0) >= WORDING_IMPOSTOR[0] and likely.get("official", 1.0) <= WORDING_IMPOSTOR[1]
    official = not impersonates and (
        (warning and (warned or signals.sounds_like_a_warning(plain)))
        or (not asks and likely.get("official", 0) >= WORDING_OFFICIAL)
    )
    return hits, warned, likely, official


def ranked_types(text, count=MAX_MATCHES):
    """The slugs of the types a message most resembles, best first, from its wording and its
    signs, whatever its verdict."""
    written_in = message_language(text)
    plain = plain_text(text, written_in)
    hits, _warned, _likely, _official = _evidence(plain)
    index = search.index_for(written_in)
    ranked = pointed(index.rank(plain), index, [hit.signal.code for hit in hits], wording.type_probabilities(plain))
    return [document.slug for document, _score in ranked[:count]]


def _resemblance(similar, index, written_in):
    """0, 1 or 2: how closely the message follows a known scam's script."""
    if not similar:
        return 0
    closeness = similar[0][1] / index.distinctive_idf
    return sum(closeness >= step for step in RESEMBLES[written_in])


def pointed(similar, index, codes, types=None):
    """[(document, score)], best first: the similarity to the catalogue, moved by the signs
    that point to a type and by the wording model's belief in each type (`types`, {slug:
    probability})."""
    targets = {slug for code in codes for slug in signals.POINTS_TO.get(code, ())}
    if not (targets or types) or not similar:
        return similar
    best = similar[0][1]
    scores = {document.pk: score for document, score in similar}
    documents = {document.pk: document for document in index.documents}
    for document in index.documents:
        bonus = (POINTING if document.slug in targets else 0.0) + TYPE_MODEL * (types or {}).get(document.slug, 0.0)
        if bonus:
            scores[document.pk] = scores.get(document.pk, 0.0) + best * bonus
    return sorted(((documents[pk], score) for pk, score in scores.items()), key=lambda pair: (-pair[1], pair[0].slug))


def _matches(ranked, index):
    """The types a risky message resembles, best first."""
    if not ranked or ranked[0][1] < MINIMUM_EVIDENCE * index.distinctive_idf:
        return []
    floor = ranked[0][1] * RELATIVE_CUTOFF
    return [Match(document.pk, score) for document, score in ranked[:MAX_MATCHES] if score >= floor]


def segments(text, spans):
    """The message cut into [(text, marked)] pieces, the spans (merged where they overlap) marked."""
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    pieces, position = [], 0
    for start, end in merged:
        if start > position:
            pieces.append((text[position:start], False))
        pieces.append((text[start:end], True))
        position = end
    if position < len(text):
        pieces.append((text[position:], False))
    return pieces


# --- Masking a shared message -----------------------------------------------------------
#
# Personal numbers are masked: mainland mobiles (138****5678), landlines with an area code,
# 18-character ID numbers and 13- to 19-digit card numbers, and e-mail addresses. Numbers
# that belong to no one person are kept, because they help warn others: short service
# numbers (110, 96110, 95588), 400 and 800 numbers, and 106 numbers that firms send texts from.

ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<![\d*])1[3-9]\d(?:[ -]?\d){8}(?![\d*])")
LANDLINE = re.compile(r"(?<![\d*])(0\d{2,3}[ -]?)(\d{7,8})(?![\d*])")
CARD_NUMBER = re.compile(r"(?<![\d*])(?!106)\d(?:[ -]?\d){12,18}(?![\d*])")
EMAIL = re.compile(r"\b([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})\b")


def _mask(text, keep_first, keep_last=4):
    """Stars for every digit (and an ID number's X) but the first and last few."""
    digits = sum(character.isdigit() or character in "Xx" for character in text)
    seen, masked = 0, []
    for character in text:
        if character.isdigit() or character in "Xx":
            seen += 1
            masked.append(character if seen <= keep_first or seen > digits - keep_last else "*")
        else:
            masked.append(character)
    return "".join(masked)


def mask_personal_numbers(text):
    text = ID_NUMBER.sub(lambda match: _mask(match.group(), 3), text)
    text = MOBILE.sub(lambda match: _mask(match.group(), 3), text)
    text = LANDLINE.sub(lambda match: match.group(1) + _mask(match.group(2), 0), text)
    text = CARD_NUMBER.sub(lambda match: _mask(match.group(), 4), text)
    return EMAIL.sub(r"\1***@\2", text)
