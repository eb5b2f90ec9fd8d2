"""A small Goal Based Outcomes chart, drawn on the server as SVG numbers.

The template draws the SVG from these coordinates (no script, no inline
styles: colours come from classes in app.css and presentation attributes).
The ratings table next to it is the accessible source; the chart's label sums
it up for anyone who meets the picture first.
"""

from dataclasses import dataclass

WIDTH, HEIGHT = 320, 160
LEFT, RIGHT, TOP, BOTTOM = 36, 28, 12, 28
MAX_SCORE = 10
MAX_DATE_LABELS = 5


@dataclass
class Point:
    x: float
    y: float
    score: int
    label: str
    show_label: bool


@dataclass
class Chart:
    width: int
    height: int
    points: list
    polyline: str
    gridlines: list  # [(y, score)]
    x_axis_y: float
    left: int
    right: float
    label: str


def _y(score):
    plot_height = HEIGHT - TOP - BOTTOM
    return round(TOP + plot_height * (1 - score / MAX_SCORE), 1)


def gbo_chart(goal_text, ratings):
    """The chart for one goal's ratings (oldest first), or None if never rated."""
    if not ratings:
        return None
    plot_width = WIDTH - LEFT - RIGHT
    step = plot_width / (len(ratings) - 1) if len(ratings) > 1 else 0
    points = [
        Point(
            x=round(LEFT + (index * step if len(ratings) > 1 else plot_width / 2), 1),
            y=_y(rating.score),
            score=rating.score,
            label=f"{rating.rated_on:%-d %b}",
            # Every date fits under a few points; with more, the first and last.
            show_label=len(ratings) <= MAX_DATE_LABELS or index in (0, len(ratings) - 1),
        )
        for index, rating in enumerate(ratings)
    ]
    first, last = ratings[0].score, ratings[-1].score
    if len(ratings) == 1:
        summary = f"rated {first} out of 10 on {ratings[0].rated_on:%-d %B %Y}"
    else:
        change = last - first
        trend = f"up {change}" if change > 0 else (f"down {-change}" if change < 0 else "no change")
        summary = (
            f"{len(ratings)} ratings, from {first} to {last} out of 10 ({trend}), "
            f"{ratings[0].rated_on:%-d %B %Y} to {ratings[-1].rated_on:%-d %B %Y}"
        )
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        points=points,
        polyline=" ".join(f"{p.x},{p.y}" for p in points),
        gridlines=[(_y(score), score) for score in (0, 5, 10)],
        x_axis_y=HEIGHT - 6,
        left=LEFT,
        right=WIDTH - RIGHT,
        label=f"Goal Based Outcomes chart for “{goal_text}”: {summary}",
    )
