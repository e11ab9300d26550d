"""The starter set of material bundled with the site, made from the catalogue and the
words in texts.py: letters (DOCX and PDF), a poster per featured scam type (PDF and PNG),
broadcast scripts, banner slogans and a class-meeting slide deck.

Loading is idempotent: material whose slug exists is left as it is (an administrator may
have changed it), so running it twice doubles nothing."""

import io
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from campaigns.models import ActivityType, AudienceGroup, Material, MaterialFile, MaterialKind
from fraudwatch.core import pagecache
from fraudwatch.core.bilingual import ENGLISH, by_language, text_in, written_in
from scams.models import ScamType
from scams.printing import tagged_pdf

from . import files, texts, thumbs

SANS = "Noto Sans CJK SC"
LANGUAGES = ("zh", "en")


@dataclass
class Spec:
    slug: str
    kind: str
    title_zh: str
    title_en: str
    description_zh: str
    description_en: str
    audiences: list
    activity_types: list = field(default_factory=list)
    scam_types: list = field(default_factory=list)
    # (file name, language, a function returning the bytes)
    files: list = field(default_factory=list)


def pdf(template, context):
    return tagged_pdf(render_to_string(template, context))


def png_of_pdf(data, width=1240):
    image = thumbs.pdf_first_page(data, width)  # 1240: A4 at 150 dpi
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def docx(letter):
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = SANS
    normal.font.size = Pt(12)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), SANS)  # Word and WPS read the East Asian font here
    heading = document.add_heading(letter["title"], level=1)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if letter.get("letterhead"):
        document.add_paragraph(letter["letterhead"]).alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(letter["greeting"])
    for paragraph in letter["paragraphs"]:
        document.add_paragraph(paragraph)
    document.add_paragraph(letter["signature"]).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.add_paragraph("")
    document.add_paragraph(letter["receipt"])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pptx(deck):
    from pptx import Presentation

    presentation = Presentation()
    for number, (title, points) in enumerate(deck["slides"]):
        layout = presentation.slide_layouts[0 if number == 0 else 1]
        slide = presentation.slides.add_slide(layout)
        slide.shapes.title.text = title
        body = slide.placeholders[1].text_frame
        body.text = points[0]
        for point in points[1:]:
            body.add_paragraph().text = point
    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()


def text(content):
    return (content.strip() + "\n").encode("utf-8")


def _letter_files(stem, letter):
    """The library's copies: the letter with its merge fields blank, to fill in by hand."""
    from .letters import words as merged

    made = []
    for language in LANGUAGES:
        words = merged(letter, language)
        made.append((f"{stem}-{language}.pdf", language, lambda w=words, lang=language: letter_pdf(w, lang)))
        made.append((f"{stem}-{language}.docx", language, lambda w=words: docx(w)))
    return made


def letter_pdf(words, language):
    return pdf(
        "campaigns/materials/material_files/letter.html",
        {**words, "lang": by_language(language, zh="zh-Hans", en="en")},
    )


# The A4 posters' PDFs carry this in their keywords, so that a kit knows one for the
# library's own and lays it out with its other pages (see campaigns.kits.printing).
POSTER_MARKER = "fraudwatch-poster:{slug}:{language}"


def poster_of_marker(keywords):
    """(scam type, language) of a library poster from its PDF's keywords, or None when the
    PDF is not one of the library's posters or its type is no longer published."""
    prefix, _, rest = (keywords or "").partition(":")
    slug, _, language = rest.partition(":")
    if prefix != "fraudwatch-poster" or language not in LANGUAGES:
        return None
    scam = ScamType.objects.published().filter(slug=slug).first()
    return (scam, language) if scam else None


def _poster_pdf(scam, language):
    return pdf("campaigns/materials/material_files/poster.html", poster_context(scam, language))


