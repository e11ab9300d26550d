"""Every stored file (evidence, material files, posters) goes into the archive with its
SHA-256 and comes back byte for byte on a new server; an altered, missing or added file
refuses the whole restore (the archive helpers are in test_backup)."""

import hashlib
import io
import json
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from campaigns import demo
from campaigns.models import Activity, Evidence
from fraudwatch import backup
from tests.fraudwatch.test_backup import PNG, files_under, new_server, rewrite, snapshot
from tests.reuse import load_catalogue


def stored_files_with_hashes():
    """{stored name: SHA-256} of every file a row's file field points to; a name whose
    file is absent maps to None."""
    from django.core.files.storage import default_storage

    hashes = {}
    for name in backup.stored_file_names():
        if default_storage.exists(name):
            with default_storage.open(name, "rb") as opened:
                hashes[name] = hashlib.sha256(opened.read()).hexdigest()
        else:
            hashes[name] = None
    return hashes


@pytest.fixture
def library_and_demo(media_root, pdfs_rendered_once):
    """The bundled material library, the demo county and one evidence photo."""
    load_catalogue()
    call_command("load_materials", verbosity=0)
    demo.load(activities=60)
    activity = Activity.objects.first()
    Evidence.objects.create(
        activity=activity,
        file=ContentFile(PNG, name="x.png"),
        original_name="签到表.png",
        content_type="image/png",
        size=len(PNG),
        uploaded_by=activity.created_by,
    )


@pytest.mark.django_db(transaction=True)
def test_every_stored_file_comes_back_with_the_same_bytes_on_a_new_server(tmp_path, media_root, library_and_demo):
    from campaigns.models import Material, MaterialFile

    before = stored_files_with_hashes()
    # Evidence, every material file and every poster the library has: found from the
    # models' file fields, not a list in the test.
    kinds = {name.split("/", 1)[0] for name in before}
    assert {"evidence", "materials"} <= kinds
    assert MaterialFile.objects.count() >= 12 and len(before) >= MaterialFile.objects.count() + 1
    assert Material.objects.exclude(poster="").exists() == any(name.startswith("material-posters/") for name in before)
    assert None not in before.values()
    archive = tmp_path / "backup.zip"
    call_command("export_all", str(archive))

    new_server(media_root)
    assert files_under(media_root) == []
    call_command("import_all", str(archive))

    assert stored_files_with_hashes() == before
    with zipfile.ZipFile(archive) as opened:
        manifest = json.loads(opened.read("manifest.json"))
    assert manifest["version"] == 3
    assert {item["name"]: item["sha256"] for item in manifest["files"]} == before


@pytest.mark.django_db(transaction=True)
def test_a_file_altered_by_one_byte_refuses_the_whole_restore(tmp_path, media_root, library_and_demo):
    archive = tmp_path / "backup.zip"
    call_command("export_all", str(archive))
    with zipfile.ZipFile(archive) as opened:
        victim = next(name for name in opened.namelist() if name.startswith("files/materials/"))
        content = bytearray(opened.read(victim))
    content[len(content) // 2] ^= 0x01
    tampered = rewrite(archive, tmp_path / "tampered.zip", entries={victim: bytes(content)})
    new_server(media_root)
    empty = snapshot()

    with pytest.raises(CommandError, match="SHA-256 differs"):
        call_command("import_all", str(tampered))

    assert snapshot() == empty
    assert files_under(media_root) == []


@pytest.mark.django_db(transaction=True)
def test_a_file_missing_from_the_archive_or_added_to_it_refuses_the_restore(tmp_path, media_root, library_and_demo):
    archive = tmp_path / "backup.zip"
    call_command("export_all", str(archive))
    with zipfile.ZipFile(archive) as opened:
        victim = next(name for name in opened.namelist() if name.startswith("files/materials/"))
    without = tmp_path / "without.zip"
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(without, "w") as target:
        for name in source.namelist():
            if name != victim:
                target.writestr(name, source.read(name))
    added = rewrite(archive, tmp_path / "added.zip", entries={"files/materials/extra.pdf": b"%PDF-1.4"})
    new_server(media_root)
    empty = snapshot()

    for tampered in (without, added):
        with pytest.raises(CommandError, match="files and its manifest differ"):
            call_command("import_all", str(tampered))
        assert snapshot() == empty
        assert files_under(media_root) == []


@pytest.mark.django_db(transaction=True)
def test_an_archive_of_format_2_still_loads_and_says_what_it_lacks(tmp_path, media_root, library_and_demo):
    """Format 2 held the evidence files only, counted in the manifest."""
    archive = tmp_path / "backup.zip"
    call_command("export_all", str(archive))
    evidence_name = Evidence.objects.get().file.name
    old = tmp_path / "format-2.zip"
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(old, "w") as target:
        for name in source.namelist():
            if name == "manifest.json":
                manifest = json.loads(source.read(name))
                manifest.update(version=2, files=1)
                manifest.pop("missing_files")
                target.writestr(name, json.dumps(manifest))
            elif not name.startswith("files/") or name == f"files/{evidence_name}":
                target.writestr(name, source.read(name))
    new_server(media_root)
    errors = io.StringIO()

    call_command("import_all", str(old), stderr=errors)

    assert Evidence.objects.get().file.read() == PNG
    assert "format version 2" in errors.getvalue() and "(material files and posters) are not in it" in errors.getvalue()


@pytest.mark.django_db(transaction=True)
def test_a_file_already_gone_at_export_is_listed_and_said_on_restore(tmp_path, media_root, library_and_demo):
    evidence = Evidence.objects.get()
    evidence.file.storage.delete(evidence.file.name)
    archive = tmp_path / "backup.zip"
    call_command("export_all", str(archive))
    with zipfile.ZipFile(archive) as opened:
        assert json.loads(opened.read("manifest.json"))["missing_files"] == [evidence.file.name]
    new_server(media_root)
    errors = io.StringIO()

    call_command("import_all", str(archive), stderr=errors)

    assert "already missing when the archive was written" in errors.getvalue()
