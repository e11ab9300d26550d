"""Load the bundled catalogue (scams/catalogue/*.toml) into the database.

Loading is idempotent and respects administrators: a type is created when it is
missing, updated when its bundled file changed and nobody has edited the row since
the last load, and otherwise left alone.
"""

import datetime
import hashlib
import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from fraudwatch.core import pagecache
from fraudwatch.core.bilingual import traditional_of

from .catalogue_checks import (  # noqa: F401 -- looks_real: the bait tests ask catalogue
    BAIT_KEYS,
    LANGUAGES,
    LIST_FIELDS,
    check_entry,
    check_synonyms,
    looks_real,
)
from .models import (
    HARM_DEFAULT,
    OPTIONAL_TEXT_FIELDS,
    REQUIRED_TEXT_FIELDS,
    CaseStory,
    Category,
    Question,
    ScamType,
    Synonym,
    Tag,
)

CATALOGUE_DIR = Path(__file__).resolve().parent / "catalogue"
VOCABULARY_FILE = "_vocabulary.toml"
# Added after the first edition. A row holding their defaults digests as it did before they
# existed, so catalogues loaded by an older version still take bundled updates.
EXTRA_DEFAULTS = {"recovery": True, "official_lines": "", "bait_kind": "", "bait_sender": "", "harm": HARM_DEFAULT} | {
    f"bait_{key}_{suffix}": "" for key in BAIT_KEYS for suffix in LANGUAGES.values()
}


class CatalogueError(Exception):
    def __init__(self, problems):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class LoadResult:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    kept: list = field(default_factory=list)  # edited in the admin since the last load
    vocabulary_created: int = 0
    synonyms_created: int = 0
    synonyms_updated: int = 0
    questions_created: int = 0
    questions_updated: int = 0
    questions_kept: int = 0  # edited in the admin since the last load


def read_bundle(directory=None):
    """Parse and check every file; returns (vocabulary, {slug: entry}) or raises CatalogueError."""
    directory = directory or CATALOGUE_DIR
    problems = []
    vocabulary = tomllib.loads((directory / VOCABULARY_FILE).read_text(encoding="utf-8"))
    categories = {row["code"]: row for row in vocabulary.get("category", [])}
    tag_codes = {
        Tag.Kind.CHANNEL: {row["code"] for row in vocabulary.get("channel", [])},
        Tag.Kind.AUDIENCE: {row["code"] for row in vocabulary.get("audience", [])},
    }
    problems.extend(f"{VOCABULARY_FILE}: {problem}" for problem in check_synonyms(vocabulary.get("synonyms", [])))
    entries = {}
    for path in sorted(directory.glob("*.toml")):
        if path.name == VOCABULARY_FILE:
            continue
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            problems.append(f"{path.name}: not valid TOML: {error}")
            continue
        problems.extend(f"{path.name}: {problem}" for problem in check_entry(path.stem, data, categories, tag_codes))
        entries[path.stem] = data
    for slug, data in entries.items():
        for other in data.get("related", []):
            if other not in entries:
                problems.append(f"{slug}.toml: related type {other!r} is not in the catalogue")
    if problems:
        raise CatalogueError(problems)
    return vocabulary, entries


def snapshot_from_bundle(data):
    """The content of one bundled entry in the shape `snapshot_from_row` produces."""
    texts = {}
    for language, suffix in LANGUAGES.items():
        text = data[language]
        for name in REQUIRED_TEXT_FIELDS + OPTIONAL_TEXT_FIELDS:
            value = text.get(name, [] if name in LIST_FIELDS else "")
            texts[f"{name}_{suffix}"] = "\n".join(value) if name in LIST_FIELDS else value.strip()
    zh_cases, en_cases = data["zh"].get("cases", []), data["en"].get("cases", [])
    bait = data.get("bait", {})
    extras = {
        "recovery": bool(data.get("recovery", True)),
        "official_lines": " ".join(data.get("official_lines", [])),
        "bait_kind": bait.get("kind", ""),
        "bait_sender": bait.get("sender", ""),
        "harm": data["harm"],
    }
    for language, suffix in LANGUAGES.items():
        text = data[language].get("bait", {})
        extras[f"bait_name_{suffix}"] = text.get("name", "").strip()
        for key in ("lines", "fields", "flags"):
            extras[f"bait_{key}_{suffix}"] = "\n".join(text.get(key, []))
    return _with_extras(
        {
            "slug": data["slug"],
            "category": data["category"],
            "featured": bool(data.get("featured", False)),
            "last_reviewed": data["last_reviewed"].isoformat(),
            "tags": sorted(
                [[Tag.Kind.CHANNEL, code] for code in data.get("channels", [])]
                + [[Tag.Kind.AUDIENCE, code] for code in data.get("audiences", [])]
            ),
            "texts": texts,
            "cases": [
                {"title_zh": zh["title"], "body_zh": zh["body"], "title_en": en["title"], "body_en": en["body"]}
                for zh, en in zip(zh_cases, en_cases, strict=True)
            ],
        },
        extras,
    )


