import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from scams import corpus, wording
from scams.checking import message_language, plain_text

# Only the strongest n-grams are kept: the file stays small, and the test measures the
# model as shipped.
KEPT_FEATURES = 12000
# The type model keeps each type's strongest n-grams; its regularisation was chosen by
# cross-validation within the tuning four-fifths.
KEPT_PER_TYPE = 600
TYPE_C = 30.0


class Command(BaseCommand):
    help = (
        "Train the checker's wording model from the labelled corpus (its tuning four-fifths) and write "
        "scams/checker_model.json. Needs scikit-learn (a development requirement); the same corpus gives "
        "the same file."
    )

    def add_arguments(self, parser):
        parser.add_argument("--corpus", type=Path, default=corpus.DEFAULT_PATH)
        parser.add_argument("--output", type=Path, default=wording.MODEL_PATH)

    def handle(self, *args, corpus=None, output=None, **options):
        messages = [message for message in _load(corpus) if not message.held_out]
        weights = train(messages)
        output.write_text(json.dumps(weights, ensure_ascii=False, sort_keys=True, indent=0) + "\n", encoding="utf-8")
        self.stdout.write(
            f"Trained on {len(messages)} messages; kept {len(weights['idf'])} of {weights['n_grams_seen']} n-grams: "
            f"{output}"
        )


def train(messages):
    """The model's weights (as written to the file) learnt from these labelled messages."""
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        raise CommandError("scikit-learn is needed to train (pip install -r requirements-dev.txt)") from None
    texts = [plain_text(message.text, message_language(message.text)) for message in messages]
    labels = [message.label for message in messages]
    vectorizer = TfidfVectorizer(analyzer=wording.features, sublinear_tf=True, min_df=2)
    matrix = vectorizer.fit_transform(texts)
    model = LogisticRegression(C=8.0, max_iter=5000)
    model.fit(matrix, labels)
    names = vectorizer.get_feature_names_out()
    classes = list(model.classes_)
    strength = abs(model.coef_).max(axis=0)
    kept = sorted(range(len(names)), key=lambda index: (-strength[index], names[index]))[:KEPT_FEATURES]
    kept.sort(key=lambda index: names[index])
    return {
        "types": _train_types(vectorizer, matrix, messages),
        "trained_on": {label: labels.count(label) for label in wording.LABELS},
        "n_grams_seen": len(names),
        "idf": {names[index]: round(float(vectorizer.idf_[index]), 6) for index in kept},
        "coefficients": {
            label: {names[index]: round(float(model.coef_[classes.index(label)][index]), 6) for index in kept}
            for label in wording.LABELS
        },
        "intercepts": {label: round(float(model.intercept_[classes.index(label)]), 6) for label in wording.LABELS},
    }


def _train_types(vectorizer, matrix, messages):
    """Which catalogue type a scam message follows, learnt from the corpus's scams (a message
    listed under two types counts half for each). Only each type's strongest n-grams are kept."""
    from sklearn.linear_model import LogisticRegression

    rows, types, weights = [], [], []
    for row, message in enumerate(messages):
        if message.label == "scam":
            for slug in message.types:
                rows.append(row)
                types.append(slug)
                weights.append(1 / len(message.types))
    model = LogisticRegression(C=TYPE_C, max_iter=5000)
    model.fit(matrix[rows], types, sample_weight=weights)
    names = vectorizer.get_feature_names_out()
    coefficients, kept = {}, set()
    for position, slug in enumerate(model.classes_):
        row = model.coef_[position]
        strongest = sorted(range(len(names)), key=lambda index: (-abs(row[index]), names[index]))[:KEPT_PER_TYPE]
        coefficients[str(slug)] = {names[index]: round(float(row[index]), 5) for index in strongest}
        kept.update(strongest)
    return {
        "idf": {names[index]: round(float(vectorizer.idf_[index]), 6) for index in sorted(kept)},
        "coefficients": coefficients,
        "intercepts": {
            str(slug): round(float(model.intercept_[position]), 6) for position, slug in enumerate(model.classes_)
        },
    }


def _load(path):
    try:
        return corpus.load(path)
    except (OSError, KeyError, ValueError) as error:
        raise CommandError(f"Cannot read the corpus at {path}: {error}") from None
