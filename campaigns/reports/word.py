"""The work report as a Word file in 公文 form (python-docx).

A4 with the margins of GB/T 9704 (37 mm top, 35 mm bottom, 28 mm left, 26 mm right),
the title in 方正小标宋简体, the body in 仿宋_GB2312 at 三号 (16 pt) on exact 28 pt lines,
一、 headings in 黑体 and the second level in 楷体_GB2312, all black, and the page number
"— 1 —" centred in the footer. Fonts are named, never embedded: Word and WPS use them
where installed and substitute their own serif elsewhere. East Asian font names go in
w:rFonts/@w:eastAsia, the attribute Word reads for Chinese text; the theme-font
attributes of python-docx's template are removed, because they would win over a name.
The English report is the same document in Times New Roman with headings I. to V.

After the sign-off comes an annex with the tables and the page's charts (as PNG).
Each chart sits in a paragraph of its own style (single spacing, no indent, centred):
in a body paragraph's exact 28 pt line, Word, WPS and LibreOffice show only a 28 pt
strip of an inline picture. Each chart's alt text states its figures in words, each
table's header row repeats on every page it runs onto, and the East Asian language is
set so that Word proofs Chinese as Chinese. The Traditional report is the Simplified
one converted (documents.build), set in the GBK cuts of the same fonts.
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from campaigns.models import percent_done
from fraudwatch.core.bilingual import TRADITIONAL_LANGUAGE, is_english, written_in

from . import cases as case_tables
from . import charts
from .exports import columns, label_of
from .measured import AWARENESS_NOTE, AWARENESS_TITLE, rate_text
from .narrative import number
from .summary import ACTIVITIES_LABEL, MATERIAL_SECTIONS, SECTIONS

BLACK = RGBColor(0, 0, 0)
LATIN = "Times New Roman"
# style -> (east Asian font, size in points, bold), per language
STYLES = {
    "zh-hans": {
        "Normal": ("仿宋_GB2312", 16, False),
        "Title": ("方正小标宋简体", 22, True),
        "Subtitle": ("楷体_GB2312", 16, False),
        "Heading 1": ("黑体", 16, False),
        "Heading 2": ("楷体_GB2312", 16, False),
        "Footer": ("宋体", 14, False),
    },
    "en": {
        "Normal": (LATIN, 12, False),
        "Title": (LATIN, 18, True),
        "Subtitle": (LATIN, 12, False),
        "Heading 1": (LATIN, 13, True),
        "Heading 2": (LATIN, 12, True),
        "Footer": (LATIN, 11, False),
    },
}
# The w:lang of every style: Latin text, East Asian text. The English report keeps
# zh-CN for its East Asian text, the Chinese names that have no English yet.
LANGUAGES = {"zh-hans": ("en-GB", "zh-CN"), "zh-hant": ("en-GB", "zh-TW"), "en": ("en-GB", "zh-CN")}
# The 公文 fonts named _GB2312 and 简体 hold Simplified characters only: the Traditional
# report names their GBK cuts, which hold the Traditional ones too.
TRADITIONAL_FONTS = {"仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "方正小标宋简体": "宋体"}
LINE = {"zh-hans": Pt(28), "en": Pt(20)}  # exact line spacing of the body text
TABLE_FONT = {"zh-hans": ("宋体", 10), "en": (LATIN, 9.5)}
CHART_WIDTH = Mm(150)  # the text block is 156 mm wide


def write_docx(work, context, stream):
    language = written_in(work.language)  # the Traditional report is set as the Simplified
    document = Document()
    _page(document.sections[0], language)
    _styles(document, language)
    if work.language == TRADITIONAL_LANGUAGE:
        for fonts in document.styles.element.iter(qn("w:rFonts")):
            east_asian = fonts.get(qn("w:eastAsia"))
            if east_asian in TRADITIONAL_FONTS:
                fonts.set(qn("w:eastAsia"), TRADITIONAL_FONTS[east_asian])
    _proofing_language(document, *LANGUAGES.get(work.language, LANGUAGES["zh-hans"]))
    _properties(document.core_properties, work, context)

    title = document.add_paragraph(style="Title")
    for position, line in enumerate(work.title_lines):
        run = title.add_run(line)
        if position < len(work.title_lines) - 1:
            run.add_break()
    document.add_paragraph(work.period, style="Subtitle")
    for section in work.sections:
        document.add_paragraph(section.heading, style="Heading 1")
        for kind, text in section.blocks:
            document.add_paragraph(text, style="Heading 2" if kind == "subheading" else "Normal")

    document.add_paragraph("", style="Normal")
    for text in (work.signer, work.signed):
        paragraph = document.add_paragraph(text, style="Sign-off")
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    _annex(document, work, context)
    document.save(stream)


def _page(section, language):
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(25)
    # — 1 —: the page number as a PAGE field between two dashes.
    paragraph = section.footer.paragraphs[0]
    paragraph.style = "Footer"
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("— ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
    paragraph.add_run(" —")


def _properties(properties, work, context):
    """Title, subject and author as the file's properties show them: the report's own,
    not the library's."""
    filters = context["report"].filters
    properties.title = work.title
    properties.subject = _("Anti-fraud outreach work report, %(start)s to %(end)s") % {
        "start": f"{filters.start:%Y-%m-%d}",
        "end": f"{filters.end:%Y-%m-%d}",
    }
    properties.author = properties.last_modified_by = work.signer
    properties.comments = properties.keywords = properties.category = ""
    latin, east_asian = LANGUAGES.get(work.language, LANGUAGES["zh-hans"])
    properties.language = latin if is_english(work.language) else east_asian
    properties.created = properties.modified = timezone.now().replace(microsecond=0)
    properties.revision = 1


