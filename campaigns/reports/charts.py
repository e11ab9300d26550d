"""Charts drawn on the server as SVG: they need no script, print crisply, and the same
markup goes into the PDF; the DOCX gets the same SVG rendered to PNG (Word cannot be
relied on to show SVG). Small enough that a charting library would add more than it saves.

The font is named first so that a renderer that takes only the first family (CairoSVG,
which turns the SVG into the DOCX's PNG) still finds the Chinese glyphs; browsers fall
back to their own sans-serif where it is not installed."""

from django.utils.html import format_html, format_html_join

from fraudwatch.core.bilingual import as_shown, is_english

from .narrative import number

BAR = "#0e7490"  # calm teal, never an alarm red: a chart shows work done; 5.4:1 against white
GRID = "#d0d5dd"
TEXT = "#344054"
FONT = "Noto Sans CJK SC, sans-serif"
CAPTION = 16  # room above the bars for the line saying what they measure
PNG_WIDTH = 1600  # pixels: sharp when printed at the width of an A4 text block


def column_chart(points, title, width=640, height=220, *, measure="", description=""):
    """Vertical bars, one per (label, value): for the monthly trend. `measure` names
    what the bars count, written above them; `description` is the SVG's <desc>."""
    if not points:
        return ""
    top, bottom, left, right = 20 + (CAPTION if measure else 0), 28, 8, 8
    plot_height = height - top - bottom
    peak = max(value for _, value in points) or 1
    slot = (width - left - right) / len(points)
    bar_width = max(4, slot * 0.62)
    bars = []
    for index, (label, value) in enumerate(points):
        bar_height = plot_height * value / peak
        x = left + index * slot + (slot - bar_width) / 2
        y = top + plot_height - bar_height
        bars.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {}</title></rect>'
                '<text x="{}" y="{}" text-anchor="middle" font-size="10" fill="{}">{}</text>'
                '<text x="{}" y="{}" text-anchor="middle" font-size="10" fill="{}">{}</text>',
                _f(x),
                _f(y),
                _f(bar_width),
                _f(bar_height),
                BAR,
                label,
                number(value),
                _f(x + bar_width / 2),
                _f(y - 4),
                TEXT,
                number(value),
                _f(x + bar_width / 2),
                height - 10,
                TEXT,
                label,
            )
        )
    body = _caption(left, measure) + _joined(bars) + _baseline(left, width - right, top + plot_height)
    return _svg(width, height, title, body, description)


def bar_chart(points, title, width=640, label_width=170, *, measure="", description=""):
    """Horizontal bars, one per (label, value): for breakdowns with long names. `measure`
    names what the bars count, written above them; `description` is the SVG's <desc>."""
    if not points:
        return ""
    row_height, top = 22, 6 + (CAPTION if measure else 0)
    height = top + 6 + row_height * len(points)
    peak = max(value for _, value in points) or 1
    plot_width = width - label_width - 70
    rows = []
    for index, (label, value) in enumerate(points):
        y = top + index * row_height
        bar_width = plot_width * value / peak
        rows.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" font-size="11" fill="{}">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="14" fill="{}"><title>{}: {}</title></rect>'
                '<text x="{}" y="{}" font-size="11" fill="{}">{}</text>',
                label_width - 6,
                _f(y + 12),
                TEXT,
                _shorten(str(label), 16),
                label_width,
                _f(y + 2),
                _f(bar_width),
                BAR,
                label,
                number(value),
                _f(label_width + bar_width + 4),
                _f(y + 12),
                TEXT,
                number(value),
            )
        )
    return _svg(width, height, title, _caption(label_width, measure) + _joined(rows), description)


def _joined(parts):
    """Already-escaped pieces of markup, joined without re-escaping."""
    return format_html_join("", "{}", ((part,) for part in parts))


def _f(value):
    return f"{value:.1f}"


def _shorten(text, length):
    return text if len(text) <= length else text[: length - 1] + "…"


def _baseline(x1, x2, y):
    return format_html('<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"/>', x1, y, x2, y, GRID)


def _caption(x, measure):
    """The axis caption: what the bars measure, above them."""
    if not measure:
        return ""
    return format_html('<text x="{}" y="13" font-size="11" fill="{}">{}</text>', x, TEXT, measure)


def _svg(width, height, title, body, description=""):
    return format_html(
        '<svg class="chart" viewBox="0 0 {w} {h}" width="100%" role="img" aria-label="{t}"'
        ' xmlns="http://www.w3.org/2000/svg" font-family="{f}"><title>{t}</title>{d}{b}</svg>',
        f=FONT,
        w=width,
        h=height,
        # A description that begins with the title (the figures in words) is the chart's
        # name: what a screen reader says, and the tagged PDF's alternative text.
        t=description if description.startswith(title) else title,
        d=format_html("<desc>{}</desc>", description) if description and not description.startswith(title) else "",
        b=body,
    )


def png(svg, width=PNG_WIDTH):
    """The chart as a PNG image (bytes), drawn from the very SVG the page shows, on white."""
    import cairosvg

    return cairosvg.svg2png(bytestring=str(svg).encode("utf-8"), output_width=width, background_color="white")


def in_words(title, points, *, unit=lambda count: "", language="zh-hans", left_out=0):
    """The chart as one sentence, for a picture's alt text: its title and each bar's
    figure, in the order drawn (按单位, then each unit and its figure). `unit` gives the
    counting unit for a figure; `left_out` counts the groups the table has and the
    chart does not draw."""
    if is_english(language):
        figures = "; ".join(f"{label} {number(value)} {unit(value)}".rstrip() for label, value in points)
        more = f"; {number(left_out)} more in the table" if left_out else ""
        return f"{title}. {figures}{more}."
    figures = "，".join(f"{label} {number(value)} {unit(value)}".rstrip() for label, value in points)
    more = as_shown(f"；另有{number(left_out)}组见表格", language) if left_out else ""
    return f"{title}。{figures}{more}。"
