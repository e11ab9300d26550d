"""Periods of dates the reports compare and read: the same days a year earlier, this year
so far, the named periods of the report form, and the months a period cuts into."""

import datetime


def year_earlier(day):
    """The same day a year before; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def this_year_so_far(today):
    """(1 January, today)."""
    return datetime.date(today.year, 1, 1), today


def month_end(day):
    """The last day of `day`'s month."""
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1) - datetime.timedelta(days=1)


def cut_months(start, end):
    """The months the period [start, end] covers only in part, as (month, days inside the
    period, days outside it), each a list of (first, last) day ranges."""
    first, last = start.replace(day=1), end.replace(day=1)
    cut = []
    if start != first or (end != month_end(end) and first == last):
        first_end = month_end(first)
        inside = [(start, min(end, first_end))]
        outside = [(first, start - datetime.timedelta(days=1))] if start != first else []
        if end < first_end:
            outside.append((end + datetime.timedelta(days=1), first_end))
        cut.append((first, inside, outside))
    if end != month_end(end) and first != last:
        cut.append((last, [(last, end)], [(end + datetime.timedelta(days=1), month_end(last))]))
    return cut


def preset_period(name, today):
    """(start, end) of a named period around `today`."""
    first_of_month = today.replace(day=1)
    if name == "this_month":
        return first_of_month, today
    if name == "last_month":
        end = first_of_month - datetime.timedelta(days=1)
        return end.replace(day=1), end
    if name == "this_quarter":
        return first_of_month.replace(month=3 * ((today.month - 1) // 3) + 1), today
    if name == "last_year":
        return datetime.date(today.year - 1, 1, 1), datetime.date(today.year - 1, 12, 31)
    return this_year_so_far(today)  # this_year
