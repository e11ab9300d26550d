"""The Word report as Word, WPS and LibreOffice show it: charts drawn at their full size,
alt text that states each chart's figures, header rows that repeat across pages, the
East Asian language set for proofing, the report's own title and author, and the
Traditional report in Traditional characters."""

import datetime
import io
import shutil
import subprocess
from urllib.parse import unquote

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Emu

from campaigns.models import ActivityType, AudienceGroup
from scams.models import ScamType
from tests.conftest import beijing_morning, make_activity, require_tool

PERIOD = ["--from", "2026-01-01", "--to", "2026-06-30", "--org", "county"]
POINT = 12700  # EMU


@pytest.fixture
def county_work(county, staff_a, catalogue, clock):
    """Outreach in every breakdown (months, units, types, audiences, scam types), so the
    annex has a chart for each."""
    clock.move_to(beijing_morning(datetime.date(2026, 11, 29)), tick=True)
    kinds = list(ActivityType.objects.order_by("code")[:3])
    audiences = list(AudienceGroup.objects.order_by("code")[:2])
    scams = list(ScamType.objects.published().order_by("slug")[:3])
    units = [county["a"], county["b"], county["school_a"], county["school_b"]]
    for index in range(8):
        make_activity(
            units[index % len(units)],
            staff_a,
            status="approved",
            date=datetime.date(2026, 1 + index % 6, 10),
            title=f"东城集市反诈咨询台{index}",
            activity_type=kinds[index % len(kinds)],
            figures={"participants": 100 * (index + 1)},
            audiences=audiences[: 1 + index % 2],
            scam_types=scams[: 1 + index % 3],
        )
    return county


def export(tmp_path, language="zh-hans"):
    path = tmp_path / f"report-{language}.docx"
    call_command("export_report", *PERIOD, "--format", "docx", "--output", str(path), "--lang", language)
    return path


def declared_charts(document):
    """(width, height) in points of each inline picture, in document order."""
    return [(Emu(shape.width).pt, Emu(shape.height).pt) for shape in document.inline_shapes]


