"""What is wrong with an imported file, by row. However many problems a file has, the
report stays small: the first MAX_SHOWN by row are kept and the rest only counted, and a
file with more than MAX_BAD_ROWS bad rows is not the template, so checking it stops."""

from bisect import insort
from dataclasses import dataclass
from operator import attrgetter

from django.utils.translation import gettext, ngettext

MAX_SHOWN = 200
MAX_BAD_ROWS = 1_000


class Unreadable(Exception):
    """A file, row or cell that cannot be read; the message is shown to the user.
    `row` is the 1-based row (0 for the whole file) and `column` its letter, when known."""

    def __init__(self, message, row=0, column=""):
        super().__init__(message)
        self.row, self.column = row, column


@dataclass
class RowError:
    row: int  # 1-based spreadsheet row; 0 for whole-file problems
    column: str  # column name or letter, or "" for whole-row/whole-file problems
    message: str

    def __str__(self):
        if self.row == 0:
            return self.message
        if self.column:
            where = gettext("row %(row)s, %(column)s") % {"row": self.row, "column": self.column}
        else:
            where = gettext("row %(row)s") % {"row": self.row}
        return f"{where}: {self.message}"


class Problems:
    def __init__(self):
        self.shown = []  # RowErrors by row, at most MAX_SHOWN
        self.count = 0
        self.bad_rows = set()

    def __bool__(self):
        return bool(self.count)

    def add(self, row, column, message):
        self.count += 1
        if row:
            self.bad_rows.add(row)
        if len(self.shown) == MAX_SHOWN and row >= self.shown[-1].row:
            return
        insort(self.shown, RowError(row, column, message), key=attrgetter("row"))
        del self.shown[MAX_SHOWN:]

    @property
    def too_many_bad_rows(self):
        return len(self.bad_rows) > MAX_BAD_ROWS

    def stop(self, row):
        """Record why checking stops at `row`."""
        self.add(
            0,
            "",
            gettext(
                "more than %(limit)s rows have problems, so checking stopped at row %(row)s; "
                "is the file made from the import template?"
            )
            % {"limit": f"{MAX_BAD_ROWS:,}", "row": f"{row:,}"},
        )

    @property
    def unshown(self):
        return self.count - len(self.shown)

    def and_more(self):
        """'… and 49,800 more problems', or "" when every problem is shown."""
        if not self.unshown:
            return ""
        return ngettext("… and %(count)s more problem", "… and %(count)s more problems", self.unshown) % {
            "count": f"{self.unshown:,}"
        }
