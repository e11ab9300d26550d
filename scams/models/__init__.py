"""The scams app's models, by what they hold; every one is importable from here."""

from .catalogue import (
    BAIT_TEXT_FIELDS,
    EN,
    HARM_DEFAULT,
    ONE_PER_LINE,
    OPTIONAL_TEXT_FIELDS,
    REQUIRED_TEXT_FIELDS,
    TEXT_FIELDS,
    ZH,
    BaitKind,
    CaseStory,
    Category,
    ScamType,
    ScamTypeQuerySet,
    Synonym,
    Tag,
)
from .questions import QUESTION_KEY, Question, QuestionQuerySet
from .residents import Risk, SharedMessage, ShareStatus, Sighting

__all__ = [
    "BAIT_TEXT_FIELDS",
    "EN",
    "HARM_DEFAULT",
    "ONE_PER_LINE",
    "OPTIONAL_TEXT_FIELDS",
    "QUESTION_KEY",
    "REQUIRED_TEXT_FIELDS",
    "TEXT_FIELDS",
    "ZH",
    "BaitKind",
    "CaseStory",
    "Category",
    "Question",
    "QuestionQuerySet",
    "Risk",
    "ScamType",
    "ScamTypeQuerySet",
    "ShareStatus",
    "SharedMessage",
    "Sighting",
    "Synonym",
    "Tag",
]
