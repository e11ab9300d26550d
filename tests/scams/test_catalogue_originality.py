"""Every catalogue text is our own writing: none of it is lifted from the seed document.

The seed (shared/seed/*.txt) is a set of Chinese work reports in Traditional characters,
with pinyin readings left behind by its conversion, e.g. 監(jiān)管. The catalogue is in
Simplified characters. Both are brought to one form before comparing: pinyin readings,
whitespace and punctuation removed, full-width forms folded, Traditional characters
turned into Simplified ones. A catalogue string fails when it shares RUN or more
consecutive characters of that form with the seed.
"""

import os
import re
import tomllib
import unicodedata
from pathlib import Path

import opencc
import pytest

from scams import catalogue

RUN = 15
REPO = Path(__file__).resolve().parents[2]

_to_simplified = opencc.OpenCC("t2s")
_PINYIN_READING = re.compile(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]+[)）]")


def normalise(text):
    text = unicodedata.normalize("NFKC", _PINYIN_READING.sub("", text))
    text = _to_simplified.convert(text)
    return "".join(ch for ch in text if ch.isalnum()).lower()


def runs_index(text):
    """Every RUN-character window of the normalised text."""
    text = normalise(text)
    return {text[start : start + RUN] for start in range(len(text) - RUN + 1)}


def shared_runs(text, index):
    """The runs of RUN or more normalised characters that `text` shares with the indexed seed."""
    text = normalise(text)
    found, start = [], 0
    while start <= len(text) - RUN:
        if text[start : start + RUN] in index:
            end = start + RUN
            while end < len(text) and text[end - RUN + 1 : end + 1] in index:
                end += 1
            found.append(text[start:end])
            start = end
        else:
            start += 1
    return found


def strings_in(value, path=""):
    """(path, string) for every string value in a parsed TOML document."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings_in(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for position, item in enumerate(value):
            yield from strings_in(item, f"{path}[{position}]")


def seed_folder():
    configured = os.environ.get("FRAUDWATCH_SEED_DIR")
    return Path(configured) if configured else REPO.parent / "shared" / "seed"


def seed_index():
    """The indexed seed, or fail (in CI) or skip (elsewhere) when it is not there."""
    folder = seed_folder()
    files = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    if not files:
        message = (
            f"The seed document was not found: no *.txt file in {folder}. "
            "Set FRAUDWATCH_SEED_DIR to the folder that holds it."
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    index = set()
    for path in files:
        index |= runs_index(path.read_text(encoding="utf-8"))
    return index


def test_no_catalogue_text_shares_a_long_run_with_the_seed():
    index = seed_index()
    copied = []
    for path in sorted(catalogue.CATALOGUE_DIR.glob("*.toml")):
        document = tomllib.loads(path.read_text(encoding="utf-8"))
        for where, text in strings_in(document):
            copied.extend(f"{path.name} {where}: {run}" for run in shared_runs(text, index))
    assert not copied, f"Catalogue text shares {RUN}+ characters with the seed; rewrite it:\n" + "\n".join(copied)


def test_a_run_copied_from_the_traditional_seed_is_caught_in_simplified_form():
    seed = "以提供“安全賬戶、監(jiān)管賬戶、證明清白”為由,要求您將名下存款轉入其提供的賬戶"
    index = runs_index(seed)
    copied = "骗子会以提供 安全账户，监管账户，证明清白 为由骗钱。"
    assert shared_runs(copied, index) == ["以提供安全账户监管账户证明清白为由"]
    assert shared_runs("骗子会以提供安全账户和证明清白为由骗钱。", index) == []
