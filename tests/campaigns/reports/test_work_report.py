"""The report as people file it: the Word file in 公文 form, the same in the PDF, a
spreadsheet people can read, and imported case figures set against the outreach, the
same in every format."""

import csv
import datetime
import io
import re

import openpyxl
import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from campaigns.importing.cases import import_cases
from campaigns.models import (
    Activity,
    ActivityType,
    Campaign,
    CampaignTarget,
    CaseStat,
    Indicator,
    OrgUnit,
    counted_changed,
)
from campaigns.reports.documents import chinese_date
from campaigns.reports.narrative import join_en, join_zh, paragraphs
from scams.models import ScamType
from tests.conftest import beijing_morning, make_activity, make_unit

TODAY = datetime.date(2026, 11, 29)
PERIOD = ["--from", "2026-01-01", "--to", "2026-06-30", "--org", "county"]
GAME = "游戏币、装备、账号交易诈骗"


@pytest.fixture
def today(clock):
    clock.move_to(beijing_morning(TODAY), tick=True)
    return TODAY


@pytest.fixture
def county_work(county, staff_a, reviewer, catalogue, today):
    """Two stations with outreach, a third with none; a campaign behind its calendar;
    case figures for two months, one of them a year earlier."""
    make_unit("station-c", county["bureau"], name_zh="南城派出所", name_en="South Town Station")
    OrgUnit.objects.filter(code="station-a").update(population=40000)
    OrgUnit.objects.filter(code="station-b").update(population=20000)
    campaign = Campaign.objects.create(
        name_zh="春季攻势",
        name_en="Spring drive",
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 12, 31),
        lead_unit=county["bureau"],
    )
    CampaignTarget.objects.create(campaign=campaign, indicator=Indicator.objects.get(code="participants"), value=10000)
    brushing = ScamType.objects.get(slug="order-brushing")
    make_activity(
        county["a"],
        staff_a,
        status="approved",
        date=datetime.date(2026, 3, 10),
        title="东城集市反诈咨询台",
        campaign=campaign,
        activity_type=ActivityType.objects.get(code="street_booth"),
        figures={"participants": 500, "materials": 800, "commitments": 1500},
        scam_types=[brushing],
    )
    make_activity(
        county["school_b"],
        staff_a,
        status="approved",
        date=datetime.date(2026, 4, 2),
        title="西城小学主题班会",
        activity_type=ActivityType.objects.get(code="class_meeting"),
        figures={"participants": 100, "online_reach": 50},
    )
    make_activity(
        county["a"], staff_a, status="approved", date=datetime.date(2025, 3, 3), figures={"participants": 300}
    )
    report = import_cases(
        "\r\n".join(
            [
                "month,org_unit,scam_type,cases,losses",
                "2026-03,station-a,order-brushing,5,100000",
                "2026-03,school-b,game-trading,37,1234567",
                "2025-03,school-b,game-trading,10,5000",
            ]
        ).encode(),
        "cases.csv",
        reviewer,
    )
    assert report.ok, report.errors
    return county


def export(tmp_path, file_format, language="zh-hans"):
    path = tmp_path / f"report-{language}.{file_format}"
    call_command("export_report", *PERIOD, "--format", file_format, "--output", str(path), "--lang", language)
    return path


def docx_text(document):
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        lines.extend(" | ".join(cell.text for cell in row.cells) for row in table.rows)
    return "\n".join(lines)


def pdf_text(path):
    return "".join(page.extract_text() for page in PdfReader(path).pages)


def squeeze(text):
    return re.sub(r"\s+", "", text)


# (a) The Word file in 公文 form, and the PDF with the same title.


def test_the_docx_is_a_gongwen_work_report(county_work, tmp_path):
    path = export(tmp_path, "docx")
    document = Document(path)

    section = document.sections[0]
    assert abs(section.page_width.mm - 210) < 1 and abs(section.page_height.mm - 297) < 1
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(margin.mm) for margin in margins] == [37, 35, 28, 26]

    headings = [paragraph.text for paragraph in document.paragraphs if paragraph.style.name == "Heading 1"]
    for heading in ("一、基本情况", "二、主要做法", "三、工作成效", "四、存在问题", "五、下一步工作打算"):
        assert heading in headings
    assert headings.index("一、基本情况") < headings.index("五、下一步工作打算")
    assert any(p.text.startswith("（一）") for p in document.paragraphs if p.style.name == "Heading 2")

    footer = section.footer.paragraphs[0]
    fields = footer._p.findall(qn("w:fldSimple"))
    assert [field.get(qn("w:instr")).strip() for field in fields] == ["PAGE"]
    assert footer.text.startswith("— ") and footer.text.endswith(" —")
    assert footer.alignment == 1  # centred

    assert len(document.inline_shapes) >= 1
    assert any(rel.reltype.endswith("/image") for rel in document.part.rels.values())

    body = [paragraph for paragraph in document.paragraphs if paragraph.text.strip()]
    sign_off = [paragraph for paragraph in body if paragraph.style.name == "Sign-off"]
    assert [paragraph.text for paragraph in sign_off] == ["示范县公安局", "二〇二六年十一月二十九日"]
    assert all(paragraph.alignment == 2 for paragraph in sign_off)  # right-aligned

    title = next(paragraph for paragraph in document.paragraphs if paragraph.style.name == "Title")
    assert squeeze(title.text) == "示范县公安局2026年1-6月反诈宣传工作汇报"
    first_page = PdfReader(export(tmp_path, "pdf")).pages[0].extract_text()
    assert squeeze(title.text) in squeeze(first_page)
    assert "一、基本情况" in first_page


