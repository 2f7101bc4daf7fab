"""The world map: an inline SVG of every place an administration clears goods at, for the
map page's script to colour by the partners of the administration chosen (`mapdata`).

Country shapes are Natural Earth's (1:50m, version 4.1.0) as the npm package world-atlas
2.0.2 ships them (``world/countries-50m.json``, TopoJSON keyed by ISO 3166-1 numeric code),
kept in the repository so that neither the build nor the page needs a network
(``world/README.md`` says where it comes from). They are drawn in the Equal Earth
projection. A place too small to see at the map's size gets a dot as well.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from aeo_mra import Registry
from aeo_mra.world import World, bundled

from . import mapdata
from .markdown import escape

SHAPES = Path(__file__).parent / "world" / "countries-50m.json"
WIDTH = 960
DETAIL = 0.15  # degrees a simplified border may stray: about half a unit of the map's width
SMALL = 7.0  # a place whose shape is smaller than this many units either way gets a dot
ANTARCTICA = "010"


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


def map_svg(registry: Registry, graph: World) -> str:
    """The world; each place an administration clears goods at is marked with its ISO code
    for the page's script."""
    numeric = {registry.places.territory(c).numeric: c for c in mapdata.places(graph)}
    drawn = shapes()
    out = [
        f'<svg class="aeo-map" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        'aria-labelledby="aeo-map-title" xmlns="http://www.w3.org/2000/svg">',
        '<title id="aeo-map-title">AEO mutual recognition partners</title>',
    ]
    dots = []
    for number, rings in sorted(drawn.items()):
        path = _path(rings)
        if not path:
            continue
        code = numeric.get(number)
        if code is None:
            out.append(f'<path d="{path}"/>')
            continue
        territory = registry.places.territory(code)
        label = f"<title>{escape(territory.name)} {territory.name_zh}</title>"
        out.append(f'<path data-code="{code}" d="{path}">{label}</path>')
        left, top, right, bottom = _box(rings)
        if max(right - left, bottom - top) < SMALL:
            x, y = round((left + right) / 2, 1), round((top + bottom) / 2, 1)
            dots.append(f'<circle data-code="{code}" cx="{x:g}" cy="{y:g}" r="4">{label}</circle>')
    missing = {c for n, c in numeric.items() if n not in drawn} & set(graph.administrations)
    assert not missing, f"no shape for {sorted(missing)}"  # a union's overseas part may have none
    out += dots
    out.append("</svg>")
    return "".join(out)


def world_map(registry: Registry) -> str:
    """The map, its administration selector, date control, legend and data, for the map page."""
    graph = bundled()
    data = mapdata.map_data(graph)
    names = {c: [t.name, t.name_zh] for c in mapdata.places(graph)
             for t in [registry.places.territory(c)]}  # fmt: skip
    payload = json.dumps({**data, "names": names}, ensure_ascii=False, separators=(",", ":"))
    choices = "".join(
        f'<option value="{a.id}"{" selected" if a.id == mapdata.CHINA else ""}>'
        f"{html.escape(a.name)} ({a.id})</option>"
        for a in sorted(graph.administrations.values(), key=lambda a: a.name)
    )
    legend = "".join(
        f'<li data-status="{key}"><span class="aeo-swatch aeo-{key}"></span>'
        f'<span class="aeo-label">{label}</span>: <span class="aeo-count"></span></li>'
        for key, label in mapdata.STATUSES
        if key != "none"
    )
    return (
        '<div class="aeo-map-box" id="aeo-map-box">'
        '<div class="aeo-map-controls">'
        '<label for="aeo-map-admin">Partners of</label>'
        f'<select id="aeo-map-admin">{choices}</select></div>'
        '<div class="aeo-map-controls">'
        '<button type="button" id="aeo-map-play">Play</button>'
        '<input type="range" id="aeo-map-day" aria-label="Day shown" min="0" value="0">'
        '<output id="aeo-map-date" for="aeo-map-day"></output></div>'
        f'<figure class="aeo-figure">{map_svg(registry, graph)}'
        '<figcaption id="aeo-map-caption" aria-live="polite"></figcaption></figure>'
        f'<ul class="aeo-legend">{legend}</ul>'
        '<div id="aeo-map-list" class="aeo-map-list"></div>'
        f'<script type="application/json" id="aeo-map-data">{payload}</script>'
        "</div>"
    )
