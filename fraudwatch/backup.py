"""The whole data set in one portable archive, and back.

A zip file with a manifest, one JSON-lines file per model (Django's own serialiser,
natural keys for permissions) written in dependency order, and every stored file that a
row's file field points to (evidence, material files, posters, whatever is added later:
the fields are found on the models, not kept in a list here). The manifest gives each
file's name, size and SHA-256, and a restore checks every file against it before it
writes anything. Writing and reading both stream, model by model, so a large data set
never has to fit in memory. Password hashes are left out unless asked for; restored users then
have no usable password and set one through an administrator.
"""

import datetime
import decimal
import hashlib
import io
import json
import posixpath
import re
import uuid
import zipfile
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core import serializers
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import IntegrityError, connection, transaction
from django.db.models import FileField

from campaigns.reports import summary_rebuild

FORMAT = "fraudwatch-archive"
# Version 3 archives every stored file with its size and SHA-256; version 2 held the
# evidence files only, and is still read.
VERSION = 3
READABLE_VERSIONS = (2, 3)
APPS = ["scams", "campaigns"]
EXTRA_MODELS = ["auth.Group", "auth.User"]
# A stored name is a relative path of plain parts; a restore writes nothing else.
UNSAFE_IN_NAME = re.compile(r"[\x00-\x1f\x7f\\:]")


class ArchiveError(Exception):
    pass


# Derived data: the reports' summary tables are left out of the archive and computed
# anew from the restored activities, so an archive can never carry figures that
# disagree with its activities. Report files prepared by the task queue are derived too,
# and kept a day only; the rebuild gives the summaries' version a new value.
DERIVED_MODELS = [
    "campaigns.Summary",
    "campaigns.AudienceSummary",
    "campaigns.ScamTypeSummary",
    "campaigns.Fact",
    "campaigns.PreparedDocument",
    "campaigns.SummaryVersion",
]


def archived_models():
    """Every model the archive holds, parents before the rows that point at them."""
    derived = {apps.get_model(label) for label in DERIVED_MODELS}
    models = [apps.get_model(label) for label in EXTRA_MODELS]
    for label in APPS:
        models.extend(model for model in apps.get_app_config(label).get_models() if model not in derived)
    return serializers.sort_dependencies([(None, models)], allow_cycles=True)


def label(model):
    return model._meta.label_lower


def export_all(path, *, with_passwords=False):
    """Write the archive to `path`; returns {model label: row count}.

    Every row is read from one snapshot of the database, and the manifest counts the rows
    as they were written, so someone saving while the export runs cannot leave a child
    without its parent or a count that disagrees with its rows."""
    # Only a transaction this function begins can still choose its isolation level.
    beginning = connection.get_autocommit()
    with transaction.atomic():
        if beginning and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        return _write_archive(path, with_passwords=with_passwords)


def _write_archive(path, *, with_passwords):
    counts = {}
    User = get_user_model()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        for model in archived_models():
            queryset = model._default_manager.order_by("pk")
            fields = None
            if model is User and not with_passwords:
                fields = [field.name for field in model._meta.local_fields if field.name not in ("id", "password")]
                fields += [field.name for field in model._meta.local_many_to_many]
            count = 0
            with archive.open(f"data/{label(model)}.jsonl", "w", force_zip64=True) as entry:
                for chunk in _chunks(queryset.iterator(chunk_size=2000), 2000):
                    records = serializers.serialize(
                        "python", chunk, fields=fields, use_natural_foreign_keys=label(model) == "auth.group"
                    )
                    entry.write("".join(_line(record) for record in records).encode("utf-8"))
                    count += len(records)
            counts[label(model)] = count
        files, missing = _write_files(archive, models_with_files(archived_models()))
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created": datetime.datetime.now(datetime.UTC).isoformat(),
            "passwords": with_passwords,
            "counts": counts,
            "files": files,
            # Names a row points at whose file was already gone when the export ran.
            "missing_files": missing,
        }
        archive.writestr("manifest.json", json.dumps(manifest, indent=2))
    return counts


def models_with_files(candidates):
    """[(model, [file field names])] for the models that have file fields (ImageField
    is a FileField too)."""
    found = []
    for model in candidates:
        names = [f.name for f in model._meta.local_fields if isinstance(f, FileField)]
        if names:
            found.append((model, names))
    return found


