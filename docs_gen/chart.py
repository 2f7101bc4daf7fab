"""The chart of the running totals over time: an inline SVG, with its numbers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from aeo_mra import Basis, Registry

from .markdown import table

SERIES = (
    # (key, label, basis, field, colour, dash)
    ("territories-signed", "countries and regions, signed", Basis.SIGNED, "territories",
     "#1f77b4", ""),
    ("territories-implemented", "countries and regions, implemented", Basis.IMPLEMENTED,
     "territories", "#1f77b4", "6 4"),
    ("economies-signed", "economies, signed", Basis.SIGNED, "economies", "#d95f02", ""),
    ("economies-implemented", "economies, implemented", Basis.IMPLEMENTED, "economies",
     "#d95f02", "6 4"),
)  # fmt: skip

CHART_START = date(2012, 1, 1)


def chart_days(start: date, end: date) -> list[date]:
    """The first of every month from ``start`` to ``end``, and ``end`` itself."""
    days = []
    year, month = start.year, start.month
    while (day := date(year, month, 1)) <= end:
        days.append(day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    if days[-1] != end:
        days.append(end)
    return days


def chart_samples(
    registry: Registry, start: date = CHART_START, end: date | None = None
) -> list[tuple[date, dict[str, int]]]:
    """Each sample day with the value of every series on it, from `Registry.summary`."""
    samples = []
    for day in chart_days(start, end or date.today()):
        totals = {basis: registry.summary(day, basis=basis) for basis in Basis}
        values = {key: getattr(totals[basis], field) for key, _, basis, field, *_ in SERIES}
        samples.append((day, values))
    return samples


class Plot:
    """The geometry of the chart: where a day and a value are drawn.

    The wide layout is for a desktop column; the narrow one, with its legend stacked and
    fewer year labels, keeps the text readable in a phone's column.
    """

    WIDTH, HEIGHT = 760, 380
    LEFT, RIGHT, TOP, BOTTOM = 44, 36, 64, 36

    def __init__(self, start: date, end: date, top_value: int, *, narrow: bool = False) -> None:
        self.start, self.end = start, end
        self.top_value = max(10, -(-top_value // 10) * 10)  # round up to a multiple of 10
        if narrow:
            self.WIDTH, self.HEIGHT, self.RIGHT, self.TOP = 360, 340, 14, 98
        self.narrow = narrow

    def x(self, day: date) -> float:
        span = (self.end - self.start).days or 1
        width = self.WIDTH - self.LEFT - self.RIGHT
        return round(self.LEFT + width * (day - self.start).days / span, 1)

    def y(self, value: float) -> float:
        height = self.HEIGHT - self.TOP - self.BOTTOM
        return round(self.HEIGHT - self.BOTTOM - height * value / self.top_value, 1)

    def legend(self, index: int) -> tuple[int, int]:
        """Where the legend entry of the ``index``-th series starts."""
        if self.narrow:
            return self.LEFT - 30, 18 + index * 20
        return self.LEFT + (index % 2) * 300, 18 + (index // 2) * 20


def chart_svg(samples: Sequence[tuple[date, dict[str, int]]], *, narrow: bool = False) -> str:
    """An inline SVG step chart of the samples: one line per series, no blank lines."""
    start, end = samples[0][0], samples[-1][0]
    plot = Plot(start, end, max(max(v.values()) for _, v in samples), narrow=narrow)
    last = samples[-1][1]
    layout = "narrow" if narrow else "wide"
    out = [
        f'<svg class="aeo-chart aeo-chart-{layout}" viewBox="0 0 {plot.WIDTH} {plot.HEIGHT}" '
        f'role="img" aria-labelledby="aeo-chart-title-{layout} aeo-chart-desc-{layout}" '
        'xmlns="http://www.w3.org/2000/svg" font-family="sans-serif" font-size="13">',
        f'<title id="aeo-chart-title-{layout}">'
        "China's AEO mutual recognition partners over time</title>",
        f'<desc id="aeo-chart-desc-{layout}">Monthly from {start} to {end}. On {end}: '
        + "; ".join(f"{last[key]} {label}" for key, label, *_ in SERIES)
        + ".</desc>",
    ]
    for value in range(0, plot.top_value + 1, 10):
        y = plot.y(value)
        out.append(
            f'<line x1="{plot.LEFT}" x2="{plot.WIDTH - plot.RIGHT}" y1="{y}" y2="{y}" '
            'stroke="currentColor" stroke-opacity="0.15"/>'
            f'<text x="{plot.LEFT - 6}" y="{y + 4}" text-anchor="end" fill="currentColor">'
            f"{value}</text>"
        )
    labelled = 4 if narrow else 2  # a year label every so many years
    for year in range(start.year + (start.month > 1 or start.day > 1), end.year + 1):
        x = plot.x(date(year, 1, 1))
        bottom = plot.HEIGHT - plot.BOTTOM
        out.append(
            f'<line x1="{x}" x2="{x}" y1="{bottom}" y2="{bottom + 4}" stroke="currentColor"/>'
        )
        if year % labelled == 0:
            out.append(
                f'<text x="{x}" y="{bottom + 18}" text-anchor="middle" fill="currentColor">'
                f"{year}</text>"
            )
    for key, _, _, _, colour, dash in SERIES:
        points: list[str] = []
        previous = None
        for day, values in samples:
            x, y = plot.x(day), plot.y(values[key])
            if previous is not None and previous != y:
                points.append(f"{x},{previous}")
            points.append(f"{x},{y}")
            previous = y
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<polyline data-series="{key}" points="{" ".join(points)}" fill="none" '
            f'stroke="{colour}" stroke-width="2"{dashes}/>'
        )
    for index, (key, label, _, _, colour, dash) in enumerate(SERIES):
        x, y = plot.legend(index)
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<line x1="{x}" x2="{x + 28}" y1="{y - 4}" y2="{y - 4}" stroke="{colour}" '
            f'stroke-width="2"{dashes}/>'
            f'<text x="{x + 36}" y="{y}" fill="currentColor">{label}: {last[key]}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def chart(registry: Registry) -> str:
    """The chart of the running totals from 2012 to the day of the build, with its data."""
    samples = chart_samples(registry)
    changes = [
        (day, values)
        for index, (day, values) in enumerate(samples)
        if index == 0 or values != samples[index - 1][1]
    ]
    rows = [[str(day), *(str(values[key]) for key, *_ in SERIES)] for day, values in changes]
    numbers = table(["From", *(label for _, label, *_ in SERIES)], rows)
    return (
        '<figure class="aeo-figure">'
        f"{chart_svg(samples)}{chart_svg(samples, narrow=True)}</figure>\n\n"
        '??? note "The numbers behind the chart"\n\n'
        + "\n".join("    " + line for line in numbers.splitlines())
    )
