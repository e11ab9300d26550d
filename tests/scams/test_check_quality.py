"""How often the checker puts the right type among the (at most three) it names, measured on
realistic scam messages written for this test (scam_messages.toml). Run with -s to see
the rates; a failure names them and every miss."""

import tomllib
from pathlib import Path

from scams import checking
from tests.scams.test_search_quality import PAGE_LANGUAGES, describe, top_three_rate

MESSAGES = tomllib.loads((Path(__file__).parent / "scam_messages.toml").read_text(encoding="utf-8"))["message"]
GOAL = 0.85


def test_the_message_set_is_large_enough_in_both_languages():
    assert len(MESSAGES) >= 20
    assert {message["language"] for message in MESSAGES} == {"zh", "en"}


def test_the_right_type_is_named_for_most_scam_messages(catalogue):
    from scams.models import ScamType

    slugs = dict(ScamType.objects.values_list("pk", "slug"))

    def rank(text, language):
        return [slugs[match.pk] for match in checking.matching_types(text, PAGE_LANGUAGES[language])]

    rates, misses = top_three_rate(MESSAGES, rank)
    summary = f"checker top-3 rate: {describe(rates, MESSAGES)}"
    print(summary)
    assert min(rates.values()) >= GOAL, summary + "\n" + "\n".join(misses)
