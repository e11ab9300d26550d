"""Bad input never gives a 500: every form and the import, fed generated junk.

Each test runs at least 200 generated inputs: huge strings, control characters, mixed
scripts, markup, SQL fragments, negative and enormous numbers, wrong encodings. Each
must end in a page or a clear error, and user text must come back escaped."""

import csv
import io
from xml.sax.saxutils import escape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaigns import importing
from campaigns.models import ActivityType
from tests.conftest import make_activity, raw_workbook, text_cell

NASTY = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' OR 1=1 --",
    "'; DROP TABLE campaigns_activity; --",
    "=cmd|' /C calc'!A0",
    "\x00\x01\x02\x1b[31m",
    "\u202e\u200b\ufeff",
    "刷单返利😀Ωé𝔘",
    "9" * 40,
    "-1",
    "1e309",
    "NaN",
    "",
    " ",
]
text = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=60),
    st.text(min_size=2000, max_size=6000),
    st.integers(-(10**20), 10**20).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)
FUZZ = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
OK = {200, 302, 400, 403, 404}


def assert_escaped(response, values):
    if response.status_code == 200 and "<script>alert(1)</script>" in values:
        assert b"<script>alert(1)</script>" not in response.content


@pytest.fixture
def staff_client(staff_a):
    client = Client()
    client.force_login(staff_a)
    return client


@FUZZ
@given(
    title=text,
    date=text,
    end_date=text,
    location=text,
    notes=text,
    participants=text,
    online=text,
    unit=text,
    kind=text,
)
def test_activity_form(staff_client, county, title, date, end_date, location, notes, participants, online, unit, kind):
    data = {
        "unit": st_choice(unit, county["a"].pk),
        "activity_type": st_choice(kind, ActivityType.objects.first().pk),
        "title": title,
        "date": date,
        "end_date": end_date,
        "location": location,
        "notes": notes,
        "figure_participants": participants,
        "figure_online_reach": online,
    }
    response = staff_client.post("/en/campaigns/activities/new/", data)
    assert response.status_code in OK
    assert_escaped(response, data.values())


def st_choice(value, valid):
    """Half the time a valid id, so that later fields get validated too."""
    return str(valid) if len(value) % 2 else value


@FUZZ
@given(reason=text)
def test_return_reason_form(client, county, staff_a, reviewer, reason):
    activity = make_activity(county["a"], staff_a, status="submitted")
    client.force_login(reviewer)
    response = client.post(f"/en/campaigns/activities/{activity.pk}/return/", {"reason": reason})
    assert response.status_code in OK
    assert_escaped(response, [reason])


@FUZZ
@given(q=text, category=text, channel=text, audience=text, page=text)
def test_catalogue_filters(client, db, q, category, channel, audience, page):
    values = {"q": q, "category": category, "channel": channel, "audience": audience, "page": page}
    response = client.get("/zh-hans/scams/", values)
    assert response.status_code in OK
    assert_escaped(response, values.values())


@FUZZ
@given(preset=text, date_from=text, date_to=text, org=text, campaign=text, kind=text, fmt=st.sampled_from(["", "csv"]))
def test_report_filters(staff_client, county, preset, date_from, date_to, org, campaign, kind, fmt):
    values = {
        "preset": preset,
        "date_from": date_from,
        "date_to": date_to,
        "org": org,
        "campaign": campaign,
        "activity_type": kind,
    }
    path = "/en/reports/export/" if fmt else "/en/reports/"
    response = staff_client.get(path, {**values, **({"format": fmt} if fmt else {})})
    assert response.status_code in OK
    if not fmt:
        assert_escaped(response, values.values())


@FUZZ
@given(username=text, password=text)
def test_login_form(db, username, password):
    response = Client().post("/en/accounts/login/", {"username": username, "password": password})
    assert response.status_code in OK | {429}  # 429: five failures lock the user name out, ten the address
    assert_escaped(response, [username])


cells = st.lists(st.lists(text, min_size=1, max_size=14), min_size=0, max_size=6)
encodings = st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16", "latin-1"])


@FUZZ
@given(rows=cells, encoding=encodings, header=st.booleans())
def test_import_module_with_generated_csv(staff_a, county, rows, encoding, header):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if header:
        writer.writerow([*importing.COLUMNS, "participants"])
    writer.writerows(rows)
    data = buffer.getvalue().encode(encoding, errors="replace")
    report = importing.import_activities(data, "fuzz.csv", staff_a, dry_run=True)
    assert report.created == 0
    assert report.ok or all(error.message for error in report.errors)


@FUZZ
@given(data=st.binary(max_size=4096), name=st.sampled_from(["a.csv", "a.xlsx", "a.xls", "a", "../../etc/passwd"]))
def test_import_upload_with_random_bytes(staff_client, county, data, name):
    upload = SimpleUploadedFile(name, data)
    response = staff_client.post("/en/campaigns/import/", {"file": upload, "status": "draft", "dry_run": "on"})
    assert response.status_code in OK


@pytest.mark.parametrize("path", ["/en/accounts/login/", "/admin/login/"])
def test_an_over_long_user_name_is_a_form_error(db, path):
    response = Client(headers={"accept-language": "en"}).post(path, {"username": "x" * 400, "password": "whatever"})
    assert response.status_code == 200
    assert "Ensure this value has at most 150 characters" in response.content.decode()


cell_kinds = st.sampled_from(["n", "s", "str", "b", "d", "e", "inlineStr"])
xml_text = text.map(lambda value: escape("".join(char for char in value if char >= " " or char in "\t\n")))


@FUZZ
@given(
    cells=st.lists(st.tuples(cell_kinds, st.sampled_from(["0", "1", "2"]), xml_text), min_size=1, max_size=14),
    reference=st.sampled_from(["", "A", "ZZ", "GS", "XFD", "ZZZZ", "1A"]),
)
def test_import_module_with_generated_xlsx_cells(staff_a, county, cells, reference):
    """Any value in any kind of cell, even ones openpyxl cannot read, is a report, not an error."""
    values = ""
    for position, (kind, style, value) in enumerate(cells):
        where = f' r="{reference}2"' if reference and position == 0 else ""
        content = f"<is><t>{value}</t></is>" if kind == "inlineStr" else f"<v>{value}</v>"
        values += f'<c{where} t="{kind}" s="{style}">{content}</c>'
    header = "".join(text_cell(f"{chr(65 + position)}1", name) for position, name in enumerate(importing.COLUMNS))
    styles = '<cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="22"/></cellXfs>'
    data = raw_workbook(
        f'<row r="1">{header}</row><row r="2">{values}</row>', shared_strings="<si><t>a</t></si>", styles=styles
    )
    report = importing.import_activities(data, "fuzz.xlsx", staff_a, dry_run=True)
    assert report.created == 0
    assert report.ok or all(error.message for error in report.errors)