def test_the_docx_names_gongwen_fonts_black_and_embeds_none(county_work, tmp_path):
    document = Document(export(tmp_path, "docx"))
    expected = {"Title": "方正小标宋简体", "Normal": "仿宋_GB2312", "Heading 1": "黑体", "Heading 2": "楷体_GB2312"}
    for name, font in expected.items():
        style = document.styles[name]
        fonts = style.element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == font, name
        assert fonts.get(qn("w:eastAsiaTheme")) is None and fonts.get(qn("w:asciiTheme")) is None, name
        assert str(style.font.color.rgb) == "000000", name
    normal = document.styles["Normal"]
    assert normal.font.size.pt == 16
    assert normal.paragraph_format.line_spacing.pt == 28
    assert normal.paragraph_format.line_spacing_rule == 4  # exactly
    assert document.styles["Title"].font.bold
    assert document.settings.element.find(qn("w:embedTrueTypeFonts")) is None


def test_the_sections_are_written_from_the_figures(county_work, tmp_path):
    text = docx_text(Document(export(tmp_path, "docx")))
    # 一: period, units, activities, reach and the same period a year earlier.
    assert "2026年1月1日至2026年6月30日，示范县公安局及其下属单位共开展反诈宣传活动2场" in text
    assert "3个下一级单位中2个有活动记录" in text
    assert "现场参与600人次" in text
    assert "活动场次同比增长100%（去年同期1场）" in text
    assert "现场参与同比增长100%（去年同期300人次）" in text
    # 二: types and example titles fetched from the approved activities.
    assert "“东城集市反诈咨询台”" in text and "“西城小学主题班会”" in text
    # 三: the other indicators, worded by the administrators.
    assert "发放宣传资料800份" in text and "签订承诺书1,500份" in text
    # 四 and 五: each problem named has its own next step, in the same order.
    issues = text.split("四、存在问题")[1].split("五、下一步工作打算")[0]
    plans = text.split("五、下一步工作打算")[1].split("示范县公安局\n")[0]
    assert "下一级单位中南城派出所本期没有宣传活动记录" in issues
    assert "督促南城派出所尽快开展宣传" in plans
    # Only the booth belongs to the campaign: 500 of 10,000 with half the year gone.
    assert "“春季攻势”进度滞后。时间已过50%，现场参与完成500人次，仅为目标10,000人次的5%" in issues
    assert "现场参与还需完成9,500人次" in plans
    assert "“游戏币、装备、账号交易诈骗”37起（去年同期10起，宣传0场）" in issues
    assert "宣传内容存在空白" in issues
    numbered = [line for line in issues.splitlines() if re.match(r"\d+\.", line)]
    assert len(numbered) == len([line for line in plans.splitlines() if re.match(r"\d+\.", line)]) >= 4


def test_the_english_report_has_the_same_structure_and_figures(county_work, tmp_path):
    document = Document(export(tmp_path, "docx", "en"))
    headings = [paragraph.text for paragraph in document.paragraphs if paragraph.style.name == "Heading 1"]
    assert headings[:5] == ["I. Overview", "II. Main approaches", "III. Results", "IV. Problems", "V. Next steps"]
    text = docx_text(document)
    assert "held 2 anti-fraud outreach activities" in text
    assert "activities were up 100% on the same period last year" in text
    assert "Demo County Bureau\n29 November 2026" in text


