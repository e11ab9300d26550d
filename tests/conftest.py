import datetime
import itertools

import pytest

from scams.models import Category, ScamType, Tag

_serial = itertools.count(1)


def make_category(code=None, parent=None, **fields):
    code = code or f"category-{next(_serial)}"
    fields.setdefault("name_zh", f"分类{code}")
    fields.setdefault("name_en", f"Category {code}")
    return Category.objects.create(code=code, parent=parent, **fields)


def make_tag(kind, code=None, **fields):
    code = code or f"{kind}-{next(_serial)}"
    fields.setdefault("name_zh", f"标签{code}")
    fields.setdefault("name_en", f"Tag {code}")
    return Tag.objects.create(kind=kind, code=code, **fields)


def scam_type_fields(slug, **fields):
    """Unsaved-field defaults for a complete, published scam type."""
    defaults = {"published": True, "last_reviewed": datetime.date(2026, 11, 1)}
    for name in ("name", "summary", "steps", "phrases", "warning_signs", "protect"):
        defaults[f"{name}_zh"] = f"{slug} 的{name}"
        defaults[f"{name}_en"] = f"{name} of {slug}"
    defaults.update(fields)
    return defaults


def make_scam_type(slug=None, category=None, tags=(), **fields):
    slug = slug or f"scam-{next(_serial)}"
    if category is None:
        category = make_category(parent=make_category())
    scam = ScamType.objects.create(slug=slug, category=category, **scam_type_fields(slug, **fields))
    scam.tags.set(tags)
    return scam


@pytest.fixture
def catalogue(db):
    """The bundled catalogue, loaded as `make run` loads it."""
    from scams import catalogue as bundled

    return bundled.load()
