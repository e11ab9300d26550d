"""The periods the reports compare: a year earlier, this year so far, the named periods, and
the months a period only partly covers."""

import datetime

import pytest

from campaigns.reports import periods

D = datetime.date


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2026, 11, 29), D(2025, 11, 29)),
        (D(2026, 1, 1), D(2025, 1, 1)),
        (D(2028, 2, 29), D(2027, 2, 28)),  # no 29 February a year earlier
        (D(2028, 2, 28), D(2027, 2, 28)),
        (D(2029, 2, 28), D(2028, 2, 28)),  # a leap year earlier keeps the 28th
        (D(2028, 3, 1), D(2027, 3, 1)),
    ],
)
def test_year_earlier_is_the_same_day_or_28_february(day, expected):
    assert periods.year_earlier(day) == expected


def test_this_year_so_far_runs_from_1_january_to_today():
    assert periods.this_year_so_far(D(2028, 2, 29)) == (D(2028, 1, 1), D(2028, 2, 29))


@pytest.mark.parametrize(
    ("day", "expected"),
    [(D(2028, 2, 10), D(2028, 2, 29)), (D(2027, 2, 10), D(2027, 2, 28)), (D(2026, 12, 31), D(2026, 12, 31))],
)
def test_month_end_is_the_last_day_of_the_month(day, expected):
    assert periods.month_end(day) == expected


@pytest.mark.parametrize(
    ("name", "today", "expected"),
    [
        ("this_month", D(2028, 2, 29), (D(2028, 2, 1), D(2028, 2, 29))),
        ("last_month", D(2028, 3, 15), (D(2028, 2, 1), D(2028, 2, 29))),
        ("this_quarter", D(2028, 5, 20), (D(2028, 4, 1), D(2028, 5, 20))),
        ("this_year", D(2028, 5, 20), (D(2028, 1, 1), D(2028, 5, 20))),
        ("last_year", D(2028, 5, 20), (D(2027, 1, 1), D(2027, 12, 31))),
    ],
)
def test_preset_periods(name, today, expected):
    assert periods.preset_period(name, today) == expected


def test_whole_months_are_not_cut():
    assert periods.cut_months(D(2028, 1, 1), D(2028, 2, 29)) == []


def test_a_period_inside_one_month_cuts_it_on_both_sides():
    assert periods.cut_months(D(2028, 2, 10), D(2028, 2, 20)) == [
        (
            D(2028, 2, 1),
            [(D(2028, 2, 10), D(2028, 2, 20))],
            [(D(2028, 2, 1), D(2028, 2, 9)), (D(2028, 2, 21), D(2028, 2, 29))],
        )
    ]


def test_a_period_over_several_months_cuts_its_first_and_last():
    assert periods.cut_months(D(2027, 12, 5), D(2028, 2, 28)) == [
        (D(2027, 12, 1), [(D(2027, 12, 5), D(2027, 12, 31))], [(D(2027, 12, 1), D(2027, 12, 4))]),
        (D(2028, 2, 1), [(D(2028, 2, 1), D(2028, 2, 28))], [(D(2028, 2, 29), D(2028, 2, 29))]),
    ]