def _proofing_language(document, latin, east_asian):
    """w:lang in the document defaults and in every style that names one, and the theme's
    language in the settings: what Word spell-checks and lays out each script as."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    elements = [defaults.find(qn("w:rPrDefault"))] if defaults is not None else []
    elements += [style.element for style in document.styles if style.type == WD_STYLE_TYPE.PARAGRAPH]
    for element in elements:
        if element is None:
            continue
        rpr = _rpr(element)
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), latin)
        lang.set(qn("w:eastAsia"), east_asian)
    theme = document.settings.element.find(qn("w:themeFontLang"))
    if theme is not None:
        theme.set(qn("w:val"), latin)
        theme.set(qn("w:eastAsia"), east_asian)


def _rpr(element):
    if hasattr(element, "get_or_add_rPr"):
        return element.get_or_add_rPr()
    rpr = element.find(qn("w:rPr"))  # w:rPrDefault, which python-docx does not model
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        element.append(rpr)
    return rpr


def set_fonts(element, latin, east_asian):
    """Name the fonts of a style or run: Latin for digits and letters, east Asian for
    Chinese, with no theme font left to override them."""
    rpr = _rpr(element)
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:eastAsia"), east_asian)


def _styles(document, language):
    styles = document.styles
    # The template's document defaults name theme fonts; name ours there too.
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is not None:
            set_fonts(rpr_default, LATIN, STYLES[language]["Normal"][0])
    for name, (east_asian, size, bold) in STYLES[language].items():
        style = styles[name]
        set_fonts(style.element, LATIN, east_asian)
        style.font.size = Pt(size)
        style.font.bold = bold
        style.font.italic = False
        style.font.color.rgb = BLACK
        _no_borders(style)
        layout = style.paragraph_format
        layout.space_before = layout.space_after = Pt(0)
        layout.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        layout.line_spacing = LINE[language]
        if name in ("Normal", "Heading 1", "Heading 2") and not is_english(language):
            layout.first_line_indent = Pt(32)  # two characters
        if name.startswith("Heading"):
            layout.keep_with_next = True
        if name == "Title":
            layout.alignment = WD_ALIGN_PARAGRAPH.CENTER
            layout.line_spacing = Pt(size * 1.6)
            layout.space_after = Pt(0)
        if name == "Subtitle":
            layout.alignment = WD_ALIGN_PARAGRAPH.CENTER
            layout.space_after = LINE[language]
        if name == "Footer":
            layout.line_spacing_rule = WD_LINE_SPACING.SINGLE
    if is_english(language):
        styles["Normal"].paragraph_format.space_after = Pt(6)

    sign_off = styles.add_style("Sign-off", 1)
    sign_off.base_style = styles["Normal"]
    sign_off.paragraph_format.first_line_indent = Pt(0)
    sign_off.paragraph_format.right_indent = Pt(0) if is_english(language) else Pt(32)

    # Pictures: single spacing, so that the line grows to the picture's height.
    chart = styles.add_style("Chart", 1)
    chart.base_style = styles["Normal"]
    layout = chart.paragraph_format
    layout.first_line_indent = Pt(0)
    layout.line_spacing_rule = WD_LINE_SPACING.SINGLE
    layout.alignment = WD_ALIGN_PARAGRAPH.CENTER
    layout.space_before = layout.space_after = Pt(6)
    layout.keep_with_next = True  # the chart stays with its table

    table_text = styles.add_style("Table Text", 1)
    table_text.base_style = styles["Normal"]
    font, size = TABLE_FONT[language]
    set_fonts(table_text.element, LATIN, font)
    table_text.font.size = Pt(size)
    layout = table_text.paragraph_format
    layout.first_line_indent = Pt(0)
    layout.line_spacing_rule = WD_LINE_SPACING.SINGLE
    layout.space_before = layout.space_after = Pt(1)


def _no_borders(style):
    ppr = style.element.pPr
    if ppr is not None:
        for border in ppr.findall(qn("w:pBdr")):
            ppr.remove(border)


def _annex(document, work, context):
    """The tables after the text: headline figures against last year, the breakdowns, the
    material tables, campaign progress, the quizzes and the cases."""
    report = context["report"]
    document.add_paragraph("", style="Normal").add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph(_("Annex: tables"), style="Heading 1")
    _headline_annex(document, report, work.previous)
    _breakdowns_annex(document, report, context["sections"])
    _materials_annex(document, report)
    _campaigns_annex(document, report)
    _awareness_annex(document, report)
    _cases_annex(document, context["cases"])


def _headline_annex(document, report, previous):
    document.add_paragraph(_("Headline figures"), style="Heading 2")
    rows = [[str(ACTIVITIES_LABEL), number(report.total.activities), number(previous.total.activities)]]
    for indicator in report.indicators:
        if indicator.code in report.total.values:
            rows.append(
                [
                    f"{indicator.t.name} ({indicator.t.unit})",
                    number(report.total.values[indicator.code]),
                    number(previous.total.values.get(indicator.code, 0)),
                ]
            )
    _table(document, [_("Indicator"), _("Value"), _("Same period last year")], rows)


def _breakdowns_annex(document, report, sections):
    shown = columns(report, "docx")
    for section in sections:
        key, breakdown = section["key"], section["breakdown"]
        document.add_paragraph(str(SECTIONS[key]), style="Heading 2")
        if not breakdown.rows:
            document.add_paragraph(_("No activities."), style="Table Text")
            continue
        if section["chart"]:
            _chart(document, section)
        if breakdown.overlapping:
            document.add_paragraph(
                _("One activity can fall in several rows here: rows are not added up."), style="Table Text"
            )
        _table(
            document,
            [_("Group"), str(ACTIVITIES_LABEL), *[str(indicator.t.name) for indicator in shown]],
            [
                [label_of(row, key), number(row.activities), *[number(row.values.get(i.code, 0)) for i in shown]]
                for row in breakdown.rows
            ],
        )
        if key == "scam_type":
            document.add_paragraph(_("Scam types not covered in this period"), style="Table Text").runs[0].bold = True
            uncovered = [str(scam.t.name) for scam in report.uncovered]
            document.add_paragraph(
                "；".join(uncovered) if uncovered else _("Every type in the catalogue was covered."),
                style="Table Text",
            )


def _materials_annex(document, report):
    for section, rows in report.materials.items():
        about = MATERIAL_SECTIONS[section]
        document.add_paragraph(str(about["title"]), style="Heading 2")
        document.add_paragraph(str(about["note"]), style="Table Text")
        if rows:
            _table(
                document,
                [_("Material"), str(about["column"])],
                [[str(row.material.t.title), number(row.value)] for row in rows],
            )
        else:
            document.add_paragraph(str(about["empty"]), style="Table Text")


def _campaigns_annex(document, report):
    if report.campaigns:
        document.add_paragraph(_("Campaign progress"), style="Heading 2")
        rows = [
            [
                str(progress.campaign.t.name),
                str(indicator.t.name),
                number(done),
                number(target),
                f"{percent_done(done, target)}%",
            ]
            for progress in report.campaigns
            for indicator, target, done in progress.targets
        ]
        _table(document, [_("Campaign"), _("Indicator"), _("Done"), _("Target"), "%"], rows)


def _cases_annex(document, found):
    document.add_paragraph(str(case_tables.TITLE), style="Heading 2")
    document.add_paragraph(case_tables.note(found), style="Table Text")
    if found.any:
        document.add_paragraph(str(case_tables.BY_UNIT), style="Table Text").runs[0].bold = True
        _table(
            document,
            [_("Unit"), *[str(label) for _key, label in case_tables.UNIT_COLUMNS]],
            [
                [case_tables.unit_label(row), *map(case_tables.shown, case_tables.cells(row, case_tables.UNIT_COLUMNS))]
                for row in found.units
            ],
        )
        document.add_paragraph(str(case_tables.BY_SCAM_TYPE), style="Table Text").runs[0].bold = True
        _table(
            document,
            [_("Scam type"), *[str(label) for _key, label in case_tables.SCAM_COLUMNS]],
            [
                [str(row.scam.t.name), *map(case_tables.shown, case_tables.cells(row, case_tables.SCAM_COLUMNS))]
                for row in found.scam_types
            ],
        )
        document.add_paragraph(str(case_tables.NEXT_TITLE), style="Table Text").runs[0].bold = True
        for line in case_tables.next_lines(found):
            document.add_paragraph(line, style="Table Text")


def _awareness_annex(document, report):
    """The quizzes per unit: takers, answers, right answers and the rate of each."""
    rows = [row for row in report.breakdowns["org_unit"].rows if row.measures.answered or row.measures.takers]
    if not rows:
        return
    document.add_paragraph(str(AWARENESS_TITLE), style="Heading 2")
    document.add_paragraph(str(AWARENESS_NOTE), style="Table Text")
    cells = [(label_of(row, "org_unit"), row.measures) for row in rows] + [(_("Total"), report.total.measures)]
    _table(
        document,
        [_("Unit"), _("Quiz takers"), _("Questions answered"), _("Right answers"), _("Awareness rate")],
        [
            [label, number(quiz.takers), number(quiz.answered), number(quiz.correct), rate_text(quiz.rate)]
            for label, quiz in cells
        ],
    )


def _chart(document, section):
    """The chart's PNG in a paragraph of its own, with its title and figures as alt text."""
    import io

    paragraph = document.add_paragraph(style="Chart")
    picture = paragraph.add_run().add_picture(io.BytesIO(charts.png(section["chart"])), width=CHART_WIDTH)
    properties = picture._inline.docPr
    properties.set("title", str(section["chart_heading"]))
    properties.set("descr", str(section["chart_words"]))


def _table(document, header, rows):
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        _cell(cell, text, bold=True)
    # The header row repeats at the top of every page the table runs onto, and is never split.
    row_properties = table.rows[0]._tr.get_or_add_trPr()
    for name in ("w:cantSplit", "w:tblHeader"):
        mark = OxmlElement(name)
        mark.set(qn("w:val"), "true")
        row_properties.append(mark)
    for values in rows:
        for position, (cell, text) in enumerate(zip(table.add_row().cells, values, strict=True)):
            _cell(cell, text, right=position > 0)
    return table


def _cell(cell, text, bold=False, right=False):
    paragraph = cell.paragraphs[0]
    paragraph.style = "Table Text"
    run = paragraph.add_run(str(text))
    run.bold = bold
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
