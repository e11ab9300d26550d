"""export_all then import_all into an empty database gives back every row and every figure."""

import datetime
import json
import shutil
import threading
import zipfile

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import OperationalError, connection
from django.forms.models import model_to_dict

from campaigns import demo
from campaigns.models import Activity, Evidence
from campaigns.reports.exports import long_rows
from campaigns.reports.summary import ReportFilters, build
from fraudwatch import backup
from scams import catalogue
from scams.models import ScamType
from tests.conftest import make_scam_type

PNG = b"\x89PNG\r\n\x1a\n" + b"\1" * 100


def snapshot():
    """Every archived row as a dict (many-to-many as sorted ids), by model."""
    rows = {}
    for model in backup.archived_models():
        rows[backup.label(model)] = {
            obj.pk: {
                key: sorted(item.pk for item in value) if isinstance(value, list) else value
                for key, value in model_to_dict(obj).items()
                if key != "password"
            }
            for obj in model._default_manager.all()
        }
    return rows


def report_rows():
    report = build(ReportFilters(start=datetime.date(2000, 1, 1), end=datetime.date.today(), include_submitted=True))
    return sorted(long_rows(report))


@pytest.mark.django_db(transaction=True)
def test_round_trip_restores_every_row_and_figure(tmp_path, media_root):
    catalogue.load()
    demo.load(activities=120)
    scam = ScamType.objects.get(slug="tax-refund")
    scam.summary_en = "Edited once, so the history has two entries."
    scam.save()
    activity = Activity.objects.first()
    evidence = Evidence.objects.create(
        activity=activity,
        file=ContentFile(PNG, name="x.png"),
        original_name="签到表.png",
        content_type="image/png",
        size=len(PNG),
        uploaded_by=activity.created_by,
    )
    before, figures = snapshot(), report_rows()
    hashes = dict(get_user_model().objects.values_list("username", "password"))
    archive = tmp_path / "backup.zip"
    call_command("export_all", str(archive))

    backup.clear(backup.archived_models())
    evidence.file.delete(save=False)
    assert not Activity.objects.exists()

    call_command("import_all", str(archive))

    assert snapshot() == before
    assert report_rows() == figures
    assert Evidence.objects.get().file.read() == PNG
    restored = get_user_model().objects.get(username="demo-staff")
    assert restored.password != hashes["demo-staff"]  # hashes stay out unless asked for
    assert not restored.has_usable_password()
    with zipfile.ZipFile(archive) as opened:
        assert all(
            hashes["demo-staff"] not in opened.read(name).decode("utf-8", "replace") for name in opened.namelist()
        )
    assert apps.get_model("scams", "HistoricalScamType").objects.filter(slug="tax-refund").count() >= 2


@pytest.mark.django_db(transaction=True)
def test_passwords_come_along_when_asked(tmp_path, county, staff_a):
    archive = tmp_path / "with-passwords.zip"
    call_command("export_all", str(archive), "--with-passwords")
    call_command("import_all", str(archive), "--replace")
    assert get_user_model().objects.get(username="staff_a").check_password("Correct-Horse-Battery-42")


@pytest.mark.django_db
def test_import_refuses_a_database_that_has_data(tmp_path, county, staff_a):
    archive = tmp_path / "backup.zip"
    call_command("export_all", str(archive))
    with pytest.raises(CommandError, match="already has"):
        call_command("import_all", str(archive))


@pytest.mark.django_db
def test_import_refuses_what_is_not_an_archive(tmp_path):
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a zip at all")
    with pytest.raises(CommandError):
        call_command("import_all", str(junk))
    forged = tmp_path / "forged.zip"
    with zipfile.ZipFile(forged, "w") as archive:
        archive.writestr("manifest.json", '{"format": "something-else", "version": 9}')
    with pytest.raises(CommandError, match="unsupported archive"):
        call_command("import_all", str(forged))


def rewrite(archive, path, *, manifest=None, entries=None):
    """A copy of `archive` at `path`, its manifest changed by `manifest` and `entries`
    ({name: content}) replacing or adding files."""
    entries = entries or {}
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(path, "w") as target:
        for name in source.namelist():
            content = entries.pop(name) if name in entries else source.read(name)
            if name == "manifest.json" and manifest:
                content = json.dumps(manifest(json.loads(content)))
            target.writestr(name, content)
        for name, content in entries.items():
            target.writestr(name, content)
    return path


def new_server(media_root):
    """As on a new server: no rows and an empty media folder."""
    backup.clear(backup.archived_models())
    shutil.rmtree(media_root, ignore_errors=True)
    media_root.mkdir(parents=True)


def files_under(folder):
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file())


def one_row_more(manifest):
    manifest["counts"]["campaigns.activity"] += 1
    return manifest


