"""How much a message's wording reads like the scam messages of the labelled corpus: a
linear model over character n-grams, trained by `manage.py build_checker_model` from
tests/scams/checker_corpus (the tuning four-fifths only) and shipped as a JSON file of
weights, so that nothing is fetched or unpickled at run time and scikit-learn is needed
only to train it.

It gives three probabilities, scam, innocent and official warning, that the checker uses
beside its named signs (signals.py): the signs say why, the wording catches scripts the
signs have no pattern for.
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


def probabilities(plain):
    """{label: probability} for the message, or None when no model is installed. The same
    arithmetic as scikit-learn's TfidfVectorizer (sublinear tf, l2 norm) and multinomial
    LogisticRegression, on the weights kept in the file."""
    model = _model()
    if model is None:
        return None
    counts = {}
    for gram in features(plain):
        if gram in model["idf"]:
            counts[gram] = counts.get(gram, 0) + 1
    weighted = {gram: (1 + math.log(count)) * model["idf"][gram] for gram, count in counts.items()}
    norm = math.sqrt(sum(value * value for value in weighted.values())) or 1.0
    scores = []
    for label in LABELS:
        coefficients = model["coefficients"][label]
        scores.append(
            model["intercepts"][label]
            + sum(value / norm * coefficients.get(gram, 0.0) for gram, value in weighted.items())
        )
    top = max(scores)
    exponents = [math.exp(score - top) for score in scores]
    total = sum(exponents)
    return {label: exponent / total for label, exponent in zip(LABELS, exponents, strict=True)}
