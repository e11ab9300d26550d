import datetime
import io
import itertools
import os
import zipfile

import hypothesis
import pytest
import time_machine

from scams.models import Category, ScamType, Tag
from tests import reuse
from tests.reuse import load_catalogue

_serial = itertools.count(1)

# Property tests take their number of examples from a profile: `ci` (the default, as
# `make test` runs them) is quick but still explores; `deep` (`make test-deep`) runs them
# long. A test's own settings may set anything but the number of examples.
hypothesis.settings.register_profile("ci", max_examples=60, deadline=None)
hypothesis.settings.register_profile("deep", max_examples=2000, deadline=None)
hypothesis.settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_collection_modifyitems(config, items):
    """Every test of a module that tests a feature on the edge days is marked `dates`
    (`make test-dates` runs them with the machine's clock moved). Tests marked
    postgres_only are deselected, not skipped, on any other database: CI fails on a
    skip, and there is nothing for them to check without PostgreSQL."""
    from django.conf import settings

    dated = {item.module for item in items if "each_edge_day" in getattr(item, "fixturenames", ())}
    for item in items:
        if item.module in dated:
            item.add_marker("dates")
    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        return
    deselected = [item for item in items if item.get_closest_marker("postgres_only")]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if not item.get_closest_marker("postgres_only")]


def require_tool(path, package):
    """A system tool's path (found by the caller); without it the test is skipped, except
    in CI (CI set), where that fails: CI installs every tool and runs every test."""
    if path is None:
        reason = f"{package} is not installed (Debian package {package})"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI runs every test")
        pytest.skip(reason)
    return path


# The suite runs under a pinned clock, so that no result depends on the day it runs: a
# mid-month weekday in Beijing, after the dates the tests' fixed data carry. The clock
# ticks from there (timeouts and caches still see time pass). Date-sensitive features are
# tested again on the days that are edges (see `each_edge_day`).
PINNED_NOW = datetime.datetime(2026, 11, 18, 10, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))

# A month's last day, a mid-month day, 1 January, 31 December and 29 February, each at
# mid-morning in Beijing. Reports cut months, compare with a year earlier and count by
# day: each of these days is a different shape for them.
EDGE_DAYS = {
    "month-end": datetime.date(2026, 11, 30),
    "mid-month": datetime.date(2026, 11, 18),
    "new-year": datetime.date(2027, 1, 1),
    "year-end": datetime.date(2026, 12, 31),
    "leap-day": datetime.date(2028, 2, 29),
}


def beijing_morning(day, hour=10, minute=30):
    return datetime.datetime.combine(day, datetime.time(hour, minute), datetime.timezone(datetime.timedelta(hours=8)))


@pytest.fixture(autouse=True)
def clock(request):
    """The pinned clock (a time_machine traveller: `clock.move_to(...)` moves it). Tests
    marked real_clock, and browser tests (a real browser keeps cookies by its own clock),
    run on the machine's clock and yield None."""
    if request.node.get_closest_marker("real_clock") or request.node.get_closest_marker("browser"):
        yield None
        return
    with time_machine.travel(PINNED_NOW, tick=True) as traveller:
        yield traveller


@pytest.fixture(params=list(EDGE_DAYS), ids=list(EDGE_DAYS))
def each_edge_day(request, clock):
    """Runs the test once on each edge day, with the clock at mid-morning in Beijing; the
    test receives the day."""
    day = EDGE_DAYS[request.param]
    clock.move_to(beijing_morning(day), tick=True)
    return day


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Production hashing is deliberately slow; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def restore_default_vocabulary():
    """The rows data migrations create (unit kinds, activity types, audiences, indicators)
    and what they say about them."""
    import importlib

    from django.apps import apps

    importlib.import_module("campaigns.migrations.0002_default_vocabulary").add_all(apps, None)
    importlib.import_module("campaigns.migrations.0003_indicator_public_and_narrative").describe_defaults(apps, None)
    importlib.import_module("campaigns.migrations.0009_material").add_kinds(apps, None)
    importlib.import_module("campaigns.migrations.0012_kits").add_qr_scans(apps, None)
    importlib.import_module("campaigns.migrations.0014_quizzes").add_quiz_indicators(apps, None)


@pytest.fixture(autouse=True)
def vocabulary_after_flush(request):
    """A transactional test ends by emptying every table, data-migration rows included:
    put those back for the next one."""
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker is not None and marker.kwargs.get("transaction")) or {
        "transactional_db",
        "live_server",
    } & set(request.fixturenames)
    if transactional:
        request.getfixturevalue("transactional_db")
        restore_default_vocabulary()


