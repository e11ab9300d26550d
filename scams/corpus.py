"""The checker's labelled corpus (tests/scams/checker_corpus): messages written for this
project, each a scam, an everyday message or a genuine anti-fraud warning, and impostors
that claim to be warnings. A fixed fifth of it, chosen by a hash of each text, is held
out: neither the rules' tuning nor the model's training reads it, and the quality test
reports it apart."""

import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

DEFAULT_PATH = Path(settings.BASE_DIR) / "tests" / "scams" / "checker_corpus"
# File name prefix -> label; impostors (in the official files) are scams.
LABELS = {"scams": "scam", "innocent": "innocent", "official": "official"}


@dataclass(frozen=True)
class Message:
    text: str
    label: str  # scam, innocent or official
    types: tuple  # catalogue slugs, for scams
    impostor: bool = False

    @property
    def held_out(self):
        return is_held_out(self.text)


def is_held_out(text):
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest(), 16) % 5 == 0


def load(path=DEFAULT_PATH):
    messages = []
    for file in sorted(Path(path).glob("*.toml")):
        label = LABELS[file.stem.split("_")[0]]
        data = tomllib.loads(file.read_text(encoding="utf-8"))
        for entry in data.get("message", []):
            messages.append(Message(entry["text"], label, tuple(entry.get("types", ()))))
        for entry in data.get("impostor", []):
            messages.append(Message(entry["text"], "scam", tuple(entry.get("types", ())), impostor=True))
    return messages