def test_pdf_and_docx_show_the_same_charts(county_work, tmp_path):
    """The PDF embeds each chart's SVG as the page draws it; the Word file has the PNG
    rendered from that very SVG, chart for chart."""
    from django.template.loader import render_to_string

    from campaigns.reports import charts
    from campaigns.reports.assembly import gather
    from campaigns.reports.summary import ReportFilters

    filters = ReportFilters(
        start=datetime.date(2026, 1, 1), end=datetime.date(2026, 6, 30), unit=OrgUnit.objects.get(code="county")
    )
    with translation.override("zh-hans"):
        context = gather(filters, None, "pdf")
        html = render_to_string("campaigns/reports/report_pdf.html", context)
    drawn = [section["chart"] for section in context["sections"] if section["chart"]]
    assert len(drawn) == 4  # every breakdown with rows; these activities name no audience
    for svg in drawn:
        assert str(svg) in html

    document = Document(export(tmp_path, "docx"))
    pictures = [
        document.part.related_parts[shape._inline.graphic.graphicData.pic.blipFill.blip.embed].blob
        for shape in document.inline_shapes
    ]
    assert pictures == [charts.png(svg) for svg in drawn]


# The narrative names things without ambiguity.


def test_a_name_holding_the_list_separator_is_quoted():
    assert join_zh(["刷单返利诈骗", "冒充客服诈骗"]) == "刷单返利诈骗、冒充客服诈骗"
    assert join_zh([GAME, "刷单返利诈骗"]) == f"“{GAME}”、“刷单返利诈骗”"
    assert join_en(["Refunds, fake", "Games"]) == "Refunds, fake; and Games"
    assert join_en(["A", "B", "C"]) == "A, B and C"


def test_the_page_summary_quotes_game_trading_among_the_uncovered(county_work):
    from campaigns.reports import summary

    filters = summary.ReportFilters(
        start=datetime.date(2026, 1, 1), end=datetime.date(2026, 6, 30), unit=OrgUnit.objects.get(code="county")
    )
    # A name with the list's own separator among the first five named: it must stay one name.
    first = summary.build(filters).uncovered[0]
    ScamType.objects.filter(pk=first.pk).update(name_zh="冒充银行、电信客服诈骗")
    report = summary.build(filters)
    listed = [scam.name_zh for scam in report.uncovered][:5]  # the summary names the first five
    assert "冒充银行、电信客服诈骗" in listed
    text = " ".join(paragraphs(report, "zh-hans"))
    assert "、".join(f"“{name}”" for name in listed) in text


@pytest.mark.parametrize(
    ("day", "written"),
    [
        (datetime.date(2026, 11, 29), "二〇二六年十一月二十九日"),
        (datetime.date(2030, 1, 10), "二〇三〇年一月十日"),
        (datetime.date(2026, 10, 20), "二〇二六年十月二十日"),
        (datetime.date(2009, 12, 31), "二〇〇九年十二月三十一日"),
    ],
)
def test_dates_are_written_in_chinese_numerals(day, written):
    assert chinese_date(day) == written


# (b) A spreadsheet people can read.


def test_the_chinese_xlsx_is_for_people(county_work, tmp_path):
    workbook = openpyxl.load_workbook(export(tmp_path, "xlsx"))
    for name in workbook.sheetnames:
        assert not re.search(r"[A-Za-z]", name), name
        assert re.search(r"[\u4e00-\u9fff]", name), name
    assert {"合计", "按月份", "按单位", "专项行动", "活动列表", "指标说明", "案件（按单位）"} <= set(
        workbook.sheetnames
    )

    codes = set(ActivityType.objects.values_list("code", flat=True))
    codes |= set(OrgUnit.objects.values_list("code", flat=True))
    codes |= {status.value for status in Activity.Status}
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes, sheet.title
        header_row = int(sheet.freeze_panes[1:]) - 1
        assert "示范县公安局，2026-01-01至2026-06-30" in sheet["A1"].value, sheet.title
        header = [cell.value for cell in sheet[header_row]]
        assert sheet.column_dimensions["A"].width, sheet.title
        for row in sheet.iter_rows(min_row=header_row + 1):
            for title, cell in zip(header, row, strict=False):
                if sheet.title != "代码对照":  # codes are only on the sheet that maps names to them
                    assert cell.value not in codes, (sheet.title, title, cell.value)
                if isinstance(cell.value, int | float) and title not in ("编号",):
                    assert cell.number_format in ("#,##0", "#,##0.0"), (sheet.title, title)

    activities = list(workbook["活动列表"].iter_rows(min_row=3, values_only=True))
    booth = next(row for row in activities if row[2] == "东城集市反诈咨询台")
    assert booth[3:5] == ("街头摆摊宣传", "已通过")
    assert booth[5:7] == ("示范县公安局", "东城派出所")
    assert "station-a" not in booth
    campaigns = list(workbook["专项行动"].iter_rows(min_row=4, values_only=True))
    assert campaigns[0][0] == "春季攻势" and campaigns[0][5:9] == ("现场参与", 500, 10000, 5)
    total = {row[0]: row[1:3] for row in workbook["合计"].iter_rows(min_row=3, values_only=True)}
    assert total["活动数"] == (2, 1) and total["现场参与"] == (600, 300)


# (c) Case figures: imported once, the same in all four formats, never added to outreach.