def poster_context(scam, language):
    """The A4 poster: the bait as residents see it on their phone, the type's three
    strongest warning signs, what keeps people safe, and the hotlines."""
    from scams import bait

    scam = ScamType.objects.prefetch_related("tags").get(pk=scam.pk)  # `t` is read in this language
    with translation.override(written_in(language)):
        name = str(scam.t.name)
        picture = bait.draw(bait.bait_for(scam, list(scam.tags.all())))
        signs = scam.t.lines("warning_signs")[:3]
        protect = scam.t.lines("protect")[:2]
    return {
        "lang": by_language(language, zh="zh-Hans", en="en"),
        "heading": by_language(language, zh="防范电信网络诈骗", en="Stop phone and online fraud"),
        "title": by_language(language, zh=f"警惕{name}", en=f"Beware: {name}"),
        "bait": picture,
        "bait_caption": by_language(language, zh="骗子发来的就是这样的：", en="This is what it looks like:"),
        "signs_heading": by_language(language, zh="看到这些，就是骗局：", en="If you see this, it is a scam:"),
        "signs": [str(sign) for sign in signs],
        "protect_heading": by_language(language, zh="这样做，就安全：", en="Stay safe:"),
        "protect": [str(line) for line in protect],
        "hotline_text": by_language(
            language, zh="拿不准先挂断，报警110，咨询96110", en="Not sure? Hang up. Report: 110 · Advice: 96110"
        ),
        "marker": POSTER_MARKER.format(slug=scam.slug, language=language),
    }