@pytest.fixture(autouse=True, scope="session")
def own_cache_folder(tmp_path_factory):
    """The suite uses the cache production uses, files shared by the processes on the
    machine (unless REDIS_URL names another), in a folder of its own: not var/cache, which
    `make serve` may be using, nor another test process's when tests run in parallel."""
    from django.conf import settings
    from django.test import override_settings

    default = settings.CACHES["default"]
    if default["BACKEND"] != "fraudwatch.core.filecache.SharedFileCache":
        yield None
        return
    folder = tmp_path_factory.mktemp("cache")
    with override_settings(CACHES={**settings.CACHES, "default": {**default, "LOCATION": str(folder)}}):
        yield folder


@pytest.fixture(autouse=True)
def no_language_left_active():
    """Each test starts with no language active, as the first test in a process does: a
    request in an earlier test leaves its language active in the worker, and reverse() or
    gettext outside translation.override would read it."""
    from django.utils import translation

    translation.deactivate()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with nothing cached."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files go to a throw-away folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


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
    return load_catalogue()


@pytest.fixture(scope="module")
def pdfs_rendered_once():
    """The booklet, the leaflets and the bundled library's documents, each rendered once in
    this test process (tests/reuse.py); for the modules that ask for it."""
    with reuse.pdfs_rendered_once():
        yield


# The cast: a county bureau with two sibling stations A and B, each with a school
# under it; staff of A, staff of B, a reviewer on the bureau (over both), and an
# administrator.
PASSWORD = "Correct-Horse-Battery-42"


def make_unit(code, parent=None, kind="police_station", **fields):
    from campaigns.models import OrgUnit, UnitKind

    fields.setdefault("name_zh", f"单位{code}")
    fields.setdefault("name_en", f"Unit {code}")
    kind = UnitKind.objects.get(code=kind)
    if parent is None:
        return OrgUnit.objects.add_root(create_kwargs={"code": code, "kind": kind, **fields})
    parent.refresh_from_db()
    return OrgUnit.objects.add_child(parent, create_kwargs={"code": code, "kind": kind, **fields})


def make_user(username, *roles, **fields):
    """roles: (unit, "staff"|"reviewer") pairs."""
    from django.contrib.auth import get_user_model

    from campaigns.models import Membership

    user = get_user_model().objects.create_user(username, password=PASSWORD, **fields)
    for unit, role in roles:
        Membership.objects.create(user=user, unit=unit, role=role)
    return user


@pytest.fixture
def county(db):
    bureau = make_unit("county", kind="bureau", name_zh="示范县公安局", name_en="Demo County Bureau")
    unit_a = make_unit("station-a", bureau, name_zh="东城派出所", name_en="East Town Station")
    unit_b = make_unit("station-b", bureau, name_zh="西城派出所", name_en="West Town Station")
    school_a = make_unit("school-a", unit_a, kind="school", name_zh="东城中学", name_en="East Town Middle School")
    school_b = make_unit("school-b", unit_b, kind="school", name_zh="西城小学", name_en="West Town Primary School")
    return {"bureau": bureau, "a": unit_a, "b": unit_b, "school_a": school_a, "school_b": school_b}


@pytest.fixture
def staff_a(county):
    return make_user("staff_a", (county["a"], "staff"))


@pytest.fixture
def staff_b(county):
    return make_user("staff_b", (county["b"], "staff"))


@pytest.fixture
def reviewer(county):
    return make_user("reviewer", (county["bureau"], "reviewer"))