def stored_file_names(candidates=None):
    """Every stored name a row's file field points to, once each, in order."""
    names = set()
    for model, fields in models_with_files(archived_models() if candidates is None else candidates):
        for name in fields:
            names.update(model._default_manager.exclude(**{name: ""}).values_list(name, flat=True).iterator())
    return sorted(names)


def _write_files(archive, with_files):
    """Copy every pointed-at file into the archive; ([{name, size, sha256}], [missing names])."""
    files, missing = [], []
    for name in stored_file_names([model for model, _fields in with_files]):
        if not default_storage.exists(name):
            missing.append(name)
            continue
        digest, size = hashlib.sha256(), 0
        with default_storage.open(name, "rb") as source, archive.open(f"files/{name}", "w") as target:
            while block := source.read(1 << 16):
                target.write(block)
                digest.update(block)
                size += len(block)
        files.append({"name": name, "size": size, "sha256": digest.hexdigest()})
    return files, missing


@dataclass
class Restored:
    counts: dict  # {model label: rows}
    files: int  # files written back to storage (or already there, the same)
    notes: list  # what the person restoring should know: files the archive could not give back


def import_all(path, *, replace=False):
    """Load an archive into this database; returns what was restored (`Restored`).

    The database must hold no units, activities or users yet (the vocabulary rows that
    migrations create are replaced), unless `replace` is given. Every file is checked
    against the manifest (name, size, SHA-256) before anything is written, and everything
    else before the transaction commits: a restore that fails leaves the database and the
    stored files as they were."""
    with zipfile.ZipFile(path) as archive:
        manifest = _manifest(archive)
        files = _checked_files(archive, manifest)
        models = archived_models()
        if not replace:
            _require_empty()
        written = []
        try:
            with transaction.atomic():
                clear(models)
                counts = {label(model): _load_rows(archive, model) for model in models}
                expected = manifest.get("counts") or {}
                if any(counts.get(key, 0) != expected.get(key, 0) for key in counts.keys() | expected.keys()):
                    raise ArchiveError("the archive's row counts and what was loaded differ")
                if not manifest.get("passwords"):
                    User = get_user_model()
                    for user in User.objects.filter(password=""):
                        user.password = make_password(None)
                        user.save(update_fields=["password"])
                _reset_sequences(models)
                # A row pointing at one the archive lacks shows here rather than at commit.
                connection.check_constraints(table_names=_tables(models))
                notes = _unrestorable_files(manifest, files)
                summary_rebuild.rebuild()
                _restore_files(archive, files, written)
        except Exception as error:
            for name in written:
                default_storage.delete(name)
            if isinstance(error, IntegrityError | DeserializationError):
                raise ArchiveError(f"the archive's rows do not fit together: {error}") from error
            raise
    return Restored(counts, len(files), notes)


def _unrestorable_files(manifest, files):
    """Notes on the rows whose files this archive does not hold. A version 3 archive lists
    every such name (its file was gone before the export); any other is refused. A version
    2 archive held evidence files only."""
    absent = [name for name in stored_file_names() if f"files/{name}" not in files]
    if not absent:
        return []
    if manifest["version"] == 2:
        return [
            f"This archive was written by an older FraudWatch (format version 2), which archived evidence "
            f"files only: the other {len(absent)} stored files (material files and posters) are not in it. "
            f"Upload them again, or restore from a newer archive."
        ]
    listed = set(manifest.get("missing_files") or [])
    unlisted = [name for name in absent if name not in listed]
    if unlisted:
        raise ArchiveError(f"rows point at {len(unlisted)} files the archive neither holds nor lists: {unlisted[0]!r}")
    return [f"{len(absent)} files were already missing when the archive was written, e.g. {absent[0]!r}."]


def _tables(models):
    tables = [model._meta.db_table for model in models]
    for model in models:
        tables.extend(
            field.remote_field.through._meta.db_table
            for field in model._meta.local_many_to_many
            if field.remote_field.through._meta.auto_created
        )
    return tables


