"""Ranking scam types for what a resident types: a few words in the catalogue's search box,
or a whole message pasted into the checker.

Text is analysed into terms. Chinese is segmented into words with jieba, whose dictionary
also learns the catalogue's own names, aliases and synonyms; because jieba may split a
resident's phrasing differently from the catalogue's, every run of Chinese characters is
also indexed as overlapping character pairs, which count for less than whole words.
English words are lower-cased and reduced to their stems (Snowball), so "investing" meets
"investment". A query is widened with the synonym groups it touches.

Types are ranked with BM25F: a term counts more in the name and aliases than in the
fraudster's phrases and the warning signs, and more there than in the rest of the text.
The index is built in this process once per catalogue version (`pagecache.version()`, which
every catalogue or synonym change moves on) and language, so a search runs no query of its own.
"""

import logging
import math
import re
import threading
import unicodedata
import warnings
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer
from django.db.models import Prefetch

from fraudwatch.core import pagecache
from fraudwatch.core.bilingual import as_stored, suffix_for, text_in

# How much one occurrence of a term counts in each field of a scam type.
FIELD_WEIGHTS = {
    "name": 4.0,
    "aliases": 4.0,
    "phrases": 2.0,
    "warning_signs": 2.0,
    "summary": 1.0,
    "steps": 1.0,
    "impersonates": 1.0,
    "cases": 1.0,
    "protect": 0.5,
    "if_targeted": 0.5,
    "if_paid": 0.5,
}
# The fields the checker quotes when it shows which catalogue line a sentence resembles.
QUOTED_FIELDS = ("phrases", "warning_signs")
K1 = 1.2  # how soon repeating a term stops adding to the score
B = 0.75  # how much a long field is discounted
PAIR_WEIGHT = 0.3  # a character pair, against a whole word
SYNONYM_WEIGHT = 0.6  # a term brought in by a synonym, against one typed
PAIR = "~"  # marks character-pair terms, which must never meet word terms

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
TOKENS = re.compile(rf"([{CJK}]+)|([a-z0-9]+)")
HAS_CJK = re.compile(rf"[{CJK}]")
ENGLISH_CONTRACTIONS = [(re.compile(r"n['’]t\b"), " not"), (re.compile(r"['’](?:s|re|ve|ll|d|m)\b"), "")]


def _words(text):
    return frozenset(text.split())


ZH_STOPWORDS = _words(
    "的 了 是 我 你 您 他 她 它 我们 你们 他们 她们 在 和 与 或 就 都 也 还 又 把 被 让 给 说 要 会 能 "
    "可以 这 那 这个 那个 个 吗 呢 吧 啊 呀 么 什么 怎么 怎么办 一个 有 没有 不 从 到 对 自己 之 其 "
    "而 及 等 着 过 地 得 很 该 为 为了 但 但是 如果 就是 这样 那样 一下 一些 已经 然后 所以 因为 "
    "这是 是不是 还是 请问 问 想 人 时候"
)
EN_STOPWORDS = _words(
    "a about after again all also am an and any are as at be been before being but by can could did "
    "do does doing for from get got had has have having he her here him his how i if in into is it its "
    "just me more most my no not now of on once one only or other our out over own said same say says "
    "she should so some such than that the their them then there these they this those through to too "
    "under until up us very was we were what when where which while who whom why will with would you "
    "your yours ca wo someone something anyone anything thing things tell told asks asked ask want wants "
    "wanted keep keeps really still even let lets"
)

logger = logging.getLogger(__name__)


def language_key(language):
    """The catalogue columns a page language reads: every Chinese variant reads the Chinese."""
    return suffix_for(language)


# --- Analysis ----------------------------------------------------------------------------

_segmenter = None
_segmenter_lock = threading.Lock()
_known_words = set()
_stemmer = snowballstemmer.stemmer("english")
_stemmer_lock = threading.Lock()  # a Snowball stemmer keeps its work in the object


def segmenter():
    """jieba's tokenizer, its default dictionary loaded on first use (about half a second),
    once per process. jieba narrates that load on its own logger; it is kept quiet."""
    global _segmenter
    if _segmenter is None:
        with _segmenter_lock:
            if _segmenter is None:
                with warnings.catch_warnings():
                    # jieba 0.42 looks for pkg_resources and works without it.
                    warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)
                    import jieba
                logging.getLogger("jieba").setLevel(logging.WARNING)
                tokenizer = jieba.Tokenizer()
                tokenizer.initialize()
                _segmenter = tokenizer
    return _segmenter


