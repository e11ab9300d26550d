"""How much of a type's advice its one-page leaflet holds.

The leaflet prints at sizes older eyes can read (static/css/leaflet.css: body text 12 pt
in Chinese, 11 pt in English), so a long type shows less rather than smaller: its lists
keep their first items, and the last ones are left off, one at a time and in a fixed
order, while an estimate of the page says it would not fit. The estimate measures text
as the picture of the bait does (scams.bait.measure: each character's width in em) and
leans high; tests render every bundled type in every script, in Chromium and WeasyPrint,
and hold each to one page.
"""

import itertools
import math
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils.html import strip_tags
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from fraudwatch.core.bilingual import suffix_for

from . import bait as bait_picture

MM_PER_PT = 25.4 / 72
# The page within its margins, less the footer kept free at its foot (leaflet.css), and
# a little more, for what the estimate cannot see (where lines break, punctuation rules).
ROOM = 297 - 2 * 12 - 42 - 6
FULL_WIDTH = 186
GAP = 6
# At most this many items of each list. While the page is too full, the last item of
# each list in turn, in this order, goes (what to do now goes last), down to one each.
MOST = {"warning_signs": 3, "if_targeted": 3, "if_paid": 3, "protect": 2}
DROP_ORDER = ("protect", "warning_signs", "if_paid", "if_targeted")


@dataclass(frozen=True)
class Script:
    body: float  # pt
    leading: float  # line height, times the size
    title: float
    heading: float
    picture: float  # mm across
    filled: float  # how much of a line its text fills, on average, before it breaks

    def line(self, size=None):
        return (size or self.body) * self.leading * MM_PER_PT

    def lines(self, text, width, size=None):
        """How many lines `text` takes in `width` mm."""
        em = (size or self.body) * MM_PER_PT
        return max(1, math.ceil(bait_picture.measure(str(text)) * em / (width * self.filled)))

    @property
    def beside(self):
        return FULL_WIDTH - self.picture - GAP


# Chinese breaks between any two characters; English only between words.
SCRIPTS = {
    "zh": Script(body=12, leading=1.4, title=24, heading=14, picture=86, filled=1.0),
    "en": Script(body=11, leading=1.3, title=20, heading=13, picture=80, filled=0.95),
}


@dataclass
class Fit:
    """The items a leaflet prints of each list."""

    warning_signs: list = field(default_factory=list)
    if_targeted: list = field(default_factory=list)
    if_paid: list = field(default_factory=list)
    protect: list = field(default_factory=list)
    # The sections set beside the picture (the rest go below it, across the page).
    beside: set = field(default_factory=set)


def fit(scam, channels=(), with_recovery=False):
    """What the leaflet of `scam` holds in the active language."""
    script = SCRIPTS[suffix_for(get_language())]
    chosen = Fit(**{name: scam.t.lines(name)[:most] for name, most in MOST.items()})
    page = _Page(scam, channels, script, with_recovery)
    turns = itertools.cycle(DROP_ORDER)
    while page.height(chosen) > ROOM and any(len(getattr(chosen, name)) > 1 for name in DROP_ORDER):
        items = getattr(chosen, next(turns))
        if len(items) > 1:
            items.pop()
    return chosen


class _Page:
    """The leaflet laid out as leaflet.css does, in mm: the title and summary across the
    page; then the picture at the left, and each section after it beside the picture
    while there is picture beside it (its whole height narrow) and across the page below."""

    SECTIONS = ("warning_signs", "if_targeted", "if_paid", "line", "protect", "support", "recovery")

    def __init__(self, scam, channels, script, with_recovery):
        self.scam, self.script, self.with_recovery = scam, script, with_recovery
        self.em = script.body * MM_PER_PT
        self.shown = bait_picture.bait_for(scam, channels)
        # A list left empty prints its one default item (scams/_leaflet.html).
        self.defaults = {
            "if_targeted": [_("Hang up, do not pay, and check with 96110 or 110.")],
            "if_paid": [_("Call 110 at once, call your bank to stop the transfer, and keep every record.")],
        }
        self.top = self._top()
        self.picture = self._picture()

    def height(self, chosen):
        """The leaflet's height with these items; notes in `chosen` which sections go
        beside the picture."""
        y, chosen.beside = 0, set()
        for name in self.SECTIONS:
            if y < self.picture:
                chosen.beside.add(name)
                y += self._section(name, chosen, self.script.beside)
            else:
                y = max(y, self.picture) + self._section(name, chosen, FULL_WIDTH)
        return self.top + max(y, self.picture)

    def _section(self, name, chosen, width):
        script, em = self.script, self.em
        if name == "warning_signs":
            return self._heading() + self._list(chosen.warning_signs, width)
        if name in ("if_targeted", "if_paid"):
            items = getattr(chosen, name) or self.defaults[name]
            # margin, borders and padding around the list
            return 0.85 * em + 1.2 + self._heading() + self._list(items, width - 1.2 * em - 1.2)
        if name == "line":
            texts = [f"{line.number} {line.name}: {line.use}" for line in self.scam.official_line_list()]
            return sum(0.5 * em + script.lines(text, width, 1.05 * script.body) * script.line() for text in texts)
        if name == "protect":
            return self._heading() + self._list(chosen.protect, width)
        if name == "support":
            support = _("It can happen to anyone; the sooner you tell someone, the more can be saved.")
            return 0.7 * em + script.lines(support, width - 4, 1.1 * script.body) * script.line(1.1 * script.body)
        if self.with_recovery and self.scam.recovery:
            recovery = strip_tags(render_to_string("scams/_leaflet_recovery.html"))
            return 0.5 * em + script.lines(recovery, width) * script.line()
        return 0

    def _top(self):
        """The kicker, the title and the summary."""
        script = self.script
        title = script.lines(self.scam.t.name, FULL_WIDTH, script.title) * script.title * 1.2 * MM_PER_PT + 2
        return script.line() + title + script.lines(self.scam.t.summary, FULL_WIDTH) * script.line()

    def _picture(self):
        """The column of the picture: its heading, the picture and its red flags."""
        script = self.script
        height = self._heading() + bait_picture.height_of(self.shown) * script.picture / bait_picture.WIDTH
        height += 0.4 * self.em + script.line()  # "Red flags in this example:"
        return height + self._list(self.shown.flags, script.picture)

    def _heading(self):
        return self.script.heading * (1.3 + 0.5 + 0.15) * MM_PER_PT

    def _list(self, items, width):
        script = self.script
        return sum(script.lines(item, width - 1.2 * self.em) * script.line() + 0.1 * self.em for item in items)
