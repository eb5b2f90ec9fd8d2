"""Making Data Count XmR: limits and each special-cause rule, against series whose
answers were worked out by hand (REPORTS.md, NHSRplotthedots)."""

import pytest

from reports.xmr import DOWN, NEITHER, OUTSIDE, SHIFT, TREND, TWO_OF_THREE, UP, xmr


def flagged(chart):
    return [(i, p.rule, p.kind) for i, p in enumerate(chart.points) if p.special]


def test_mean_and_limits():
    values = [10, 12, 11, 13, 12, 11, 10, 12, 11, 13, 12, 11]
    chart = xmr(values)
    # mean 138/12 = 11.5; moving ranges 2,1,2,1,1,1,2,1,2,1,1 → MR̄ 15/11
    assert chart.mean == pytest.approx(11.5)
    assert chart.upper == pytest.approx(11.5 + 2.66 * 15 / 11)
    assert chart.lower == pytest.approx(11.5 - 2.66 * 15 / 11)
    assert chart.near_upper == pytest.approx(11.5 + 2 / 3 * 2.66 * 15 / 11)
    assert flagged(chart) == []


def test_fewer_than_twelve_points_draw_no_limits():
    chart = xmr([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
    assert not chart.enough
    assert all(not p.special for p in chart.points)


def test_a_point_outside_a_limit_is_a_concern_when_lower_is_better():
    values = [10, 11] * 5 + [10, 30]
    chart = xmr(values, better=DOWN)
    assert chart.points[-1].rule == OUTSIDE
    assert chart.points[-1].kind == "concern"
    # The outlier lifts the mean: the other eleven sit below it, a shift, and below
    # is better here.
    assert {p.rule for p in chart.points[:-1]} == {SHIFT}
    assert {p.kind for p in chart.points[:-1]} == {"improvement"}


def test_trend_of_seven_and_precedence_of_the_limit():
    values = [6, 5, 6, 5, 6, 1, 2, 3, 4, 5, 6, 7, 5, 6]
    chart = xmr(values, better=UP)
    # Points 5–11 rise seven times in a row; point 5 (value 1) is also below the
    # lower limit, and that rule comes first.
    assert flagged(chart) == [
        (5, OUTSIDE, "concern"),
        (6, TREND, "concern"),
        (7, TREND, "concern"),
        (8, TREND, "concern"),
        (9, TREND, "improvement"),  # above the mean: the side decides, as the reference
        (10, TREND, "improvement"),
        (11, TREND, "improvement"),
    ]


def test_two_of_three_near_the_upper_limit():
    values = [10, 11] * 10 + [13, 12, 13, 11, 10]
    chart = xmr(values, better=UP)
    assert chart.near_upper < 13 < chart.upper
    # 13, 12, 13: two near the limit, all three above the mean; only the near points count.
    assert flagged(chart) == [(20, TWO_OF_THREE, "improvement"), (22, TWO_OF_THREE, "improvement")]


def test_shift_of_seven_on_one_side():
    values = [10, 9, 10, 9, 10, 9, 10, 11, 10, 11, 10, 11, 10, 11]
    chart = xmr(values, better=DOWN)
    # Mean 141/14 ≈ 10.07: the first seven are all below it.
    assert flagged(chart) == [(i, SHIFT, "improvement") for i in range(7)]


def test_a_point_on_the_mean_breaks_a_shift():
    values = [10, 12] * 3 + [11] + [10, 12] * 3 + [11] * 6
    chart = xmr(values)
    assert chart.mean == pytest.approx(11)
    assert flagged(chart) == []


def test_no_direction_means_neither():
    values = [10, 11] * 5 + [10, 30]
    assert xmr(values, better=NEITHER).points[-1].kind == "neither"


def test_screening_drops_large_moving_ranges():
    values = [10, 11] * 6 + [40] + [10, 11] * 3
    assert xmr(values, screen=True).upper < xmr(values).upper