def teach_words(words):
    """Make each Chinese word (a type's name, an alias, a synonym) one word to jieba, so a
    phrase like 做任务 or 安全账户 is not cut in pieces. Words stay known for the life of the
    process; one an administrator has since removed changes only how text is cut."""
    tokenizer = segmenter()
    for word in words:
        for run in re.findall(rf"[{CJK}]{{2,12}}", normalise(word)):
            if run not in _known_words:
                tokenizer.add_word(run)
                _known_words.add(run)


def normalise(text):
    """Full-width letters, digits and punctuation as their plain forms; lower case."""
    return unicodedata.normalize("NFKC", text).lower()


@lru_cache(maxsize=50_000)
def stem(word):
    with _stemmer_lock:
        return _stemmer.stemWord(word)


@dataclass(frozen=True)
class Analysis:
    words: tuple  # jieba words and English stems, in order, stop words left out
    pairs: tuple  # overlapping pairs of Chinese characters, marked with PAIR

    def counts(self):
        return Counter(self.words) + Counter(self.pairs)


def analyse(text):
    text = normalise(text)
    for pattern, replacement in ENGLISH_CONTRACTIONS:
        text = pattern.sub(replacement, text)
    words, pairs = [], []
    for chinese, latin in TOKENS.findall(text):
        if chinese:
            words.extend(w for w in segmenter().cut(chinese, HMM=False) if w not in ZH_STOPWORDS)
            pairs.extend(PAIR + chinese[i : i + 2] for i in range(len(chinese) - 1))
        elif len(latin) > 1 and latin not in EN_STOPWORDS:
            words.append(stem(latin))
    return Analysis(tuple(words), tuple(pairs))


def _contains(sequence, part):
    size = len(part)
    return any(sequence[i : i + size] == part for i in range(len(sequence) - size + 1))


# --- The index ---------------------------------------------------------------------------


@dataclass
class Line:
    """One catalogue phrase or warning sign, as the checker quotes it."""

    field: str
    text: str
    counts: Counter


@dataclass
class Document:
    pk: int
    slug: str
    weighted: dict  # term -> field-weighted, length-normalised frequency (BM25F)
    lines: list = field(default_factory=list)


@dataclass
class SynonymTerm:
    text: str  # normalised, for finding a Chinese term inside a query
    analysis: Analysis


