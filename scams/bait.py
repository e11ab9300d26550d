"""The picture of the bait: what a resident will see on their phone, drawn as SVG.

Each scam type shows one phone screen (a text message, a chat, an incoming call, a fake
web page or a fake app) made from its own words in the catalogue. SVG does not wrap
text: scams.line_breaking breaks the lines by each character's width, so a line never
runs out of its bubble.

Chinese is set in the Simplified or Traditional face of the page's language (Noto Sans
CJK SC or TC), named explicitly and with the lang attribute, so that no renderer falls
back to the Japanese forms of the same characters.

The markup uses presentation attributes (fill=, font-size=) only: the site's
Content-Security-Policy allows no inline style. Every element is built with
format_html, so text from the catalogue is always escaped.
"""

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from fraudwatch.core.bilingual import html_lang

from .line_breaking import measure, width_of, wrap
from .models import BaitKind, Tag

WIDTH = 300
# Sizes in the picture's units. Nothing is smaller than TEXT: the leaflet prints the
# picture 86 mm wide in Chinese and 80 mm in English, where TEXT is 12.2 pt and 11.3 pt
# (and a phone shows it 17rem wide, where TEXT is 13.6 px).
TEXT = 15
TITLE = 17
SIMPLIFIED_FACES = "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei'"
FONTS = {
    "zh-hans": f"{SIMPLIFIED_FACES}, sans-serif",
    "zh-hant": "'Noto Sans CJK TC', 'Source Han Sans TC', 'PingFang TC', 'Microsoft JhengHei', sans-serif",
    # Latin from the system's face; the odd Chinese word in Simplified.
    "en": f"system-ui, 'Segoe UI', 'DejaVu Sans', Arial, sans-serif, {SIMPLIFIED_FACES}",
}
INK, GREY, LINE, LINK = "#1d2939", "#475467", "#d0d5dd", "#175cd3"

# The first contact channel decides the picture when a type does not choose one.
KIND_BY_CHANNEL = {
    "phone": BaitKind.CALL,
    "sms": BaitKind.SMS,
    "fake_base_station": BaitKind.SMS,
    "qq_wechat": BaitKind.CHAT,
    "short_video": BaitKind.CHAT,
    "game_platform": BaitKind.CHAT,
    "website": BaitKind.WEB,
    "ecommerce": BaitKind.WEB,
}
DEFAULT_SENDER = {
    BaitKind.SMS: "1069 0000 0000",
    BaitKind.CALL: "170 1000 0000",
    BaitKind.WEB: "http://notice.example",
}


@dataclass
class Bait:
    kind: str
    sender: str
    name: str
    lines: list
    fields: list
    flags: list

    def description(self):
        """The text a screen reader reads instead of the picture: the whole message."""
        said = " ".join(f"“{line}”" for line in self.lines)
        asks = _(", ").join(self.fields)
        if self.kind == BaitKind.SMS:
            text = _("Text message from %(sender)s: %(messages)s") % {"sender": self.sender, "messages": said}
        elif self.kind == BaitKind.CHAT:
            text = _("Chat message from %(name)s: %(messages)s") % {"name": self.name, "messages": said}
        elif self.kind == BaitKind.CALL:
            text = _("Incoming call from %(sender)s, shown as “%(name)s”. The caller says: %(messages)s") % {
                "sender": self.sender,
                "name": self.name or self.sender,
                "messages": said,
            }
        elif self.kind == BaitKind.WEB:
            text = _("Web page at %(address)s, titled “%(name)s”: %(messages)s") % {
                "address": self.sender,
                "name": self.name,
                "messages": said,
            }
        else:
            text = _("App screen “%(name)s”: %(messages)s") % {"name": self.name, "messages": said}
        if self.fields:
            text += " " + _("It asks for: %(fields)s.") % {"fields": asks}
        return text


def bait_for(scam, channels=()):
    """The bait a type shows, in the active language; falls back to its first phrases."""
    text = scam.t
    kind = scam.bait_kind or next(
        (KIND_BY_CHANNEL[tag.code] for tag in channels if tag.kind == Tag.Kind.CHANNEL and tag.code in KIND_BY_CHANNEL),
        BaitKind.SMS,
    )
    name = str(text.bait_name)
    if not name and kind == BaitKind.CHAT:
        name = _("Unknown contact")
    elif not name and kind == BaitKind.APP:
        name = _("Unknown app")
    return Bait(
        kind=kind,
        sender=scam.bait_sender or DEFAULT_SENDER.get(kind, ""),
        name=name,
        lines=[str(line) for line in text.lines("bait_lines") or text.lines("phrases")[:2]],
        fields=[str(line) for line in text.lines("bait_fields")],
        flags=text.lines("bait_flags") or text.lines("warning_signs")[:2],
    )


