"""Breaking the bait picture's text into lines (scams.bait). SVG does not wrap text, so
lines are broken here by each character's width: a Chinese character takes 1em, a Latin
letter what it takes in the wider of DejaVu Sans (the usual fallback) and Noto Sans CJK
(the face the picture names), so a line never runs out of its bubble; a web address may
break anywhere, and punctuation stays on the line Chinese typesetting keeps it on."""

import re
import unicodedata

# Web addresses are drawn as links; only reserved .example ones appear in the catalogue.
ADDRESS = re.compile(r"https?://[^\s，。！？]+|[a-z0-9.-]+\.example(?:/[^\s，。！？]*)?", re.IGNORECASE)
# Kept on the line before them, or after them, as Chinese typesetting does.
CLOSING = set("，。、；：！？）」』》〉】”’…,.;:!?)]%")
OPENING = set("（「『《〈【“‘")

# The advance of each printable ASCII character in em: the larger of DejaVu Sans and Noto
# Sans CJK SC, rounded up to the next 0.02.
_ASCII_WIDTHS = {
    0.28: "'ij",
    0.30: "Il",
    0.32: " ,.",
    0.34: ":;|",
    0.36: "f",
    0.38: "-",
    0.40: "()/[\\]t",
    0.42: "!r",
    0.48: '"',
    0.50: "*",
    0.54: "?Jsz",
    0.56: "L_c",
    0.58: "Fk",
    0.60: "vxy",
    0.62: "TY`aeo",
    0.64: "$0123456789EPSbdghnpqu{}",
    0.66: "K",
    0.70: "ABCRVXZ",
    0.74: "U",
    0.76: "HN",
    0.78: "&DG",
    0.80: "OQ",
    0.82: "w",
    0.84: "#+<=>^~",
    0.88: "M",
    0.96: "%",
    0.98: "m",
    1.00: "@W",
}
ASCII_WIDTHS = {ch: width for width, chars in _ASCII_WIDTHS.items() for ch in chars}


def char_width(ch):
    """The advance of one character, in em, leaning wide."""
    if ch in ASCII_WIDTHS:
        return ASCII_WIDTHS[ch]
    if unicodedata.east_asian_width(ch) in "WFA":
        return 1.0
    return 0.8


def measure(text):
    return sum(char_width(ch) for ch in text)


def _tokens(text):
    """(text, is_link) pieces that a line may break between."""
    pieces = []
    position = 0
    for match in ADDRESS.finditer(text):
        pieces += [(part, False) for part in _words(text[position : match.start()])]
        pieces.append((match.group(), True))
        position = match.end()
    pieces += [(part, False) for part in _words(text[position:])]
    # Closing punctuation stays with what it closes, opening punctuation with what follows.
    merged = []
    for piece, link in pieces:
        if merged and piece[0] in CLOSING and not merged[-1][0].isspace():
            merged[-1] = (merged[-1][0] + piece, merged[-1][1])
        elif merged and merged[-1][0][-1] in OPENING and not piece.isspace():
            merged[-1] = (merged[-1][0] + piece, merged[-1][1] or link)
        else:
            merged.append((piece, link))
    return merged


def _words(text):
    """Spaces, Latin words and single wide characters."""
    return re.findall(r"\s+|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+|\S", text)


def wrap(text, size, width):
    """Lines of (text, is_link) segments, each line at most `width` units at font `size`."""
    limit = width / size
    lines, current, used = [], [], 0.0
    for piece, link in _tokens(text):
        if piece.isspace():
            if current:
                current.append((" ", False))
                used += char_width(" ")
            continue
        extent = measure(piece)
        # A word that does not fit goes to the next line. A web address longer than a
        # whole line breaks anywhere, from where the line has room.
        if current and used + extent > limit and not (link and extent > limit):
            lines.append(current)
            current, used = [], 0.0
        while used + extent > limit:
            cut = _prefix_fitting(piece, limit - used) or (0 if current else 1)
            if cut:
                current.append((piece[:cut], link))
                piece, extent = piece[cut:], measure(piece[cut:])
            lines.append(current)
            current, used = [], 0.0
        if piece:
            current.append((piece, link))
            used += extent
    if current:
        lines.append(current)
    return [_joined(line) for line in lines]


def _prefix_fitting(piece, room):
    """How many of piece's characters fit in `room` em."""
    cut, used = 0, 0.0
    for ch in piece:
        used += char_width(ch)
        if used > room:
            break
        cut += 1
    return cut


def _joined(segments):
    """Neighbouring segments of one kind made one; trailing spaces dropped."""
    out = []
    for text, link in segments:
        if out and out[-1][1] == link:
            out[-1] = (out[-1][0] + text, link)
        else:
            out.append((text, link))
    if out:
        out[-1] = (out[-1][0].rstrip(), out[-1][1])
    return [segment for segment in out if segment[0]]


def width_of(line):
    return measure("".join(text for text, _link in line))
