"""Fill-in letters: the bundled letter to parents and commitment letter with a unit's name,
a date and a campaign written in. The letter texts (texts.py) carry merge fields; `words`
fills them, or leaves them blank for the library's printed copies, and the same renderers
as the starter set's (starter.docx, the letter.html template) turn the result into a
DOCX or a PDF.

Only the bundled letters are filled in. An uploaded DOCX is not merged: it carries no merge
fields of ours, Word splits a line into runs wherever formatting or an edit history changes,
so finding and replacing words in someone else's document is guesswork that can garble it,
and the result would go out under a unit's name without a reviewer having read it. Staff who
want their own wording upload it for review; the unit fills their copy by hand.
"""

from django.utils import translation

from campaigns import filenames
from campaigns.models import Material
from fraudwatch.core.bilingual import is_english, text_in, written_in

from . import starter, texts

FILLABLE_KINDS = ("letter_to_parents", "commitment_letter")
LETTERS = {"letter-to-parents": texts.LETTER_TO_PARENTS, "commitment-letter": texts.COMMITMENT_LETTER}
FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
ENGLISH_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def letter_text(material):
    """The words of a letter that can be filled in (bundled, of a letter kind), or None."""
    if not material.is_bundled or material.kind.code not in FILLABLE_KINDS:
        return None
    return LETTERS.get(material.slug)


def is_fillable(material):
    return letter_text(material) is not None


class _Fields(dict):
    """Merge values; a field without one reads as nothing."""

    def __missing__(self, key):
        return ""


def date_text(day, language):
    if is_english(language):
        return f"{day.day} {ENGLISH_MONTHS[day.month - 1]} {day.year}"
    return f"{day.year}年{day.month}月{day.day}日"


def words(letter, language, *, unit=None, day=None, campaign=None):
    """The letter in `language` ("zh" or "en") with its merge fields filled: a blank copy
    when nothing is given, as the public library offers it."""
    text = letter[language]
    values = _Fields(text["blank"])
    letterhead = []
    if unit is not None:
        name = text_in(unit, "name", language)
        values.update(unit=name, unit_signature=name)
        letterhead.append(name)
    if day is not None:
        values["date"] = date_text(day, language)
    if campaign is not None:
        letterhead.append(text["campaign"].format_map(_Fields(campaign=text_in(campaign, "name", language))))

    def merge(template):
        return template.format_map(values).rstrip()

    return {
        "title": merge(text["title"]),
        "letterhead": " · ".join(letterhead),
        "greeting": merge(text["greeting"]),
        "paragraphs": [merge(paragraph) for paragraph in text["paragraphs"]],
        "signature": merge(text["signature"]),
        "receipt": merge(text["receipt"]),
    }


def render(material: Material, file_format, language, *, unit, day, campaign=None):
    """The filled letter as (bytes, content type, file name)."""
    filled = words(letter_text(material), language, unit=unit, day=day, campaign=campaign)
    data = starter.docx(filled) if file_format == "docx" else starter.letter_pdf(filled, language)
    with translation.override(written_in(language)):
        title, unit_name = text_in(material, "title", language), text_in(unit, "name", language)
        name = filenames.readable(title, unit_name, day.isoformat(), extension=file_format)
    return data, FORMATS[file_format], name