# Drawing


def _number(value):
    return f"{value:g}"


class Canvas:
    def __init__(self):
        self.parts = []

    def rect(self, x, y, width, height, fill, radius=0, stroke="none"):
        self.parts.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="{}" stroke="{}"/>',
                *map(_number, (x, y, width, height, radius)),
                fill,
                stroke,
            )
        )

    def circle(self, x, y, radius, fill):
        self.parts.append(
            format_html('<circle cx="{}" cy="{}" r="{}" fill="{}"/>', *map(_number, (x, y, radius)), fill)
        )

    def text(self, x, y, content, size, fill=INK, anchor="start", bold=False):
        self.parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="{}" fill="{}" text-anchor="{}" font-weight="{}">{}</text>',
                *map(_number, (x, y, size)),
                fill,
                anchor,
                "700" if bold else "400",
                content,
            )
        )

    def line_of_text(self, x, y, segments, size, fill=INK):
        spans = format_html_join(
            "",
            "{}",
            (
                (format_html('<tspan fill="{}" text-decoration="underline">{}</tspan>', LINK, text) if link else text,)
                for text, link in segments
            ),
        )
        self.parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="{}" fill="{}">{}</text>', *map(_number, (x, y, size)), fill, spans
            )
        )

    def bubble(self, x, y, message, size, width, fill, stroke="none", ink=INK):
        """A message bubble at (x, y); returns its height."""
        rows = wrap(message, size, width)
        pad_x, pad_y, leading = 10, 8, size * 1.45
        inner = max((width_of(row) for row in rows), default=0) * size
        height = pad_y * 2 + leading * len(rows) - (leading - size) + 2
        outer = self.parts
        self.parts = []
        self.rect(x, y, min(inner, width) + pad_x * 2, height, fill, radius=12, stroke=stroke)
        for number, row in enumerate(rows):
            self.line_of_text(x + pad_x, y + pad_y + size * 0.9 + number * leading, row, size, fill=ink)
        # Grouped, so that a test in the browser can hold each line to its own bubble.
        outer.append(format_html('<g class="bubble">{}</g>', format_html_join("", "{}", ((p,) for p in self.parts))))
        self.parts = outer
        return height

    def title(self, y, rows, size, fill=INK):
        """A bold title's lines (from _title_rows), centred, the first on baseline y."""
        for number, row in enumerate(rows):
            self.text(WIDTH / 2, y + number * size * 1.3, row, size, fill, anchor="middle", bold=True)

    def centred(self, y, text, size, fill):
        """Wrapped text centred on the screen; returns its height."""
        rows = wrap(text, size, 240)
        for number, row in enumerate(rows):
            plain = "".join(t for t, _link in row)
            self.text(WIDTH / 2, y + size + 4 + number * size * 1.4, plain, size, fill, "middle")
        return size * 1.4 * len(rows) + 4

    def paragraph(self, x, y, text, size, width, fill=INK, bold=False):
        """Wrapped text without a bubble; returns its height."""
        rows = wrap(text, size, width)
        leading = size * 1.45
        for number, row in enumerate(rows):
            if bold:
                self.text(x, y + size + number * leading, "".join(t for t, _link in row), size, fill, bold=True)
            else:
                self.line_of_text(x, y + size + number * leading, row, size, fill=fill)
        return leading * len(rows)


def draw(bait):
    """The picture as inline SVG markup, labelled with the whole message."""
    body, height = _drawn(bait)
    frame = Canvas()
    frame.rect(0, 0, WIDTH, height, INK, radius=30)
    screen = "#101828" if bait.kind == BaitKind.CALL else "#f2f4f7" if bait.kind != BaitKind.SMS else "#fff"
    frame.rect(10, 10, WIDTH - 20, height - 20, screen, radius=22)
    frame.rect(WIDTH / 2 - 30, 16, 60, 6, "#344054", radius=3)
    language = get_language()
    description = bait.description()
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" role="img" aria-label="{}" lang="{}" '
        'font-family="{}" class="bait-picture"><title>{}</title>{}</svg>',
        WIDTH,
        _number(height),
        description,
        html_lang(language),
        FONTS.get(language, FONTS["zh-hans"]),
        description,  # the title is what a tagged PDF gives as the figure's alternative text
        format_html_join("", "{}", ((part,) for part in frame.parts + body.parts)),
    )