def _load_rows(archive, model):
    name = f"data/{label(model)}.jsonl"
    if name not in archive.namelist():
        return 0
    count = 0
    with archive.open(name) as entry:
        for line in io.TextIOWrapper(entry, encoding="utf-8"):
            if not line.strip():
                continue
            record = json.loads(line)
            for restored in serializers.deserialize("python", [record], handle_forward_references=True):
                if type(restored.object) is not model:
                    raise ArchiveError(f"{name} holds a row of another table: {record.get('model')!r}")
                _save_without_history(restored)
                count += 1
    return count


def _checked_files(archive, manifest):
    """The archive's stored files, {entry name: size}, each checked against the manifest
    before anything is written: a file missing, added, renamed, resized or altered by one
    byte refuses the whole restore."""
    entries = {info.filename: info.file_size for info in archive.infolist() if info.filename.startswith("files/")}
    for name in entries:
        if not _safe_name(name.removeprefix("files/")):
            raise ArchiveError(f"refusing a file with an unexpected name: {name!r}")
    if manifest["version"] == 2:
        if len(entries) != manifest.get("files"):
            raise ArchiveError(f"the manifest lists {manifest.get('files')} files but the archive holds {len(entries)}")
        return entries
    listed = manifest.get("files")
    if not isinstance(listed, list) or not all(isinstance(item, dict) for item in listed):
        raise ArchiveError("the manifest's list of files is missing or broken")
    by_name = {f"files/{item.get('name')}": item for item in listed}
    if by_name.keys() != entries.keys():
        extra, lacking = sorted(entries.keys() - by_name.keys()), sorted(by_name.keys() - entries.keys())
        raise ArchiveError(
            f"the archive's files and its manifest differ: {len(lacking)} listed but absent, {len(extra)} not listed"
            + (f" (e.g. {(lacking or extra)[0]!r})" if lacking or extra else "")
        )
    for name, item in by_name.items():
        if entries[name] != item.get("size") or _sha256(archive.open(name)) != item.get("sha256"):
            raise ArchiveError(f"{name} is not the file the manifest describes (its size or SHA-256 differs)")
    return entries


def _safe_name(name):
    """A relative path of plain parts, as storage names its files."""
    parts = name.split("/")
    return (
        0 < len(name) <= 255
        and not UNSAFE_IN_NAME.search(name)
        and posixpath.normpath(name) == name
        and not name.startswith("/")
        and all(part not in ("", ".", "..") for part in parts)
    )


def _restore_files(archive, entries, written):
    """Copy the stored files into storage, adding each name written to `written` so a
    failed restore can take them away again. A file already there with the same
    content is left alone; one with other content is only replaced once the restore
    has committed, so a failed restore keeps the file its row still points at. Files
    stream through: a large video is never held in memory whole."""
    for name in entries:
        stored = name.removeprefix("files/")
        if default_storage.exists(stored):
            if _sha256(default_storage.open(stored, "rb")) == _sha256(archive.open(name)):
                continue
            transaction.on_commit(lambda name=name, stored=stored: _replace_file(archive, name, stored))
            continue
        _save_as(archive, name, stored, written)


def _save_as(archive, name, stored, written=None):
    with archive.open(name) as entry:
        saved = default_storage.save(stored, File(entry, name=stored))
    if written is not None:
        written.append(saved)
    if saved != stored:
        raise ArchiveError(f"storage would not keep the name {stored!r} (it saved {saved!r})")


def _replace_file(archive, name, stored):
    default_storage.delete(stored)
    _save_as(archive, name, stored)


def _sha256(opened):
    digest = hashlib.sha256()
    with opened:
        while block := opened.read(1 << 16):
            digest.update(block)
    return digest.hexdigest()


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
    version = manifest.get("version")
    if manifest.get("format") != FORMAT or not isinstance(version, int):
        raise ArchiveError(f"unsupported archive: {manifest.get('format')} version {version}")
    if version not in READABLE_VERSIONS:
        age = "an older" if version < min(READABLE_VERSIONS) else "a newer"
        readable = " and ".join(str(number) for number in READABLE_VERSIONS)
        raise ArchiveError(
            f"This archive was written by {age} FraudWatch (format version {version}); this version reads "
            f"format versions {readable} only. Export it again with the matching version."
        )
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