def snapshot_from_row(scam):
    return _with_extras(
        {
            "slug": scam.slug,
            "category": scam.category.code,
            "featured": scam.featured,
            "last_reviewed": scam.last_reviewed.isoformat(),
            "tags": sorted([tag.kind, tag.code] for tag in scam.tags.all()),
            "texts": {
                f"{name}_{suffix}": getattr(scam, f"{name}_{suffix}")
                for name in REQUIRED_TEXT_FIELDS + OPTIONAL_TEXT_FIELDS
                for suffix in LANGUAGES.values()
            },
            "cases": [
                {"title_zh": c.title_zh, "body_zh": c.body_zh, "title_en": c.title_en, "body_en": c.body_en}
                for c in scam.cases.all()
            ],
        },
        {name: getattr(scam, name) for name in EXTRA_DEFAULTS},
    )


def _with_extras(snapshot, extras):
    changed = {name: value for name, value in extras.items() if value != EXTRA_DEFAULTS[name]}
    return {**snapshot, "extras": changed} if changed else snapshot


def digest(snapshot):
    return hashlib.sha256(json.dumps(snapshot, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


@transaction.atomic
def load(directory=None):
    vocabulary, entries = read_bundle(directory)
    result = LoadResult()
    categories = _load_categories(vocabulary.get("category", []), result)
    tags = _load_tags(vocabulary, result)
    _load_synonyms(vocabulary.get("synonyms", []), result)

    existing = {
        scam.slug: scam
        for scam in ScamType.objects.filter(slug__in=entries)
        .select_related("category")
        .prefetch_related("tags", "cases")
    }
    rows = {}
    for slug, data in entries.items():
        wanted = snapshot_from_bundle(data)
        scam = existing.get(slug)
        if scam is None:
            scam = ScamType(slug=slug, published=True)
            _write(scam, wanted, categories, tags, reason="load_catalogue: created")
            result.created.append(slug)
        else:
            current = digest(snapshot_from_row(scam))
            if current == digest(wanted):
                result.unchanged.append(slug)
            elif current == scam.loaded_digest:
                _write(scam, wanted, categories, tags, reason="load_catalogue: bundled content updated")
                result.updated.append(slug)
            else:
                result.kept.append(slug)
            if slug not in result.updated:
                _store_traditional(scam)
        rows[slug] = scam

    _load_questions(rows, entries, result)

    if (
        result.created
        or result.updated
        or result.questions_created
        or result.questions_updated
        or result.vocabulary_created
        or result.synonyms_created
        or result.synonyms_updated
    ):
        transaction.on_commit(pagecache.invalidate)

    # Related links are symmetrical, so they are added only when one end is new:
    # a link an administrator removed between two existing types stays removed.
    created = set(result.created)
    for slug, data in entries.items():
        for other in data.get("related", []):
            if slug in created or other in created:
                rows[slug].related.add(rows[other])
    return result


def _store_traditional(scam):
    """A row the load leaves as it is still gets Traditional text made by the current
    conversion: it is generated, never edited (fraudwatch.core.traditional_fixes may have
    changed since the row was saved)."""
    scam.store_traditional()
    for case in scam.cases.all():
        case.store_traditional()


def _write(scam, wanted, categories, tags, reason):
    scam.category = categories[wanted["category"]]
    scam.featured = wanted["featured"]
    scam.last_reviewed = datetime.date.fromisoformat(wanted["last_reviewed"])
    for name, value in wanted["texts"].items():
        setattr(scam, name, value)
    for name, default in EXTRA_DEFAULTS.items():
        setattr(scam, name, wanted.get("extras", {}).get(name, default))
    scam.loaded_digest = digest(wanted)
    scam._change_reason = reason
    scam.full_clean(exclude=["related", "tags"])
    scam.save()
    scam.tags.set([tags[tuple(pair)] for pair in wanted["tags"]])
    scam.cases.all().delete()
    cases = [CaseStory(scam_type=scam, position=position, **case) for position, case in enumerate(wanted["cases"])]
    for case in cases:
        case.traditional = traditional_of(case)  # bulk_create skips save(), which would make it
    CaseStory.objects.bulk_create(cases)


def _load_categories(rows, result):
    categories = {category.code: category for category in Category.objects.all()}
    for category in categories.values():
        category.store_traditional()
    for position, row in enumerate(rows):
        if row["code"] in categories:
            continue
        categories[row["code"]] = Category.objects.create(
            code=row["code"],
            parent=categories.get(row.get("parent")),
            name_zh=row["name_zh"],
            name_en=row["name_en"],
            position=position,
        )
        result.vocabulary_created += 1
    return categories


def _load_tags(vocabulary, result):
    tags = {(tag.kind, tag.code): tag for tag in Tag.objects.all()}
    for tag in tags.values():
        tag.store_traditional()
    for kind, key in ((Tag.Kind.CHANNEL, "channel"), (Tag.Kind.AUDIENCE, "audience")):
        for position, row in enumerate(vocabulary.get(key, [])):
            if (kind, row["code"]) in tags:
                continue
            tags[(kind, row["code"])] = Tag.objects.create(
                kind=kind, code=row["code"], name_zh=row["name_zh"], name_en=row["name_en"], position=position
            )
            result.vocabulary_created += 1
    return tags


def _load_synonyms(groups, result):
    """Bundled groups are created when missing and updated while nobody has edited them
    in the admin since the last load, as scam types are."""
    existing = {synonym.code: synonym for synonym in Synonym.objects.all()}
    for group in groups:
        wanted = {f"terms_{suffix}": "\n".join(group.get(language, [])) for language, suffix in LANGUAGES.items()}
        synonym = existing.get(group["code"])
        if synonym is None:
            Synonym.objects.create(code=group["code"], loaded_digest=digest(wanted), **wanted)
            result.synonyms_created += 1
            continue
        current = digest({name: getattr(synonym, name) for name in wanted})
        if current != digest(wanted) and current == synonym.loaded_digest:
            for name, value in wanted.items():
                setattr(synonym, name, value)
            synonym.loaded_digest = digest(wanted)
            synonym.save(update_fields=[*wanted, "loaded_digest"])
            result.synonyms_updated += 1


def question_from_bundle(question):
    return {
        "answer": question["answer"],
        **{
            f"{name}_{suffix}": (
                "\n".join(choice.strip() for choice in question[language][name])
                if name == "choices"
                else question[language][name].strip()
            )
            for language, suffix in LANGUAGES.items()
            for name in ("question", "choices", "explain")
        },
    }


def question_from_row(question):
    texts = (f"{name}_{suffix}" for suffix in LANGUAGES.values() for name in ("question", "choices", "explain"))
    fields = ("answer", *texts)
    return {name: getattr(question, name) for name in fields}


def _load_questions(rows, entries, result):
    """Bundled questions are created when missing and updated while nobody has edited them in
    the admin since the last load, as scam types are. A question removed from a file stays
    (its answers are counted in reports): an administrator can stop asking it."""
    existing = {
        (question.scam_type_id, question.key): question
        for question in Question.objects.filter(scam_type__in=rows.values())
    }
    for slug, data in entries.items():
        scam = rows[slug]
        for position, block in enumerate(data.get("quiz", [])):
            wanted = question_from_bundle(block)
            question = existing.get((scam.pk, block["key"]))
            if question is None:
                question = Question(scam_type=scam, key=block["key"])
                result.questions_created += 1
            else:
                current = digest(question_from_row(question))
                if current == digest(wanted):
                    question.store_traditional()
                    continue
                if current != question.loaded_digest:
                    result.questions_kept += 1
                    question.store_traditional()
                    continue
                result.questions_updated += 1
            for name, value in wanted.items():
                setattr(question, name, value)
            question.position = position
            question.loaded_digest = digest(wanted)
            question._change_reason = "load_catalogue"
            question.full_clean(exclude=["scam_type"])
            question.save()
