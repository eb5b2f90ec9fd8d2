"""Making Data Count XmR charts: the mean, process limits and special causes.

Follows the NHS-R reference implementation (NHSRplotthedots,
``R/ptd_spc_standard.R`` and ``R/ptd_calculate_point_type.R``):

- MR = |xᵢ − xᵢ₋₁|, MR̄ their mean; limits at mean ± 2.66 MR̄; "near" a limit
  beyond mean ± (2/3)·2.66 MR̄ but not outside it.
- A point is special cause if it is outside a limit, part of a trend (7 points
  all rising or all falling), part of two of three points near the same limit
  (all three on the same side of the mean), or part of a shift (7 points on
  one side of the mean). A point on the mean breaks a shift.
- Whether a special-cause point is an improvement or a concern depends only on
  its side of the mean and the measure's better direction, as the reference
  does; the *rule* we name beside it is the first that applies, in the order
  above (REPORTS.md precedence).
"""

from dataclasses import dataclass, field
from statistics import fmean

LIMIT = 2.66
SCREEN = 3.267
MIN_POINTS = 12  # the reference warns below 12 points: no limits drawn from fewer
RUN = 7

OUTSIDE, TREND, TWO_OF_THREE, SHIFT = "outside a limit", "trend", "two of three", "shift"

UP, DOWN, NEITHER = 1, -1, 0  # the direction that is better for the measure


@dataclass
class Point:
    value: float
    rule: str = ""  # the first special-cause rule that applies, or ""
    kind: str = "common"  # common, improvement, concern, neither

    @property
    def special(self):
        return bool(self.rule)


@dataclass
class XmR:
    points: list = field(default_factory=list)
    mean: float | None = None
    upper: float | None = None
    lower: float | None = None
    near_upper: float | None = None
    near_lower: float | None = None

    @property
    def enough(self):
        return self.mean is not None


def _sign(x):
    return (x > 0) - (x < 0)


def moving_range_mean(values, screen=False):
    ranges = [abs(b - a) for a, b in zip(values, values[1:], strict=False)]
    if not ranges:
        return 0.0
    mr_bar = fmean(ranges)
    if screen:
        kept = [r for r in ranges if r < SCREEN * mr_bar]
        mr_bar = fmean(kept) if kept else mr_bar
    return mr_bar


def _part_of_run(flags):
    """Mark every point of each run ending at a flagged point (the run's 7 points)."""
    marked = [False] * len(flags)
    for i, flag in enumerate(flags):
        if flag:
            for j in range(max(0, i - RUN + 1), i + 1):
                marked[j] = True
    return marked


def _shift(sides):
    ends = [
        i >= RUN - 1 and sides[i] != 0 and all(s == sides[i] for s in sides[i - RUN + 1 : i + 1])
        for i in range(len(sides))
    ]
    return _part_of_run(ends)


def _trend(values):
    ends = []
    for i in range(len(values)):
        if i < RUN - 1:
            ends.append(False)
            continue
        steps = [
            _sign(b - a)
            for a, b in zip(values[i - RUN + 1 : i], values[i - RUN + 2 : i + 1], strict=True)
        ]
        ends.append(all(s == 1 for s in steps) or all(s == -1 for s in steps))
    return _part_of_run(ends)


def _two_of_three(near, sides):
    """A near point in some window of three with 2+ near points, all on one side."""
    n = len(near)
    flagged = []
    for i in range(n):
        hit = False
        for start in range(i - 2, i + 1):
            window = range(start, start + 3)
            if start < 0 or start + 3 > n:
                continue
            if sum(near[j] for j in window) >= 2 and abs(sum(sides[j] for j in window)) == 3:
                hit = True
        flagged.append(hit and near[i])
    return flagged


def xmr(values, better=NEITHER, screen=False):
    """The chart for ``values`` (a monthly series); no limits for under 12 points."""
    chart = XmR(points=[Point(v) for v in values])
    if len(values) < MIN_POINTS:
        return chart
    mean = fmean(values)
    spread = LIMIT * moving_range_mean(values, screen)
    chart.mean, chart.upper, chart.lower = mean, mean + spread, mean - spread
    chart.near_upper, chart.near_lower = mean + spread * 2 / 3, mean - spread * 2 / 3
    outside = [v > chart.upper or v < chart.lower for v in values]
    sides = [_sign(v - mean) for v in values]
    near = [
        not out and (v > chart.near_upper or v < chart.near_lower)
        for v, out in zip(values, outside, strict=True)
    ]
    rules = (
        (OUTSIDE, outside),
        (TREND, _trend(values)),
        (TWO_OF_THREE, _two_of_three(near, sides)),
        (SHIFT, _shift(sides)),
    )
    for i, point in enumerate(chart.points):
        point.rule = next((name for name, flags in rules if flags[i]), "")
        if not point.rule:
            continue
        if better == NEITHER:
            point.kind = "neither"
        else:
            point.kind = "improvement" if sides[i] == better else "concern"
    return chart
