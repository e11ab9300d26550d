import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from scams import corpus, wording
from scams.checking import message_language, plain_text

# Only the strongest n-grams are kept: the file stays small, and the test measures the
# model as shipped.
KEPT_FEATURES = 12000


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
        try:
            from sklearn.feature_extraction.text import TfidfVectorizer
            from sklearn.linear_model import LogisticRegression
        except ImportError:
            raise CommandError("scikit-learn is needed to train (pip install -r requirements-dev.txt)") from None
        messages = [message for message in _load(corpus) if not message.held_out]
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
        weights = {
            "trained_on": {label: labels.count(label) for label in wording.LABELS},
            "idf": {names[index]: round(float(vectorizer.idf_[index]), 6) for index in kept},
            "coefficients": {
                label: {names[index]: round(float(model.coef_[classes.index(label)][index]), 6) for index in kept}
                for label in wording.LABELS
            },
            "intercepts": {label: round(float(model.intercept_[classes.index(label)]), 6) for label in wording.LABELS},
        }
        output.write_text(json.dumps(weights, ensure_ascii=False, sort_keys=True, indent=0) + "\n", encoding="utf-8")
        self.stdout.write(f"Trained on {len(messages)} messages; kept {len(kept)} of {len(names)} n-grams: {output}")


def _load(path):
    try:
        return corpus.load(path)
    except (OSError, KeyError, ValueError) as error:
        raise CommandError(f"Cannot read the corpus at {path}: {error}") from None
