"""The whole data set in one portable archive, and back.

A zip file with a manifest, one JSON-lines file per model (Django's own serialiser,
natural keys for permissions) written in dependency order, and the evidence files.
Writing and reading both stream, model by model, so a large data set never has to
fit in memory. Password hashes are left out unless asked for; restored users then
have no usable password and set one through an administrator.
"""

import datetime
import decimal
import io
import json
import re
import uuid
import zipfile

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.db import connection, transaction

FORMAT = "fraudwatch-archive"
VERSION = 1
APPS = ["scams", "campaigns"]
EXTRA_MODELS = ["auth.Group", "auth.User"]
SAFE_FILE_NAME = re.compile(r"^evidence/\d+/[0-9a-f]{32}\.[a-z]{2,5}$")


class ArchiveError(Exception):
    pass


def archived_models():
    """Every model the archive holds, parents before the rows that point at them."""
    models = [apps.get_model(label) for label in EXTRA_MODELS]
    for label in APPS:
        models.extend(apps.get_app_config(label).get_models())
    return serializers.sort_dependencies([(None, models)], allow_cycles=True)


def label(model):
    return model._meta.label_lower


def export_all(path, *, with_passwords=False):
    """Write the archive to `path`; returns {model label: row count}."""
    counts = {}
    User = get_user_model()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        for model in archived_models():
            queryset = model._default_manager.order_by("pk")
            fields = None
            if model is User and not with_passwords:
                fields = [field.name for field in model._meta.local_fields if field.name not in ("id", "password")]
                fields += [field.name for field in model._meta.local_many_to_many]
            with archive.open(f"data/{label(model)}.jsonl", "w", force_zip64=True) as entry:
                for chunk in _chunks(queryset.iterator(chunk_size=2000), 2000):
                    records = serializers.serialize(
                        "python", chunk, fields=fields, use_natural_foreign_keys=label(model) == "auth.group"
                    )
                    entry.write("".join(_line(record) for record in records).encode("utf-8"))
            counts[label(model)] = queryset.count()
        files = 0
        Evidence = apps.get_model("campaigns", "Evidence")
        for name in Evidence.objects.order_by("pk").values_list("file", flat=True).iterator():
            if not default_storage.exists(name):
                continue
            with default_storage.open(name, "rb") as source, archive.open(f"files/{name}", "w") as target:
                while block := source.read(1 << 16):
                    target.write(block)
            files += 1
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created": datetime.datetime.now(datetime.UTC).isoformat(),
            "passwords": with_passwords,
            "counts": counts,
            "files": files,
        }
        archive.writestr("manifest.json", json.dumps(manifest, indent=2))
    return counts


def import_all(path, *, replace=False):
    """Load an archive into this database; returns {model label: row count}.

    The database must hold no units, activities or users yet (the vocabulary rows that
    migrations create are replaced), unless `replace` is given."""
    with zipfile.ZipFile(path) as archive:
        manifest = _manifest(archive)
        models = archived_models()
        if not replace:
            _require_empty()
        with transaction.atomic():
            clear(models)
            counts = {}
            for model in models:
                name = f"data/{label(model)}.jsonl"
                if name not in archive.namelist():
                    continue
                count = 0
                with archive.open(name) as entry:
                    for line in io.TextIOWrapper(entry, encoding="utf-8"):
                        if not line.strip():
                            continue
                        record = json.loads(line)
                        for restored in serializers.deserialize("python", [record], handle_forward_references=True):
                            _save_without_history(restored)
                            count += 1
                counts[label(model)] = count
            if not manifest.get("passwords"):
                User = get_user_model()
                for user in User.objects.filter(password=""):
                    user.password = make_password(None)
                    user.save(update_fields=["password"])
            _reset_sequences(models)
        for name in archive.namelist():
            if not name.startswith("files/"):
                continue
            stored = name.removeprefix("files/")
            if not SAFE_FILE_NAME.match(stored):
                raise ArchiveError(f"refusing a file with an unexpected name: {name!r}")
            if default_storage.exists(stored):
                default_storage.delete(stored)
            default_storage.save(stored, ContentFile(archive.read(name)))
    expected = manifest["counts"]
    if {key: counts.get(key, 0) for key in expected} != expected:
        raise ArchiveError("the archive's row counts and what was loaded differ")
    return counts


def _save_without_history(restored):
    """Save a deserialised row without django-simple-history recording the restore as a
    change: the archive holds the history as it was. A raw save already skips its
    post_save record; the flag also covers the many-to-many links saved after it."""
    restored.object.skip_history_when_saving = True
    try:
        restored.save()
    finally:
        del restored.object.skip_history_when_saving


class _Exact(json.JSONEncoder):
    """Dates and times in full ISO form: Django's own JSON encoder drops microseconds."""

    def default(self, value):
        if isinstance(value, datetime.datetime | datetime.date | datetime.time):
            return value.isoformat()
        if isinstance(value, decimal.Decimal | uuid.UUID):
            return str(value)
        return super().default(value)


def _line(record):
    return json.dumps(record, cls=_Exact, ensure_ascii=False) + "\n"


def _chunks(iterable, size):
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def clear(models):
    """Delete every row of `models`, their many-to-many link tables and the admin log
    that points at their users, children first. A plain DELETE per table: the collector
    would refuse rows that protect each other (a category and its group), and foreign
    keys are checked at commit, when all of them are gone."""
    tables = [apps.get_model("admin", "LogEntry")]
    for model in reversed(models):
        tables.extend(
            field.remote_field.through
            for field in model._meta.local_many_to_many
            if field.remote_field.through._meta.auto_created
        )
        tables.append(model)
    with transaction.atomic():
        for model in tables:
            model._default_manager.all()._raw_delete(connection.alias)


def _manifest(archive):
    try:
        manifest = json.loads(archive.read("manifest.json"))
    except (KeyError, ValueError):
        raise ArchiveError("not a FraudWatch archive: manifest.json is missing or broken") from None
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise ArchiveError(f"unsupported archive: {manifest.get('format')} version {manifest.get('version')}")
    return manifest


def _require_empty():
    for model_label in ("campaigns.OrgUnit", "campaigns.Activity", "auth.User"):
        if apps.get_model(model_label).objects.exists():
            raise ArchiveError(
                f"this database already has {model_label} rows; restore into an empty database, or pass --replace"
            )


def _reset_sequences(models):
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