@pytest.mark.django_db(transaction=True)
def test_a_restore_that_fails_its_count_check_leaves_an_empty_database_empty(tmp_path, media_root, world):
    archive = tmp_path / "backup.zip"
    call_command("export_all", str(archive))
    tampered = rewrite(archive, tmp_path / "tampered.zip", manifest=one_row_more)
    new_server(media_root)
    empty = snapshot()
    assert files_under(media_root) == []

    with pytest.raises(CommandError, match="row counts"):
        call_command("import_all", str(tampered))

    assert snapshot() == empty
    assert files_under(media_root) == []


@pytest.mark.django_db(transaction=True)
def test_a_failed_replace_leaves_the_data_and_files_as_they_were(tmp_path, media_root, world):
    archive = tmp_path / "backup.zip"
    call_command("export_all", str(archive))
    tampered = rewrite(archive, tmp_path / "tampered.zip", manifest=one_row_more)
    world["draft"].title = "Changed after the export"
    world["draft"].save(update_fields=["title"])
    before, files = snapshot(), files_under(media_root)

    with pytest.raises(CommandError, match="row counts"):
        call_command("import_all", str(tampered), "--replace")

    assert snapshot() == before
    assert files_under(media_root) == files
    assert (media_root / world["evidence"].file.name).read_bytes() == world["evidence"].file.open().read()


@pytest.mark.django_db(transaction=True)
def test_a_file_with_an_unsafe_name_stops_the_restore_before_anything_is_loaded(tmp_path, media_root, world):
    archive = tmp_path / "backup.zip"
    call_command("export_all", str(archive))
    tampered = rewrite(archive, tmp_path / "tampered.zip", entries={"files/../../settings.py": b"DEBUG = True"})
    new_server(media_root)
    empty = snapshot()

    with pytest.raises(CommandError, match="unexpected name"):
        call_command("import_all", str(tampered))

    assert snapshot() == empty
    assert files_under(media_root) == []


@pytest.mark.django_db(transaction=True)
def test_rows_that_point_at_rows_the_archive_lacks_are_refused_before_commit(tmp_path, media_root, world):
    archive = tmp_path / "backup.zip"
    call_command("export_all", str(archive))

    def without_campaigns(manifest):
        manifest["counts"]["campaigns.campaign"] = 0
        return manifest

    tampered = rewrite(
        archive, tmp_path / "tampered.zip", manifest=without_campaigns, entries={"data/campaigns.campaign.jsonl": ""}
    )
    new_server(media_root)
    empty = snapshot()

    with pytest.raises(CommandError, match="do not fit together"):
        call_command("import_all", str(tampered))

    assert snapshot() == empty
    assert files_under(media_root) == []


@pytest.mark.django_db(transaction=True)
def test_an_export_is_one_snapshot_even_while_someone_writes(tmp_path, monkeypatch, county, staff_a):
    """Someone adds a category and a scam type in it while the export is between the
    category rows and the scam type rows: the archive holds both or neither."""
    make_scam_type("before-the-export")
    before = snapshot()
    serialize = serializers.serialize
    written = []

    def write_elsewhere():
        try:
            make_scam_type("during-the-export")
            written.append(True)
        except OperationalError:
            pass  # SQLite keeps writers out while the export reads: just as consistent
        finally:
            connection.close()

    def serialize_then_someone_writes(format, objects, **options):
        records = serialize(format, objects, **options)
        if objects and backup.label(type(objects[0])) == "scams.category" and not written:
            writer = threading.Thread(target=write_elsewhere)
            writer.start()
            writer.join()
        return records

    monkeypatch.setattr(serializers, "serialize", serialize_then_someone_writes)
    archive = tmp_path / "backup.zip"
    counts = backup.export_all(archive)
    monkeypatch.undo()
    if connection.vendor == "postgresql":
        assert written  # the writer was not kept out, so the snapshot is what kept the archive whole

    with zipfile.ZipFile(archive) as opened:
        manifest = json.loads(opened.read("manifest.json"))
        lines = {
            backup.label(model): sum(
                1 for line in opened.read(f"data/{backup.label(model)}.jsonl").decode().splitlines() if line
            )
            for model in backup.archived_models()
        }
    assert manifest["counts"] == counts == lines
    call_command("import_all", str(archive), "--replace")
    assert snapshot() == before


@pytest.mark.parametrize(("version", "age"), [(1, "an older"), (4, "a newer")])
@pytest.mark.django_db
def test_import_refuses_an_archive_of_another_format_version_in_plain_words(tmp_path, version, age):
    archive = tmp_path / "backup.zip"
    backup.export_all(archive)

    def other_version(manifest):
        manifest["version"] = version
        return manifest

    other = rewrite(archive, tmp_path / "other.zip", manifest=other_version)
    message = (
        f"This archive was written by {age} FraudWatch (format version {version}); this version reads "
        "format versions 2 and 3 only. Export it again with the matching version."
    )
    with pytest.raises(CommandError) as refused:
        call_command("import_all", str(other))
    assert str(refused.value) == message
