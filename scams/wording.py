"""How much a message's wording reads like the scam messages of the labelled corpus: a
linear model over character n-grams, trained by `manage.py build_checker_model` from
tests/scams/checker_corpus (the tuning four-fifths only) and shipped as a JSON file of
weights, so that nothing is fetched or unpickled at run time and scikit-learn is needed
only to train it.

It gives three probabilities, scam, innocent and official warning, that the checker uses
beside its named signs (scams/signals/): the signs say why, the wording catches scripts the
signs have no pattern for. A second part, trained on the corpus's scams alone, gives the
probability of each catalogue type, which helps similarity to the catalogue name the type.
"""

import json
import math
import re
from functools import lru_cache
from pathlib import Path

MODEL_PATH = Path(__file__).with_name("checker_model.json")
LABELS = ("scam", "innocent", "official")
NGRAMS = (1, 2, 3)
DIGITS = re.compile(r"\d")
SPACES = re.compile(r"\s+")


def features(plain):
    """The message's character n-grams, digits folded to 0 so that amounts and numbers
    count by their shape. `plain` is the checker's plain text (lower case, Simplified)."""
    text = " " + SPACES.sub(" ", DIGITS.sub("0", plain)).strip() + " "
    return [text[start : start + size] for size in NGRAMS for start in range(len(text) - size + 1)]


@lru_cache(maxsize=1)
def _model():
    if not MODEL_PATH.exists():
        return None
    return json.loads(MODEL_PATH.read_text(encoding="utf-8"))


@lru_cache(maxsize=4)
def _compiled(name):
    """A part of the model ("labels" or "types") arranged for scoring: its labels, their
    intercepts, and for each n-gram its idf and its weight for each label."""
    model = _model()
    if model is None:
        return None
    part = model if name == "labels" else model.get(name)
    if part is None:
        return None
    labels = LABELS if name == "labels" else tuple(sorted(part["intercepts"]))
    by_gram = {gram: (idf, []) for gram, idf in part["idf"].items()}
    for position, label in enumerate(labels):
        for gram, weight in part["coefficients"][label].items():
            by_gram[gram][1].append((position, weight))
    return labels, [part["intercepts"][label] for label in labels], by_gram


def warm():
    """Read and arrange the model now, as a worker starts, rather than on the first check."""
    _compiled("labels")
    _compiled("types")


def probabilities(plain):
    """{label: probability} for the message, or None when no model is installed. The same
    arithmetic as scikit-learn's TfidfVectorizer (sublinear tf, l2 norm) and multinomial
    LogisticRegression, on the weights kept in the file."""
    compiled = _compiled("labels")
    return _predict(compiled, plain) if compiled else None


def type_probabilities(plain):
    """{catalogue slug: probability} that a scam message follows that type's script, from
    the wording of the corpus's scams of each type; empty when no model is installed."""
    compiled = _compiled("types")
    return _predict(compiled, plain) if compiled else {}


@lru_cache(maxsize=8)
def _counts(plain):
    """How often each n-gram occurs; both parts of the model read the same message."""
    counts = {}
    for gram in features(plain):
        counts[gram] = counts.get(gram, 0) + 1
    return counts


def _predict(compiled, plain):
    labels, intercepts, by_gram = compiled
    counts = {gram: count for gram, count in _counts(plain).items() if gram in by_gram}
    weighted = {gram: (1 + math.log(count)) * by_gram[gram][0] for gram, count in counts.items()}
    norm = math.sqrt(sum(value * value for value in weighted.values())) or 1.0
    scores = list(intercepts)
    for gram, value in weighted.items():
        for position, weight in by_gram[gram][1]:
            scores[position] += value / norm * weight
    top = max(scores)
    exponents = [math.exp(score - top) for score in scores]
    total = sum(exponents)
    return {label: exponent / total for label, exponent in zip(labels, exponents, strict=True)}