def a3_of(a4_pdf):
    """The A4 poster at A3: the same page scaled by √2, so every line stays sharp."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(a4_pdf)))
    for page in writer.pages:
        page.scale_by(2**0.5)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _poster_spec(scam):
    made = {}

    def poster(language, size="a4"):
        if (language, size) not in made:
            made[language, size] = _poster_pdf(scam, language) if size == "a4" else a3_of(poster(language))
        return made[language, size]

    name_en = text_in(scam, "name", ENGLISH)
    files = []
    for language in LANGUAGES:
        for size, width in (("a4", 1240), ("a3", 1754)):  # 150 dpi
            stem = f"poster-{scam.slug}-{language}-{size}"
            files.append((f"{stem}.pdf", language, lambda lang=language, size=size: poster(lang, size)))
            files.append(
                (f"{stem}.png", language, lambda lang=language, size=size, w=width: png_of_pdf(poster(lang, size), w))
            )
    return Spec(
        slug=f"poster-{scam.slug}",
        kind="poster",
        title_zh=f"海报：警惕{scam.name_zh}",
        title_en=f"Poster: beware of {name_en}",
        description_zh=f"A4和A3海报，画出{scam.name_zh}的诱饵，列出最明显的三个信号和报警、咨询电话。"
        "适合张贴在社区、学校、银行网点。",
        description_en=f"A4 and A3 posters showing the bait of {name_en}, its three clearest signs and the "
        "numbers to call. For notice boards in communities, schools and bank branches.",
        audiences=["general_public", "residents"],
        activity_types=["display_setup", "community_event"],
        scam_types=[scam.slug],
        files=files,
    )


def specs():
    letter_types = ["order-brushing", "shopping-refund", "police-impersonation"]
    made = [
        Spec(
            slug="letter-to-parents",
            kind="letter_to_parents",
            title_zh=texts.LETTER_TO_PARENTS["zh"]["title"],
            title_en=texts.LETTER_TO_PARENTS["en"]["title"],
            description_zh="学校发给家长的告家长书，附回执。Word版可加上学校名称后打印。",
            description_en="A letter from the school to parents, with a reply slip. Add the school's name to "
            "the Word version before printing.",
            audiences=["parents"],
            activity_types=["school_meeting", "class_meeting"],
            scam_types=letter_types,
            files=_letter_files("letter-to-parents", texts.LETTER_TO_PARENTS),
        ),
        Spec(
            slug="commitment-letter",
            kind="commitment_letter",
            title_zh=texts.COMMITMENT_LETTER["zh"]["title"],
            title_en=texts.COMMITMENT_LETTER["en"]["title"],
            description_zh="学生签订的防诈承诺书，由家长（监护人）一同签名。",
            description_en="A commitment pupils sign against fraud, countersigned by a parent or guardian.",
            audiences=["students", "parents"],
            activity_types=["class_meeting", "school_meeting"],
            scam_types=[*letter_types, "renting-bank-cards"],
            files=_letter_files("commitment-letter", texts.COMMITMENT_LETTER),
        ),
        Spec(
            slug="banner-slogans",
            kind="banner_slogan",
            title_zh="反诈横幅标语八条",
            title_en="Eight banner slogans against fraud",
            description_zh="上下句各七字的横幅标语，适合横幅、电子屏和展板。",
            description_en="Short slogans for banners, screens and display boards.",
            audiences=["general_public"],
            activity_types=["display_setup", "street_booth"],
            files=[
                ("banner-slogans-zh.txt", "zh", lambda: text("\n".join(texts.SLOGANS["zh"]))),
                ("banner-slogans-en.txt", "en", lambda: text("\n".join(texts.SLOGANS["en"]))),
            ],
        ),
        Spec(
            slug="class-meeting-slides",
            kind="slides",
            title_zh=texts.CLASS_MEETING["zh"]["title"],
            title_en=texts.CLASS_MEETING["en"]["title"],
            description_zh="40分钟主题班会的提纲课件，含时间安排、案例讨论和情景演练。",
            description_en="An outline deck for a 40-minute class meeting: timing, case discussion and role play.",
            audiences=["students", "teachers"],
            activity_types=["class_meeting"],
            scam_types=["order-brushing", "shopping-refund", "game-trading"],
            files=[
                ("class-meeting-zh.pptx", "zh", lambda: pptx(texts.CLASS_MEETING["zh"])),
                ("class-meeting-en.pptx", "en", lambda: pptx(texts.CLASS_MEETING["en"])),
            ],
        ),
    ]
    made.extend(_broadcast_specs())
    made.extend(_poster_spec(scam) for scam in ScamType.objects.published().filter(featured=True).order_by("slug"))
    return made


def _broadcast_specs():
    """One broadcast script for each scam type that has one."""
    made = []
    names = dict(ScamType.objects.filter(slug__in=texts.BROADCAST_SCRIPTS).values_list("slug", "name_zh"))
    names_en = dict(ScamType.objects.filter(slug__in=texts.BROADCAST_SCRIPTS).values_list("slug", "name_en"))
    for slug, script in texts.BROADCAST_SCRIPTS.items():
        name_zh, name_en = names.get(slug, slug), names_en.get(slug) or slug
        made.append(
            Spec(
                slug=f"broadcast-{slug}",
                kind="broadcast_script",
                title_zh=f"广播稿：{name_zh}",
                title_en=f"Broadcast script: {name_en}",
                description_zh="约一分钟的广播稿，适合村居广播、小喇叭和校园广播。",
                description_en="About a minute read aloud: for village loudspeakers, community and school radio.",
                audiences=["residents", "elderly", "general_public"],
                activity_types=["broadcast"],
                scam_types=[slug],
                files=[
                    (f"broadcast-{slug}-zh.txt", "zh", lambda s=script: text(s["zh"])),
                    (f"broadcast-{slug}-en.txt", "en", lambda s=script: text(s["en"])),
                ],
            )
        )
    return made


def load(only=None):
    """Create the bundled material that does not exist yet (of the slugs in `only`, when
    given); returns (created, kept) slugs."""
    existing = set(Material.objects.values_list("slug", flat=True))
    kinds = {kind.code: kind for kind in MaterialKind.objects.all()}
    audiences = {group.code: group for group in AudienceGroup.objects.all()}
    activity_types = {kind.code: kind for kind in ActivityType.objects.all()}
    created, kept = [], []
    for spec in specs():
        if only is not None and spec.slug not in only:
            continue
        if spec.slug in existing:
            kept.append(spec.slug)
            continue
        _create(spec, kinds, audiences, activity_types)
        created.append(spec.slug)
    if created:
        transaction.on_commit(pagecache.invalidate)
    return created, kept


def _create(spec, kinds, audiences, activity_types):
    contents = []
    for name, language, make in spec.files:
        data = make()
        upload = ContentFile(data, name=name)
        contents.append((upload, language, files.check(upload)))
    with transaction.atomic():
        material = Material.objects.create(
            slug=spec.slug,
            kind=kinds[spec.kind],
            title_zh=spec.title_zh,
            title_en=spec.title_en,
            description_zh=spec.description_zh,
            description_en=spec.description_en,
            status=Material.Status.PUBLISHED,
        )
        material.audiences.set([audiences[code] for code in spec.audiences if code in audiences])
        material.activity_types.set([activity_types[code] for code in spec.activity_types if code in activity_types])
        material.scam_types.set(ScamType.objects.filter(slug__in=spec.scam_types))
        for position, (upload, language, content_type) in enumerate(contents):
            stored = MaterialFile(
                material=material,
                name=upload.name,
                content_type=content_type,
                size=upload.size,
                language=language,
                position=position,
            )
            stored.file.save(upload.name, upload, save=False)
            stored.save()
    return material