def test_imported_case_figures_come_out_the_same_in_every_format(county_work, tmp_path):
    rows = list(csv.reader(io.StringIO(export(tmp_path, "csv").read_text("utf-8-sig"))))
    assert rows[0] == ["section", "group", "indicator", "value", "group_label", "indicator_label"]
    got = {tuple(row[:3]): int(row[3]) for row in rows[1:]}
    assert got[("cases_org_unit", "station-a", "cases")] == 5
    assert got[("cases_org_unit", "station-a", "losses")] == 100000
    assert got[("cases_org_unit", "station-b", "cases")] == 37  # school B's cases, under its station
    assert got[("cases_org_unit", "station-b", "losses")] == 1234567
    assert got[("cases_scam_type", "game-trading", "cases")] == 37
    assert got[("cases_scam_type", "order-brushing", "losses")] == 100000
    assert ("cases_org_unit", "station-c", "cases") not in got
    assert got[("total", "", "participants")] == 600  # cases never added to outreach
    assert not any(key[2] in ("cases", "losses") for key in got if not key[0].startswith("cases_"))
    named = {tuple(row[:3]): tuple(row[4:]) for row in rows[1:]}
    assert named[("cases_scam_type", "game-trading", "cases")] == (GAME, "案件数")

    workbook = openpyxl.load_workbook(export(tmp_path, "xlsx"))
    units = {row[0]: row for row in workbook["案件（按单位）"].iter_rows(min_row=4, values_only=True)}
    # unit, residents, cases, losses, per 10,000 residents, reached, reached per 10,000, per 10,000 reached
    assert units["西城派出所"][1:] == (20000, 37, 1234567, 18.5, 150, 75.0, 2466.7)
    assert units["东城派出所"][2:4] == (5, 100000)
    scams = {row[0]: row for row in workbook["案件（按诈骗类型）"].iter_rows(min_row=4, values_only=True)}
    assert scams[GAME][1:6] == (37, 1234567, 10, 0, None)

    pdf = squeeze(pdf_text(export(tmp_path, "pdf")))
    assert "案件与宣传" in pdf
    assert squeeze("西城派出所 20,000 37 1,234,567 18.5 150 75.0 2,466.7") in pdf
    assert "共发生电信网络诈骗案件42起，造成损失1,334,567元" in pdf

    text = docx_text(Document(export(tmp_path, "docx")))
    assert "西城派出所 | 20,000 | 37 | 1,234,567 | 18.5 | 150 | 75.0 | 2,466.7" in text
    assert f"{GAME} | 37 | 1,234,567 | 10 | 0 | —" in text
    assert "共发生电信网络诈骗案件42起，造成损失1,334,567元" in text
    assert "宣传力量与案件分布不够匹配。西城派出所（案件37起，宣传覆盖150人次）" in text


def test_reimported_cases_replace_the_figures_every_format_shows(county_work, reviewer, tmp_path):
    data = b"month,org_unit,scam_type,cases,losses\r\n2026-03,school-b,game-trading,12,9000\r\n"
    assert import_cases(data, "fix.csv", reviewer).ok
    rows = list(csv.reader(io.StringIO(export(tmp_path, "csv").read_text("utf-8-sig"))))
    got = {tuple(row[:3]): int(row[3]) for row in rows[1:]}
    assert got[("cases_org_unit", "station-b", "cases")] == 12
    assert got[("cases_scam_type", "game-trading", "losses")] == 9000


def test_the_page_shows_the_cases_section(client, county_work, reviewer):
    client.force_login(reviewer)
    with translation.override("zh-hans"):
        response = client.get(reverse("reports:report"), {"date_from": "2026-01-01", "date_to": "2026-06-30"})
    html = response.content.decode()
    assert '<h2 id="cases-title" class="h4">案件与宣传</h2>' in html
    assert '<td class="text-end">2,466.7</td>' in html
    assert "案件多而宣传覆盖相对少的单位是西城派出所" in html


def test_the_page_runs_as_many_queries_with_many_case_rows_as_with_few(client, county_work, reviewer):
    client.force_login(reviewer)
    query = {"date_from": "2025-01-01", "date_to": "2026-06-30"}

    def count():
        with translation.override("en"):
            path = reverse("reports:report")
        client.get(path, query)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path, query).status_code == 200
        return len(queries)

    few = count()
    scams = list(ScamType.objects.all()[:10])
    units = list(OrgUnit.objects.all())
    CaseStat.objects.bulk_create(
        CaseStat(
            unit=unit, month=datetime.date(2025, month, 1), scam_type=scam, cases=1, losses=1, imported_by=reviewer
        )
        for unit in units
        for scam in scams
        for month in range(4, 13)
    )
    counted_changed()  # as the import does: the cached report body is retired
    assert count() == few