@pytest.fixture
def administrator(db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("chief", "chief@example.org", PASSWORD)


def make_activity(unit, user, *, figures=None, status="draft", audiences=(), scam_types=(), **fields):
    """An activity with figures {indicator_code: value}, audience groups and scam types,
    saved as `user` made it, and counted in the reports' summaries as the workflow and
    imports count theirs."""
    import datetime as dt

    from campaigns.models import Activity, ActivityType, Figure, Indicator
    from campaigns.reports import summary_tables

    fields.setdefault("title", f"Outreach at {unit.code}")
    fields.setdefault("date", dt.date(2026, 10, 15))
    fields.setdefault("activity_type", ActivityType.objects.get(code="street_booth"))
    activity = Activity.objects.create(unit=unit, created_by=user, updated_by=user, status=status, **fields)
    indicators = {indicator.code: indicator for indicator in Indicator.objects.all()}
    Figure.objects.bulk_create(
        Figure(activity=activity, indicator=indicators[code], value=value) for code, value in (figures or {}).items()
    )
    activity.audiences.set(audiences)
    activity.scam_types.set(scam_types)
    summary_tables.added([activity.pk])
    return activity


# Workbooks written part by part.
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"


def raw_workbook(sheet_data, shared_strings=None, styles=None):
    """An .xlsx written part by part, whose first sheet's <sheetData> is `sheet_data`: it can
    hold what Excel and openpyxl would never write."""
    relationships = f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/>'
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/></Types>'
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{PACKAGE}"><Relationship Id="rId1" '
            f'Type="{RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}">'
            '<sheets><sheet name="activities" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{MAIN}"><sheetData>{sheet_data}</sheetData></worksheet>',
    }
    if shared_strings is not None:
        parts["xl/sharedStrings.xml"] = f'<sst xmlns="{MAIN}">{shared_strings}</sst>'
        relationships += f'<Relationship Id="rId2" Type="{RELATIONSHIPS}/sharedStrings" Target="sharedStrings.xml"/>'
    if styles is not None:
        parts["xl/styles.xml"] = f'<styleSheet xmlns="{MAIN}">{styles}</styleSheet>'
        relationships += f'<Relationship Id="rId3" Type="{RELATIONSHIPS}/styles" Target="styles.xml"/>'
    parts["xl/_rels/workbook.xml.rels"] = f'<Relationships xmlns="{PACKAGE}">{relationships}</Relationships>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def text_cell(reference, text):
    return f'<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>'


def make_alert(unit, user, *, status="draft", scam_types=(), days=(-1, 7), **fields):
    """An alert written by `user` for `unit`, shown from today+days[0] to today+days[1]."""
    import datetime as dt

    from django.utils import timezone

    from campaigns.models import Alert

    today = timezone.localdate()
    fields.setdefault("title_zh", f"{unit.code}的提醒")
    fields.setdefault("title_en", f"Alert for {unit.code}")
    fields.setdefault("body_zh", "近期有人冒充公安来电，请挂断后拨打110核实。")
    fields.setdefault("body_en", "People are calling as the police; hang up and call 110 to check.")
    fields.setdefault("start", today + dt.timedelta(days=days[0]))
    fields.setdefault("end", today + dt.timedelta(days=days[1]))
    if status == "approved":
        fields.setdefault("reviewed_at", timezone.now())
    alert = Alert.objects.create(unit=unit, created_by=user, updated_by=user, status=status, **fields)
    alert.authors.add(user)
    alert.scam_types.set(scam_types)
    return alert


def make_material(unit=None, user=None, *, status="published", kind="poster", files=(), **fields):
    """Material uploaded by `user` under `unit` (bundled when both are None); `files` are
    (name, bytes, content type, language) tuples stored as its files."""
    from django.core.files.base import ContentFile

    from campaigns.models import Material, MaterialFile, MaterialKind

    slug = fields.pop("slug", None) or f"material-{next(_serial)}"
    fields.setdefault("title_zh", f"资料{slug}")
    fields.setdefault("title_en", f"Material {slug}")
    scam_types, audiences = fields.pop("scam_types", ()), fields.pop("audiences", ())
    material = Material.objects.create(
        slug=slug, kind=MaterialKind.objects.get(code=kind), unit=unit, created_by=user, status=status, **fields
    )
    material.scam_types.set(scam_types)
    material.audiences.set(audiences)
    for position, (name, data, content_type, language) in enumerate(files):
        stored = MaterialFile(
            material=material,
            name=name,
            content_type=content_type,
            size=len(data),
            language=language,
            position=position,
        )
        stored.file.save(name, ContentFile(data), save=False)
        stored.save()
    return material


def make_question(scam, key=None, *, answer=1, choices=3, **fields):
    """A quiz question about `scam` whose right answer is choice `answer` of `choices`."""
    from scams.models import Question

    key = key or f"q-{next(_serial)}"
    fields.setdefault("question_zh", f"{scam.slug} 的问题 {key}，你应该……")
    fields.setdefault("question_en", f"Question {key} about {scam.slug}: you should…")
    fields.setdefault("choices_zh", "\n".join(f"选项{number}" for number in range(choices)))
    fields.setdefault("choices_en", "\n".join(f"Choice {number}" for number in range(choices)))
    fields.setdefault("explain_zh", f"{key} 的解释")
    fields.setdefault("explain_en", f"Why, for {key}")
    return Question.objects.create(scam_type=scam, key=key, answer=answer, **fields)
