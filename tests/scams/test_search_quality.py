"""How often the catalogue search puts the right type in its top three, measured on
everyday questions written for this test (everyday_questions.toml). Run with -s to see
the rates; a failure names them and every miss."""

import tomllib
from pathlib import Path

from scams import search

QUESTIONS = tomllib.loads((Path(__file__).parent / "everyday_questions.toml").read_text(encoding="utf-8"))["question"]
PAGE_LANGUAGES = {"zh": "zh-hans", "en": "en"}
GOAL = 0.90


def test_the_question_set_is_large_enough_in_both_languages():
    assert sum(question["language"] == "zh" for question in QUESTIONS) >= 20
    assert sum(question["language"] == "en" for question in QUESTIONS) >= 20


def top_three_rate(questions, rank):
    """(rate per language and overall, misses) where rank(text, language) lists slugs best first."""
    found, misses = {}, []
    for question in questions:
        top = rank(question["text"], question["language"])[:3]
        hit = bool(set(top) & set(question["expect"]))
        found.setdefault(question["language"], []).append(hit)
        if not hit:
            misses.append(f"{question['text']!r}: expected {question['expect']}, got {top}")
    rates = {language: sum(hits) / len(hits) for language, hits in found.items()}
    rates["all"] = sum(sum(hits) for hits in found.values()) / len(questions)
    return rates, misses


def describe(rates, questions):
    counts = {language: sum(q["language"] == language for q in questions) for language in ("zh", "en")}
    return ", ".join(
        f"{language} {rates[language]:.0%} of {counts.get(language, len(questions))}"
        for language in ("zh", "en", "all")
    )


def test_the_right_type_is_in_the_top_three_for_nine_questions_in_ten(catalogue):
    slugs = {}

    def rank(text, language):
        if not slugs:
            from scams.models import ScamType

            slugs.update(ScamType.objects.values_list("pk", "slug"))
        return [slugs[pk] for pk in search.search(text, PAGE_LANGUAGES[language])]

    rates, misses = top_three_rate(QUESTIONS, rank)
    summary = f"search top-3 rate: {describe(rates, QUESTIONS)}"
    print(summary)
    assert min(rates.values()) >= GOAL, summary + "\n" + "\n".join(misses)