def drawn_images(pdf_path):
    """(width, height) in points of each image as drawn on the PDF's pages, clipped to
    what is visible: a picture cut by its line's height is drawn whole under a clip."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    drawn = []
    pdf = pdfium.PdfDocument(str(pdf_path))
    for page in pdf:
        for image in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]):
            left, bottom, right, top = image.get_bounds()
            clip = pdfium_c.FPDFPageObj_GetClipPath(image.raw)
            if clip:
                # The visible part is what every clipping path leaves of the picture.
                for index in range(pdfium_c.FPDFClipPath_CountPaths(clip)):
                    xs, ys = [], []
                    for segment_index in range(pdfium_c.FPDFClipPath_CountPathSegments(clip, index)):
                        segment = pdfium_c.FPDFClipPath_GetPathSegment(clip, index, segment_index)
                        x, y = pdfium_c.FS_FLOAT(), pdfium_c.FS_FLOAT()
                        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
                        xs.append(x.value)
                        ys.append(y.value)
                    if xs:
                        left, right = max(left, min(xs)), min(right, max(xs))
                        bottom, top = max(bottom, min(ys)), min(top, max(ys))
            drawn.append((right - left, top - bottom))
    pdf.close()
    return drawn


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_libreoffice_draws_every_chart_at_its_declared_height(county_work, tmp_path, language):
    soffice = require_tool(shutil.which("soffice"), "libreoffice-writer-nogui")
    path = export(tmp_path, language)
    declared = declared_charts(Document(path))
    assert len(declared) == 5  # month, unit, type, audience, scam type

    # A profile of its own, so that runs side by side never share LibreOffice's lock.
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
    )
    drawn = drawn_images(path.with_suffix(".pdf"))
    assert len(drawn) == len(declared)
    for (width, height), (drawn_width, drawn_height) in zip(declared, drawn, strict=True):
        assert drawn_width == pytest.approx(width, abs=1)
        assert drawn_height == pytest.approx(height, abs=1), (height, drawn_height)


def test_every_chart_sits_in_a_single_spaced_centred_paragraph_of_its_own(county_work, tmp_path):
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING

    document = Document(export(tmp_path))
    holders = [paragraph for paragraph in document.paragraphs if paragraph._p.findall(".//" + qn("w:drawing"))]
    assert len(holders) == 5
    for paragraph in holders:
        layout = paragraph.style.paragraph_format
        assert layout.line_spacing_rule == WD_LINE_SPACING.SINGLE
        assert layout.first_line_indent == 0
        assert layout.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert paragraph.paragraph_format.line_spacing is None  # nothing set on the paragraph overrides it
        assert paragraph.text == ""


def test_each_chart_states_its_figures_in_its_alt_text(county_work, tmp_path):
    document = Document(export(tmp_path))
    described = [
        (shape._inline.docPr.get("title"), shape._inline.docPr.get("descr")) for shape in document.inline_shapes
    ]
    titles = [title for title, _words in described]
    assert titles == [
        "按月份：活动数",
        "按单位：活动数",
        "按活动类型：活动数",
        "按宣传对象：活动数",
        "按涉及的诈骗类型：活动数",
    ]
    words = dict(described)
    assert words["按月份：活动数"] == (
        "按月份：活动数。2026-01 2 场，2026-02 2 场，2026-03 1 场，2026-04 1 场，2026-05 1 场，2026-06 1 场。"
    )
    assert words["按单位：活动数"] == "按单位：活动数。东城派出所 4 场，西城派出所 4 场。"

    english = Document(export(tmp_path, "en"))
    by_month = english.inline_shapes[0]._inline.docPr.get("descr")
    assert by_month.startswith(
        "By month: Number of activities. 2026-01 2 activities; 2026-02 2 activities; 2026-03 1 activity;"
    )
    by_unit = english.inline_shapes[1]._inline.docPr.get("descr")
    assert by_unit == "By unit: Number of activities. East Town Station 4 activities; West Town Station 4 activities."


def test_every_table_repeats_its_header_row(county_work, tmp_path):
    document = Document(export(tmp_path))
    assert len(document.tables) >= 6
    for table in document.tables:
        first, *rest = table.rows
        assert first._tr.trPr.find(qn("w:tblHeader")).get(qn("w:val")) == "true"
        assert all(row._tr.trPr is None or row._tr.trPr.find(qn("w:tblHeader")) is None for row in rest)


@pytest.mark.parametrize(("language", "latin", "east_asian"), [("zh-hans", "en-GB", "zh-CN"), ("en", "en-GB", "zh-CN")])
def test_styles_say_which_language_each_script_is_in(county_work, tmp_path, language, latin, east_asian):
    document = Document(export(tmp_path, language))
    default = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    langs = [default.find(qn("w:lang"))]
    langs += [document.styles[name].element.rPr.find(qn("w:lang")) for name in ("Normal", "Heading 1", "Table Text")]
    for lang in langs:
        assert (lang.get(qn("w:val")), lang.get(qn("w:eastAsia"))) == (latin, east_asian)
    theme = document.settings.element.find(qn("w:themeFontLang"))
    assert theme.get(qn("w:eastAsia")) == east_asian


def test_the_file_is_titled_and_signed_by_the_unit(county_work, tmp_path):
    properties = Document(export(tmp_path)).core_properties
    assert properties.title == "示范县公安局2026年1-6月反诈宣传工作汇报"
    assert properties.subject == "反诈宣传工作汇报，2026-01-01至2026-06-30"
    assert properties.author == properties.last_modified_by == "示范县公安局"
    assert properties.language == "zh-CN"
    assert "python-docx" not in (properties.comments + properties.author + properties.last_modified_by)
    assert properties.created.date() == datetime.date(2026, 11, 29)

    english = Document(export(tmp_path, "en")).core_properties
    assert english.author == "Demo County Bureau"
    assert english.title.startswith("Demo County Bureau: anti-fraud outreach work report")


def test_a_report_asked_for_in_traditional_chinese_is_in_traditional(county_work, tmp_path):
    document = Document(export(tmp_path, "zh-hant"))
    body = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "一、基本情況" in body and "基本情况" not in body
    assert "示範縣公安局" in body
    assert "二〇二六年十一月二十九日" in body
    cells = "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    assert "東城派出所" in cells and "东城派出所" not in cells
    assert document.core_properties.author == "示範縣公安局"
    assert document.core_properties.language == "zh-TW"
    lang = document.styles["Normal"].element.rPr.find(qn("w:lang"))
    assert lang.get(qn("w:eastAsia")) == "zh-TW"
    words = document.inline_shapes[1]._inline.docPr.get("descr")
    assert "東城派出所 4 場" in words
    # Fonts that hold Traditional characters: no GB2312 or 简体 cut.
    fonts = {fonts.get(qn("w:eastAsia")) for fonts in document.styles.element.iter(qn("w:rFonts"))} - {None}
    assert fonts and not any("GB2312" in font or "简体" in font for font in fonts), fonts
    assert document.styles["Normal"].element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋"


def test_the_word_file_downloaded_from_the_traditional_pages_is_in_traditional(client, county_work, reviewer):
    client.force_login(reviewer)
    with translation.override("zh-hant"):
        path = reverse("reports:export")
    assert path.startswith("/zh-hant/")
    response = client.get(path, {"date_from": "2026-01-01", "date_to": "2026-06-30", "format": "docx"})
    assert response.status_code == 200
    assert "示範縣公安局-2026年1-6月-工作彙報.docx" in unquote(response["Content-Disposition"])
    document = Document(io.BytesIO(b"".join(response.streaming_content)))
    body = "\n".join(paragraph.text for paragraph in document.paragraphs)
    cells = "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    assert "一、基本情況" in body and "統計已審核通過的活動" in body and "東城派出所" in cells
    assert "基本情况" not in body and "统计" not in body and "东城派出所" not in cells
