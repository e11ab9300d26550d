"""What a bundled catalogue file (scams/catalogue/*.toml) must hold, checked before
anything is loaded (catalogue.read_bundle): every text in both languages, known tags and
hotlines, well-formed quiz questions, and bait pictures that show nothing a resident
could dial or visit by mistake."""

import datetime
import re

from . import hotlines
from .models import REQUIRED_TEXT_FIELDS, BaitKind, Tag

LIST_FIELDS = ("aliases", "steps", "phrases", "warning_signs", "protect", "if_targeted", "if_paid")
LANGUAGES = {"zh": "zh", "en": "en"}
# [bait] holds kind and sender; [zh.bait] and [en.bait] hold these, each a list but name.
BAIT_KEYS = ("name", "lines", "fields", "flags")

# The bait pictures must not show anything a resident could dial or visit by mistake: web
# addresses end in the reserved .example, and long numbers end in zeros (1069 0000 0000).
URL = re.compile(r"(?:https?://|www\.)[a-z0-9.-]+", re.IGNORECASE)
LONG_NUMBER = re.compile(r"\+?\d[\d -]{5,}\d")
# ... except the official numbers fraudsters make a phone show, which the picture shows as
# the resident sees them, since that is the lesson: a fake base station texts as 95588 or
# 10086, a call from abroad shows +110. Any other sender is invented, never a row of
# zeros (a placeholder teaches nothing).
SPOOFED_NUMBERS = {
    "110": "police",
    "95588": "ICBC",
    "95533": "China Construction Bank",
    "95599": "Agricultural Bank of China",
    "95566": "Bank of China",
    "10086": "China Mobile",
    "10010": "China Unicom",
    "10000": "China Telecom",
    "12366": "tax service",
}


def check_synonyms(groups):
    seen = set()
    for group in groups:
        code = group.get("code")
        if not code or code in seen:
            yield f"every synonym group needs a code of its own (found {code!r})"
        seen.add(code)
        if not any(len(group.get(language, [])) >= 2 for language in LANGUAGES):
            yield f"synonym group {code!r} needs two or more terms in at least one language"


def check_entry(stem, data, categories, tag_codes):
    if data.get("slug") != stem:
        yield f"slug {data.get('slug')!r} does not match the file name"
    category = categories.get(data.get("category"))
    if category is None or "parent" not in category:
        yield f"category {data.get('category')!r} is not a sub-category in the vocabulary"
    for key, kind in (("channels", Tag.Kind.CHANNEL), ("audiences", Tag.Kind.AUDIENCE)):
        for code in set(data.get(key, [])) - tag_codes[kind]:
            yield f"{key}: unknown code {code!r}"
    if not isinstance(data.get("last_reviewed"), datetime.date):
        yield "last_reviewed must be a date"
    if data.get("harm") not in range(1, 6):
        yield "harm must be a whole number from 1 (rare) to 5 (costs residents most, most often)"
    for language in LANGUAGES:
        text = data.get(language, {})
        for name in REQUIRED_TEXT_FIELDS:
            if not text.get(name):
                yield f"[{language}] {name} is missing"
        for case in text.get("cases", []):
            if not case.get("title") or not case.get("body"):
                yield f"[{language}] every case needs a title and a body"
    if len(data.get("zh", {}).get("cases", [])) != len(data.get("en", {}).get("cases", [])):
        yield "zh and en must tell the same number of cases"
    for number in set(data.get("official_lines", [])) - set(hotlines.OFFICIAL_LINES):
        yield f"official_lines: {number!r} is not a line the catalogue describes (scams/hotlines.py)"
    yield from _check_bait(data)
    yield from _check_quiz(data.get("quiz", []))


QUESTION_KEY = re.compile(r"^[a-z0-9-]+\Z")


def _check_quiz(questions):
    """Each [[quiz]] block: a unique key, 3 or 4 choices in each language (as many in both),
    the right answer among them, and a question and an explanation in both languages."""
    keys = set()
    for number, question in enumerate(questions, 1):
        key = question.get("key")
        where = f"quiz {key or number}"
        if not isinstance(key, str) or not QUESTION_KEY.match(key):
            yield f"{where}: key must be lower-case letters, digits and hyphens"
        elif key in keys:
            yield f"{where}: key is used twice"
        keys.add(key)
        counts = set()
        for language in LANGUAGES:
            text = question.get(language, {})
            choices = text.get("choices", [])
            if not isinstance(choices, list) or not 3 <= len(choices) <= 4:
                yield f"{where}: [{language}] needs 3 or 4 choices"
            elif not all(isinstance(choice, str) and choice.strip() and "\n" not in choice for choice in choices):
                yield f"{where}: [{language}] every choice must be one line of text"
            counts.add(len(choices) if isinstance(choices, list) else -1)
            for name in ("question", "explain"):
                if not isinstance(text.get(name), str) or not text[name].strip():
                    yield f"{where}: [{language}] {name} is missing"
        if len(counts) > 1:
            yield f"{where}: zh and en must give the same number of choices"
        answer = question.get("answer")
        if not isinstance(answer, int) or isinstance(answer, bool) or not 0 <= answer < min(counts):
            yield f"{where}: answer must be the 0-based number of one of the choices"


def _check_bait(data):
    bait = data.get("bait")
    if bait is None:
        return
    if bait.get("kind") not in BaitKind.values:
        yield f"bait.kind must be one of {', '.join(BaitKind.values)}"
    shown = [bait.get("sender", "")]
    for language in LANGUAGES:
        text = data.get(language, {}).get("bait", {})
        for key in ("lines", "flags"):
            if not text.get(key):
                yield f"[{language}.bait] {key} is missing"
        shown += [text.get("name", ""), *text.get("lines", []), *text.get("fields", [])]
    problems = {problem for value in shown for problem in [*looks_real(value), *placeholders(value)]}
    problems.update(sender_problems(bait.get("sender", "")))
    for problem in sorted(problems):
        yield f"bait: {problem}"


def placeholders(text):
    """Numbers in `text` that are rows of zeros: a picture should show a number as the
    resident would see it."""
    for number in LONG_NUMBER.findall(text):
        if set(re.sub(r"\D", "", number)) == {"0"}:
            yield f"{number!r} is a placeholder; show a number as the resident would see it"


def sender_problems(sender):
    """A short sender must be an official number that fraudsters fake (long ones are
    checked by looks_real, addresses too)."""
    digits = re.sub(r"\D", "", sender)
    if URL.search(sender) or not digits or len(digits) >= 7:
        return
    if digits not in SPOOFED_NUMBERS:
        yield (
            f"sender {sender!r} is a short number but not an official one that fraudsters fake "
            f"({', '.join(SPOOFED_NUMBERS)}); invent one ending in six zeros instead"
        )


def looks_real(text):
    """What in `text` could be a real web address or phone number."""
    for address in URL.findall(text):
        host = address.split("//")[-1].lower().rstrip(".")
        if not host.endswith(".example"):
            yield f"{address!r} is not an example.com-style address ending in .example"
    for number in LONG_NUMBER.findall(text):
        digits = re.sub(r"\D", "", number)
        if len(digits) >= 7 and not digits.endswith("000000"):
            yield f"{number!r} could be a real number; end it in six zeros"
