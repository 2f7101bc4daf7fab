"""The world map of China's partners: an inline SVG, and each partner's status over time.

Country shapes are Natural Earth's (1:50m, version 4.1.0) as the npm package world-atlas
2.0.2 ships them (``world/countries-50m.json``, TopoJSON keyed by ISO 3166-1 numeric code),
kept in the repository so that neither the build nor the page needs a network
(``world/README.md`` says where it comes from). They are
drawn in the Equal Earth projection. A place too small to see at the map's size gets a
dot as well.

A partner's status on a day comes from the library: `Registry.check` (for an exporter of
China's default tier) says whether an arrangement covers the place and is in effect, and
`Registry.summary` which places are counted without one. Statuses change only on the days
in `checker.boundaries`; each interval is checked at its last day too.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from aeo_mra import Instrument, Reason, Registry

from .checker import LATER, boundaries
from .markdown import escape

SHAPES = Path(__file__).parent / "world" / "countries-50m.json"
START = date(2012, 1, 1)
WIDTH = 960
DETAIL = 0.15  # degrees a simplified border may stray: about half a unit of the map's width
SMALL = 7.0  # a place whose shape is smaller than this many units either way gets a dot
ANTARCTICA = "010"

# (status, label, colour): the order of the legend.
STATUSES = (
    ("implemented", "in effect", "#1b7837"),
    ("signed", "signed, not yet in effect", "#7fbf7b"),
    ("pilot", "pilot (not counted)", "#e08214"),
    ("counted", "counted without an arrangement of its own", "#8073ac"),
    ("none", "no arrangement", ""),
)
_UNCOVERED = {
    Reason.NOT_A_PARTNER, Reason.NOT_YET_SIGNED, Reason.NOT_YET_COVERED, Reason.NO_LONGER_COVERED,
}  # fmt: skip


def status(registry: Registry, code: str, day: date) -> str:
    """What the map shows for a place on a day, in the library's own answers."""
    answer = registry.check(code, on=day)
    if answer.reason in _UNCOVERED or answer.arrangement is None:
        counted = code in registry.summary(day).counted_territories
        return "counted" if counted else "none"
    arrangement = answer.arrangement
    if arrangement.instrument is Instrument.PILOT or not arrangement.counted:
        return "pilot"
    return "signed" if answer.reason is Reason.SIGNED_NOT_IMPLEMENTED else "implemented"


def partners(registry: Registry) -> list[str]:
    """Every place an arrangement covers or the totals count, in code order."""
    codes = {m.territory for a in registry.dataset.arrangements for m in a.members}
    codes |= {c.territory for c in registry.dataset.counted_territories}
    return sorted(codes)


def status_series(registry: Registry) -> dict[str, Any]:
    """Each partner's statuses as ``[start, status, start, status, …]`` (indexes of the
    ``days`` and ``statuses`` lists), from the first day of the map's replay.

    Raises:
        AssertionError: A status changes inside an interval.
    """
    days = [START, *(d for d in boundaries(registry) if d > START)]
    names = [s for s, *_ in STATUSES]
    series: dict[str, list[int]] = {}
    for code in partners(registry):
        out: list[int] = []
        for index, start in enumerate(days):
            now = status(registry, code, start)
            last = days[index + 1] - timedelta(days=1) if index + 1 < len(days) else None
            last = last or start + timedelta(days=LATER)
            assert status(registry, code, last) == now, f"{code} changes in {start}…{last}"
            if not out or names[out[-1]] != now:
                out += [index, names.index(now)]
        series[code] = out
    return {"days": [d.isoformat() for d in days], "statuses": names, "series": series}


def status_on(data: dict[str, Any], code: str, day: date) -> str:
    """The status ``status_series`` gives a place on a day (what the page's script does)."""
    series = data["series"].get(code, [0, len(data["statuses"]) - 1])
    found = series[1]
    for start, value in zip(series[::2], series[1::2], strict=True):
        if data["days"][start] > day.isoformat():
            break
        found = value
    return str(data["statuses"][found])


# -- the shapes ---------------------------------------------------------------------------


def _equal_earth(lon: float, lat: float) -> tuple[float, float]:
    """The Equal Earth projection (Šavrič, Patterson and Jenny, 2018), unit scale."""
    a1, a2, a3, a4 = 1.340264, -0.081106, 0.000893, 0.003796
    theta = math.asin(math.sqrt(3) / 2 * math.sin(math.radians(lat)))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = (2 * math.sqrt(3) * math.radians(lon) * math.cos(theta)) / (
        3 * (9 * a4 * t6 * t2 + 7 * a3 * t6 + 3 * a2 * t2 + a1)
    )
    y = theta * (a4 * t6 * t2 + a3 * t6 + a2 * t2 + a1)
    return x, y


_X_MAX = _equal_earth(180, 0)[0]
_SCALE = WIDTH / 2 / _X_MAX
_TOP = _equal_earth(0, 84)[1] * _SCALE
HEIGHT = round(_TOP + _equal_earth(0, -58)[1] * -_SCALE)


def _point(lon: float, lat: float) -> tuple[float, float]:
    x, y = _equal_earth(lon, lat)
    return round(WIDTH / 2 + x * _SCALE, 1), round(_TOP - y * _SCALE, 1)


@cache
def _topology() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SHAPES.read_text(encoding="utf-8"))
    return data


@cache
def _arcs() -> list[list[tuple[float, float]]]:
    """Every arc of the topology, decoded to longitude and latitude, and simplified."""
    topology = _topology()
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(_simplified(points))
    return arcs


