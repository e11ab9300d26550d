"""The checker measured on its labelled corpus (tests/scams/checker_corpus): scams, everyday
messages and genuine warnings written for this project. The rules and the wording model
were tuned on four-fifths of it; the fifth held out (scams.corpus.is_held_out) was never
read while tuning, and its figures are reported apart. Run with -s to see them."""

import pytest

from scams import checking, corpus

MESSAGES = corpus.load()
# The targets, on the tuning part and on the held-out fifth alike.
TARGETS = {
    "false high on everyday messages": ("<=", 0.03),
    "high or medium on everyday messages": ("<=", 0.10),
    "scams given high or medium": (">=", 0.95),
    "right type in the top three": (">=", 0.90),
    "genuine warnings recognised": (">=", 0.95),
}
# The fourth and fifth corpus batches were each written by someone who had not seen the rules.
# Measured on each batch as it arrived, before any change, the rules did worse than on the
# corpus they were tuned on (batch five: 80% of warnings recognised, 19% of everyday
# messages alarmed), which is why the batches were added. Tuning read only their tuning parts.
HELD_OUT_FLOORS = {}


def test_the_corpus_is_large_and_covers_every_type_in_both_languages(catalogue):
    from scams.models import ScamType

    by_label = {label: [m for m in MESSAGES if m.label == label] for label in ("scam", "innocent", "official")}
    assert len(by_label["scam"]) >= 300 and len(by_label["innocent"]) >= 300
    assert len(by_label["official"]) >= 40
    for slug in ScamType.objects.values_list("slug", flat=True):
        for language in ("zh", "en"):
            count = sum(slug in m.types and checking.message_language(m.text) == language for m in by_label["scam"])
            assert count >= 4, f"{slug} has {count} {language} scam messages"
    held_out = [m for m in MESSAGES if m.held_out]
    assert 0.15 <= len(held_out) / len(MESSAGES) <= 0.25


def measure(messages):
    """The figures of TARGETS for these messages, with the misses behind each."""
    counts = {name: [0, 0] for name in TARGETS}
    misses = {name: [] for name in TARGETS}

    def count(name, hit, message, got):
        counts[name][0] += hit
        counts[name][1] += 1
        if not hit and len(misses[name]) < 15:
            misses[name].append(f"{got}: {message.text[:90]}")

    for message in messages:
        answer = checking.check(message.text, "zh-hans")
        if message.label == "innocent":
            count("false high on everyday messages", answer.risk != "high", message, answer.risk)
            count("high or medium on everyday messages", answer.risk not in ("high", "medium"), message, answer.risk)
        elif message.label == "official":
            count("genuine warnings recognised", answer.risk == "official", message, answer.risk)
        else:
            count("scams given high or medium", answer.risk in ("high", "medium"), message, answer.risk)
            # The type is named from the wording and the signs, whatever the verdict.
            top = checking.ranked_types(message.text)
            count("right type in the top three", bool(set(top) & set(message.types)), message, top)
    figures = {}
    for name, (good, total) in counts.items():
        share = good / total
        # The two false-alarm figures count the messages that were not alarmed.
        figures[name] = 1 - share if TARGETS[name][0] == "<=" else share
    return figures, misses


def report(label, figures, messages):
    lines = [f"checker on the {label} ({len(messages)} messages):"]
    lines += [
        f"  {name}: {value:.1%} (target {TARGETS[name][0]} {TARGETS[name][1]:.0%})" for name, value in figures.items()
    ]
    return "\n".join(lines)


def meets(name, value, target):
    comparison, limit = target
    return value <= limit if comparison == "<=" else value >= limit


@pytest.mark.django_db
def test_the_checker_meets_its_targets_on_the_tuning_corpus(catalogue):
    messages = [m for m in MESSAGES if not m.held_out]
    figures, misses = measure(messages)
    summary = report("tuning four-fifths", figures, messages)
    print(summary)
    failing = [name for name, value in figures.items() if not meets(name, value, TARGETS[name])]
    assert not failing, summary + "\n" + "\n".join(f"{name}: {misses[name]}" for name in failing)


@pytest.mark.django_db
def test_the_checker_on_the_held_out_fifth(catalogue):
    messages = [m for m in MESSAGES if m.held_out]
    figures, misses = measure(messages)
    summary = report("held-out fifth", figures, messages)
    print(summary)
    required = {name: (comparison, HELD_OUT_FLOORS.get(name, limit)) for name, (comparison, limit) in TARGETS.items()}
    failing = [name for name, value in figures.items() if not meets(name, value, required[name])]
    assert not failing, summary + "\n" + "\n".join(f"{name}: {misses[name]}" for name in failing)