def height_of(bait):
    """How tall the picture is, in its own units (it is WIDTH across)."""
    return _drawn(bait)[1]


def _drawn(bait):
    body = Canvas()
    height = {
        BaitKind.SMS: _draw_sms,
        BaitKind.CHAT: _draw_chat,
        BaitKind.CALL: _draw_call,
        BaitKind.WEB: _draw_page,
        BaitKind.APP: _draw_page,
    }[bait.kind](body, bait)
    return body, height


def _draw_sms(canvas, bait):
    canvas.rect(10, 30, WIDTH - 20, 62, "#f2f4f7")
    canvas.text(WIDTH / 2, 56, bait.sender, TITLE, bold=True, anchor="middle")
    canvas.text(WIDTH / 2, 82, _("Text message"), TEXT, GREY, anchor="middle")
    y = 106
    for message in bait.lines:
        y += canvas.bubble(24, y, message, TEXT, 206, "#e4e7ec") + 10
    return y + 24


def _draw_chat(canvas, bait):
    rows = _title_rows(bait.name, TITLE, WIDTH - 90)
    header = 44 + (len(rows) - 1) * TITLE * 1.3
    canvas.rect(10, 30, WIDTH - 20, header, "#fff")
    canvas.text(28, 58, "‹", 22, GREY)
    canvas.title(58, rows, TITLE)
    y = 30 + header + 16
    for message in bait.lines:
        canvas.rect(22, y, 30, 30, "#98a2b3", radius=6)
        canvas.text(37, y + 21, bait.name[:1], TEXT, "#fff", anchor="middle")
        y += canvas.bubble(60, y, message, TEXT, 190, "#fff", stroke=LINE) + 12
    return y + 22


def _title_rows(text, size, width):
    """A bold title in lines that fit `width` at full size (bold runs about a tenth wider
    than the estimate): a long name wraps rather than shrinks."""
    return ["".join(part for part, _link in row) for row in wrap(text, size * 1.1, width)] or [""]


def _draw_call(canvas, bait):
    canvas.text(WIDTH / 2, 62, _("Incoming call"), TEXT, LINE, anchor="middle")
    canvas.text(WIDTH / 2, 98, bait.sender, 24, "#fff", anchor="middle")
    y = 106
    if bait.name:
        y += canvas.centred(y, bait.name, TEXT, LINE)
    y += 14
    canvas.text(24, y + 13, _("The caller says:"), TEXT, LINE)
    y += 22
    for message in bait.lines:
        y += canvas.bubble(24, y, message, TEXT, 226, "#fff") + 10
    y += 8
    canvas.circle(84, y + 20, 20, "#d92d20")
    canvas.circle(WIDTH - 84, y + 20, 20, "#12b76a")
    canvas.text(84, y + 60, _("Decline"), TEXT, LINE, anchor="middle")
    canvas.text(WIDTH - 84, y + 60, _("Answer"), TEXT, LINE, anchor="middle")
    return y + 80


def _draw_page(canvas, bait):
    if bait.kind == BaitKind.WEB:
        canvas.rect(22, 34, WIDTH - 44, 30, "#e4e7ec", radius=15)
        address = bait.sender
        while measure(address) * TEXT > WIDTH - 76 and len(address) > 4:
            address = address[:-2] + "…"
        canvas.text(36, 54, address, TEXT, GREY)
        y = 78
        y += canvas.paragraph(26, y, bait.name, TITLE, WIDTH - 52, bold=True) + 8
    else:
        rows = _title_rows(bait.name, TITLE, WIDTH - 40)
        header = 46 + (len(rows) - 1) * TITLE * 1.3
        canvas.rect(10, 30, WIDTH - 20, header, LINK)
        canvas.title(59, rows, TITLE, fill="#fff")
        y = 30 + header + 14
    for message in bait.lines:
        y += canvas.paragraph(26, y, message, TEXT, WIDTH - 52) + 8
    for label in bait.fields:
        canvas.text(26, y + 15, label, TEXT, GREY)
        canvas.rect(26, y + 22, WIDTH - 52, 28, "#fff", radius=4, stroke="#98a2b3")
        y += 58
    if bait.fields:
        canvas.rect(26, y + 4, WIDTH - 52, 36, LINK, radius=6)
        canvas.text(WIDTH / 2, y + 27, _("Confirm"), TEXT, "#fff", anchor="middle", bold=True)
        y += 44
    return y + 26