class Index:
    def __init__(self, types, synonym_groups):
        """types: [(pk, slug, {field: text})]; synonym_groups: [[term, ...], ...]."""
        teach_words(
            [term for group in synonym_groups for term in group]
            + [line for _, _, texts in types for name in ("name", "aliases") for line in texts[name].splitlines()]
        )
        analysed = [
            (pk, slug, {name: analyse(texts[name]).counts() for name in FIELD_WEIGHTS}) for pk, slug, texts in types
        ]
        self.size = len(analysed)
        average = {
            name: (sum(sum(fields[name].values()) for _, _, fields in analysed) / self.size if self.size else 0) or 1
            for name in FIELD_WEIGHTS
        }
        document_frequency = Counter()
        self.documents = []
        for (pk, slug, fields), (_, _, texts) in zip(analysed, types, strict=True):
            weighted = Counter()
            for name, counts in fields.items():
                norm = 1 - B + B * sum(counts.values()) / average[name]
                for term, count in counts.items():
                    weighted[term] += FIELD_WEIGHTS[name] * count / norm
            document_frequency.update(weighted.keys())
            lines = [
                Line(name, line.strip(), analyse(line).counts())
                for name in QUOTED_FIELDS
                for line in texts[name].splitlines()
                if line.strip()
            ]
            self.documents.append(Document(pk, slug, dict(weighted), lines))
        self.idf = {term: _idf(self.size, count) for term, count in document_frequency.items()}
        # What a term found in one type only is worth: the unit of evidence for the checker.
        self.distinctive_idf = _idf(self.size, 1)
        self.synonyms = [
            [SynonymTerm(normalise(term), analyse(term)) for term in group]
            for group in synonym_groups
            if len(group) > 1
        ]

    def query(self, text):
        """{term: weight} for a resident's words: typed words count fully, character pairs
        and the other terms of each synonym group touched count less."""
        analysis = analyse(text)
        weights = dict.fromkeys(analysis.pairs, PAIR_WEIGHT)
        weights.update(dict.fromkeys(analysis.words, 1.0))
        plain = normalise(text)
        for group in self.synonyms:
            if not any(self._mentions(plain, analysis, term) for term in group):
                continue
            for term in group:
                for word in term.analysis.words:
                    weights[word] = max(weights.get(word, 0), SYNONYM_WEIGHT)
                for pair in term.analysis.pairs:
                    weights[pair] = max(weights.get(pair, 0), SYNONYM_WEIGHT * PAIR_WEIGHT)
        return {term: weight for term, weight in weights.items() if term in self.idf}

    @staticmethod
    def _mentions(plain, analysis, term):
        if HAS_CJK.search(term.text):
            return term.text in plain
        return bool(term.analysis.words) and _contains(analysis.words, term.analysis.words)

    def score(self, weights, frequencies):
        total = 0.0
        for term, weight in weights.items():
            frequency = frequencies.get(term)
            if frequency:
                total += weight * self.idf[term] * frequency * (K1 + 1) / (frequency + K1)
        return total

    def rank(self, text):
        """[(document, score)] for every type the text touches, best first."""
        weights = self.query(text)
        scored = [(document, self.score(weights, document.weighted)) for document in self.documents]
        scored = [(document, score) for document, score in scored if score > 0]
        scored.sort(key=lambda pair: (-pair[1], pair[0].slug))
        return scored


def _idf(size, count):
    return math.log(1 + (size - count + 0.5) / (count + 0.5))


# --- One index per catalogue version and language -------------------------------------------

_indexes = {}
_indexes_lock = threading.Lock()


def index_for(language):
    """The index for the catalogue as it is now, built on the first search after a change."""
    key = (pagecache.version(), language_key(language))
    index = _indexes.get(key)
    if index is None:
        with _indexes_lock:
            index = _indexes.get(key)
            if index is None:
                index = _build(key[1])
                # Indexes of older versions are of no more use.
                for old in [old for old in _indexes if old[0] != key[0]]:
                    del _indexes[old]
                _indexes[key] = index
    return index


def warm():
    """Build the index of both languages now, as a worker starts (fraudwatch/wsgi.py), so
    that no resident's first search or check waits for it. A database that is not ready
    yet (migrations still to run) leaves the build to the first request."""
    from django.db import DatabaseError

    from . import wording

    wording.warm()  # the checker's model file, read and arranged once
    try:
        for language in ("zh", "en"):
            index_for(language)
    except DatabaseError as error:
        logger.warning("search index not built at start: %s", error)


def _build(suffix):
    from .models import CaseStory, ScamType, Synonym

    types = []
    scams = ScamType.objects.published().prefetch_related(Prefetch("cases", queryset=CaseStory.objects.order_by()))
    for scam in scams.order_by("slug"):
        texts = {name: _text(scam, name, suffix) for name in FIELD_WEIGHTS if name != "cases"}
        texts["cases"] = "\n".join(_text(case, name, suffix) for case in scam.cases.all() for name in ("title", "body"))
        types.append((scam.pk, scam.slug, texts))
    groups = [synonym.terms(suffix) for synonym in Synonym.objects.all()]
    logger.info("search index built: %s types, %s synonym groups, language %s", len(types), len(groups), suffix)
    return Index(types, groups)


def _text(obj, name, suffix):
    """The text a page in this language shows: the Chinese where the English is missing."""
    return str(text_in(obj, name, suffix))


# --- What the pages ask -------------------------------------------------------------------

RELATIVE_CUTOFF = 0.25  # a result scoring below this share of the best one is noise


def search(query, language):
    """The pks of the types that answer a search, best first."""
    ranked = index_for(language).rank(as_stored(query, language))
    if not ranked:
        return []
    floor = ranked[0][1] * RELATIVE_CUTOFF
    return [document.pk for document, score in ranked if score >= floor]
