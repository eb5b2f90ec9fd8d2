"""Charts as data for hand-written SVG templates (templates/reports/_xmr.html,
_bars.html): coordinates worked out here, drawing there. No chart JavaScript;
every chart has a summary sentence and a table with the same numbers."""

from dataclasses import dataclass, field

from .xmr import DOWN, NEITHER, UP, xmr

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 40

BETTER_WORDS = {UP: "higher is better", DOWN: "lower is better", NEITHER: "no direction is better"}
KIND_WORDS = {
    "improvement": "special cause — improvement",
    "concern": "special cause — concern",
    "neither": "special cause",
    "common": "common cause",
}


@dataclass
class XmRChart:
    title: str
    unit: str
    labels: list
    chart: object
    better: int
    width: int = WIDTH
    height: int = HEIGHT
    points: list = field(default_factory=list)
    lines: dict = field(default_factory=dict)
    path: str = ""
    ticks: list = field(default_factory=list)

    @property
    def sentence(self):
        if not self.chart.points:
            return f"{self.title}: no data in these months."
        values = [p.value for p in self.chart.points]
        latest = f"{self.labels[-1]}: {_fmt(values[-1])} {self.unit}"
        if not self.chart.enough:
            return (
                f"{self.title}, {len(values)} months ({BETTER_WORDS[self.better]}). "
                f"Latest, {latest}. "
                "Fewer than 12 months: too few points for process limits, so none are drawn."
            )
        special = [
            (label, p) for label, p in zip(self.labels, self.chart.points, strict=True) if p.special
        ]
        concerns = sum(1 for _label, p in special if p.kind == "concern")
        improvements = sum(1 for _label, p in special if p.kind == "improvement")
        return (
            f"{self.title}, {len(values)} months ({BETTER_WORDS[self.better]}): mean "
            f"{_fmt(self.chart.mean)}, process limits {_fmt(self.chart.lower)} to "
            f"{_fmt(self.chart.upper)}. Latest, {latest}. {len(special)} special-cause "
            f"point{'s' if len(special) != 1 else ''}: {improvements} improvement, "
            f"{concerns} concern."
        )

    def rows(self):
        return [
            (label, _fmt(p.value), KIND_WORDS[p.kind] + (f" ({p.rule})" if p.rule else ""))
            for label, p in zip(self.labels, self.chart.points, strict=True)
        ]


def _fmt(value):
    if value is None:
        return ""
    return f"{value:.1f}".removesuffix(".0")


def xmr_chart(title, unit, labels, values, better=NEITHER):
    """An XmR chart of a monthly series: ``labels`` (month names) and ``values``."""
    chart = xmr(values, better)
    drawing = XmRChart(title, unit, labels, chart, better)
    if not values:
        return drawing
    span = [*values] + [v for v in (chart.upper, chart.lower) if v is not None]
    low, high = min(0, min(span)), max(span) or 1
    high += (high - low) * 0.05

    def y(value):
        return round(TOP + (HEIGHT - TOP - BOTTOM) * (high - value) / ((high - low) or 1), 1)

    step = (WIDTH - LEFT - RIGHT) / max(len(values) - 1, 1)

    def x(i):
        return round(LEFT + i * step, 1)

    drawing.points = [
        {"x": x(i), "y": y(p.value), "kind": p.kind, "label": labels[i], "value": _fmt(p.value)}
        for i, p in enumerate(chart.points)
    ]
    drawing.path = " ".join(
        f"{'M' if i == 0 else 'L'}{p['x']},{p['y']}" for i, p in enumerate(drawing.points)
    )
    if chart.enough:
        drawing.lines = {
            "mean": y(chart.mean),
            "upper": y(chart.upper),
            "lower": y(chart.lower),
        }
    every = max(len(values) // 6, 1)
    drawing.ticks = [{"x": x(i), "label": labels[i]} for i in range(0, len(values), every)]
    drawing.axis = [{"y": y(v), "label": _fmt(v)} for v in (low, (low + high) / 2, high)]
    drawing.left, drawing.bottom = LEFT, HEIGHT - BOTTOM
    return drawing


@dataclass
class BarChart:
    title: str
    bars: list
    height: int
    width: int = WIDTH

    @property
    def sentence(self):
        shown = [b for b in self.bars if not b["suppressed"]]
        if not shown:
            return f"{self.title}: every group has fewer than 5, or none."
        top = max(shown, key=lambda b: b["value"])
        return f"{self.title}. The largest group is {top['label']} ({top['text']})."


def bar_chart(title, items):
    """Horizontal bars for ``[(label, count)]``; counts of 1 to 4 are not drawn."""
    from .presenters import is_suppressed, shown

    biggest = max([v for _l, v in items if not is_suppressed(v)] or [1]) or 1
    label_width, bar_space = 220, WIDTH - 220 - 90
    bars = []
    for i, (label, value) in enumerate(items):
        hidden = is_suppressed(value)
        bars.append(
            {
                "label": label,
                "value": value,
                "text": shown(value),
                "suppressed": hidden,
                "y": 8 + i * 28,
                "text_y": 8 + i * 28 + 15,
                "x": label_width,
                "width": 0 if hidden else round(bar_space * value / biggest, 1),
                "end": label_width + (0 if hidden else round(bar_space * value / biggest, 1)) + 6,
            }
        )
    return BarChart(title, bars, height=16 + 28 * len(items))
