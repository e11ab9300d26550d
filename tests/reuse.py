"""Work the test suite does once per test process and then reuses: the bundled
catalogue's first load, copied back row by row, and the documents WeasyPrint renders.
tests/conftest.py offers them as the `catalogue` and `pdfs_rendered_once` fixtures."""

import contextlib

import pytest

# The first load of the bundled catalogue in this test process, row by row:
# (when it ended, [(model, [row as {column: value}])], its LoadResult); False once a load was
# seen to write outside the catalogue's own tables, so that copying it would miss rows.
_first_load = None


def load_catalogue():
    """The bundled catalogue as `scams.catalogue.load()` writes it, into a database that
    holds none of it; returns the load's result.

    A load sends every entry through the models (validation, Traditional text, history)
    and costs a second or more; a hundred tests and the browser tests start from it. So
    the first load in a test process is remembered row by row, and a later one into an
    empty catalogue writes those same rows back in one transaction, their times moved on
    by the clock's progress since the first load ended: all of them before now, as a
    load's, so an edit made next is the latest in a history. Where any catalogue table
    already holds a row, or the first load wrote elsewhere too, the real load runs.
    tests/scams/test_load_catalogue.py tests the load itself and calls it directly."""
    import copy

    from django.apps import apps
    from django.db import transaction
    from django.utils import timezone

    from scams import catalogue as bundled

    global _first_load
    tables = list(apps.get_app_config("scams").get_models(include_auto_created=True))
    if _first_load is False or any(model._base_manager.exists() for model in tables):
        return bundled.load()
    if _first_load is None:
        others = [model for model in apps.get_models(include_auto_created=True) if model not in tables]
        before = [model._base_manager.count() for model in others]
        result = bundled.load()
        if [model._base_manager.count() for model in others] != before:
            _first_load = False
            return result
        rows = [(model, list(model._base_manager.values(*_columns(model)))) for model in tables]
        _first_load = (timezone.now(), [(model, values) for model, values in rows if values], copy.deepcopy(result))
        return result
    when, rows, result = _first_load
    with transaction.atomic():
        _copy_rows(rows, timezone.now() - when)
    return copy.deepcopy(result)


def _columns(model):
    return [field.attname for field in model._meta.concrete_fields]


def _copy_rows(rows, moved):
    """Write `rows` back (foreign keys are checked at commit, so in any order), their
    times `moved` on; then what the load's commit does."""
    from django.core.management.color import no_style
    from django.db import connection, models, transaction

    from fraudwatch.core import pagecache

    for model, values in rows:
        times = [field.attname for field in model._meta.concrete_fields if isinstance(field, models.DateTimeField)]
        copies = []
        for row in values:
            row = dict(row)
            for name in times:
                if row[name] is not None:
                    row[name] += moved
            copies.append(model(**row))
        model._base_manager.bulk_create(copies)
    # PostgreSQL's sequences hand out ids after the copied ones.
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), [model for model, _values in rows]):
            cursor.execute(statement)
    transaction.on_commit(pagecache.invalidate)


# What WeasyPrint made in this test process, by what it was made from (see `pdfs_rendered_once`).
_rendered = {}


def _once(kind, key, render):
    key = (kind, *key)
    if key not in _rendered:
        _rendered[key] = render()
    return _rendered[key]


@contextlib.contextmanager
def pdfs_rendered_once():
    """The booklet, the leaflets and the bundled library's documents, each rendered once in
    this test process rather than once per test that asks for it: WeasyPrint takes seconds
    a document, and many tests of a module (and of other modules) print the same one. A
    document is known by the whole HTML it is rendered from, so a changed catalogue, unit
    or language makes a new one; the bytes are those the renderer gives, only the
    repetition is saved. For the modules that use it; the others render every time."""
    import hashlib

    from django.template.loader import render_to_string

    from campaigns.materials import starter
    from scams import printing

    write_pdf, starter_pdf, png_of_pdf = printing.write_pdf, starter.pdf, starter.png_of_pdf
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(printing, "write_pdf", lambda html: _once("write_pdf", [html], lambda: write_pdf(html)))
        patch.setattr(
            starter,
            "pdf",
            lambda template, context: _once(
                "starter.pdf", [template, render_to_string(template, context)], lambda: starter_pdf(template, context)
            ),
        )
        patch.setattr(
            starter,
            "png_of_pdf",
            lambda data, *args, **kwargs: _once(
                "png_of_pdf",
                [hashlib.sha256(data).digest(), args, tuple(sorted(kwargs.items()))],
                lambda: png_of_pdf(data, *args, **kwargs),
            ),
        )
        yield