def _simplified(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """``points`` without those closer than `DETAIL` to the line they lie on (Douglas–Peucker).

    Arcs are simplified before rings are made of them, so neighbours keep a common border.
    """
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        length = math.hypot(x2 - x1, y2 - y1)
        far, farthest = 0.0, -1
        for i in range(first + 1, last):
            x, y = points[i]
            if length:
                distance = abs((x2 - x1) * (y1 - y) - (x1 - x) * (y2 - y1)) / length
            else:
                distance = math.hypot(x - x1, y - y1)
            if distance > far:
                far, farthest = distance, i
        if far > DETAIL:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def _rings(indexes: Iterable[int]) -> list[list[tuple[float, float]]]:
    """A ring of arcs, projected; a ring across the antimeridian is cut there, and each
    part drawn on its side."""
    arcs = _arcs()
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    unwrapped = points[:1]
    for lon, lat in points[1:]:
        turns = round((unwrapped[-1][0] - lon) / 360)  # no jump of half the world or more
        unwrapped.append((lon + 360 * turns, lat))
    shifts = {0}
    if max(lon for lon, _ in unwrapped) > 180:
        shifts.add(-360)
    if min(lon for lon, _ in unwrapped) < -180:
        shifts.add(360)
    out = []
    for shift in sorted(shifts):
        ring = _clipped([(lon + shift, lat) for lon, lat in unwrapped], 180, 1)
        ring = _clipped(ring, -180, -1)
        if len(ring) > 2:
            out.append([_point(lon, lat) for lon, lat in ring])
    return out


def _clipped(ring: list[tuple[float, float]], edge: float, side: int) -> list[tuple[float, float]]:
    """The part of ``ring`` with ``side * lon <= side * edge`` (Sutherland–Hodgman)."""

    def inside(point: tuple[float, float]) -> bool:
        return side * point[0] <= side * edge

    out: list[tuple[float, float]] = []
    for index, point in enumerate(ring):
        previous = ring[index - 1]
        if inside(point) != inside(previous):
            (x1, y1), (x2, y2) = previous, point
            out.append((edge, y1 + (y2 - y1) * (edge - x1) / (x2 - x1)))
        if inside(point):
            out.append(point)
    return out


def _path(rings: Sequence[list[tuple[float, float]]]) -> str:
    parts = []
    for ring in rings:
        kept = [p for i, p in enumerate(ring) if i == 0 or p != ring[i - 1]]
        if len(kept) > 2:
            parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in kept) + "Z")
    return "".join(parts)


def shapes() -> dict[str, list[list[tuple[float, float]]]]:
    """Each country's projected rings, by ISO 3166-1 numeric code (Antarctica left out)."""
    out: dict[str, list[list[tuple[float, float]]]] = {}
    for geometry in _topology()["objects"]["countries"]["geometries"]:
        number = geometry.get("id")
        if number is None or number == ANTARCTICA:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = out.setdefault(number, [])
        for polygon in polygons:
            for ring in polygon:
                rings += _rings(ring)
    return out


def _box(rings: Iterable[list[tuple[float, float]]]) -> tuple[float, float, float, float]:
    points = [p for ring in rings for p in ring]
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return min(xs), min(ys), max(xs), max(ys)


def map_svg(registry: Registry) -> str:
    """The world, each partner's shape marked with its ISO code for the page's script."""
    numeric = {registry.resolve(c).numeric: c for c in partners(registry)}
    out = [
        f'<svg class="aeo-map" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        'aria-labelledby="aeo-map-title" xmlns="http://www.w3.org/2000/svg">',
        '<title id="aeo-map-title">China\'s AEO mutual recognition partners</title>',
    ]
    dots = []
    for number, rings in sorted(shapes().items()):
        path = _path(rings)
        if not path:
            continue
        code = numeric.get(number)
        if number == "156":
            out.append(f'<path class="aeo-china" d="{path}"><title>China 中国</title></path>')
            continue
        if code is None:
            out.append(f'<path d="{path}"/>')
            continue
        territory = registry.resolve(code)
        label = f"<title>{escape(territory.name)} {territory.name_zh}</title>"
        out.append(f'<path data-code="{code}" d="{path}">{label}</path>')
        left, top, right, bottom = _box(rings)
        if max(right - left, bottom - top) < SMALL:
            x, y = round((left + right) / 2, 1), round((top + bottom) / 2, 1)
            dots.append(f'<circle data-code="{code}" cx="{x:g}" cy="{y:g}" r="4">{label}</circle>')
    missing = set(numeric) - set(shapes())
    assert not missing, f"no shape for {sorted(numeric[n] for n in missing)}"
    out += dots
    out.append("</svg>")
    return "".join(out)


def world_map(registry: Registry) -> str:
    """The map, its legend, its date control and its data, for the map page."""
    data = status_series(registry)
    legend = "".join(
        f'<li data-status="{key}"><span class="aeo-swatch aeo-{key}"></span>{label}: '
        '<span class="aeo-count"></span></li>'
        for key, label, _ in STATUSES
        if key != "none"
    )
    names = {c: [registry.resolve(c).name, registry.resolve(c).name_zh] for c in partners(registry)}
    payload = json.dumps({**data, "names": names}, ensure_ascii=False, separators=(",", ":"))
    return (
        '<div class="aeo-map-box" id="aeo-map-box">'
        '<div class="aeo-map-controls">'
        '<button type="button" id="aeo-map-play">Play</button>'
        '<input type="range" id="aeo-map-day" aria-label="Day shown" min="0" value="0">'
        '<output id="aeo-map-date" for="aeo-map-day"></output></div>'
        f'<figure class="aeo-figure">{map_svg(registry)}</figure>'
        f'<ul class="aeo-legend">{legend}</ul>'
        '<div id="aeo-map-list" class="aeo-map-list"></div>'
        f'<script type="application/json" id="aeo-map-data">{payload}</script>'
        "</div>"
    )
