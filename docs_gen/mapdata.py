"""The map page's data: every administration's partners over time, from `aeo_mra.world`.

For each administration, each partner's status on the days between two changes in the data,
as `World.partners` gives it (and, for China, the places its totals count without an
arrangement, as `Registry.summary` gives them); for each place, the administration whose
recognition counts there (a union's member states are the union's while they are members).
The page only looks these intervals up: it knows no rule. Each interval is checked at its
last day too, so a day missing from the list of changes fails the build rather than giving
a wrong map.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta
from functools import cache, partial
from typing import Any, TypeVar

from aeo_mra import Instrument
from aeo_mra.world import Bilateral, Plurilateral, World

from .checker import LATER, boundaries

T = TypeVar("T")
CHINA = "CN"

# (status, label): the order of the legend, and which status wins when an administration is
# a partner through several arrangements.
STATUSES = (
    ("self", "the administration chosen"),
    ("implemented", "in effect"),
    ("signed", "signed, not known in effect"),
    ("pilot", "pilot (not counted)"),
    ("counted", "counted without an arrangement of its own"),
    ("planned", "joint work plan, not yet signed"),
    ("none", "no arrangement"),
)
NAMES = [name for name, _ in STATUSES]


def start(graph: World) -> date:
    """The first day of the map's replay: 1 January of the year of the first signing."""
    days = [s.when.value.earliest for a in _arrangements(graph) for s in a.steps]
    return date(min(d for d in days if d is not None).year, 1, 1)


def _arrangements(graph: World) -> Iterable[Bilateral | Plurilateral]:
    return (*graph.bilaterals, *graph.plurilaterals)


def days(graph: World) -> list[date]:
    """The first day of the replay and every later day the map can change on."""
    found = set(boundaries(graph.china)) | {graph.reviewed + timedelta(days=1)}
    for arrangement in _arrangements(graph):
        found.update(day for s in arrangement.steps if (day := s.when.value.latest))
        found.update(day for o in arrangement.openings if (day := o.when.value.latest))
        if isinstance(arrangement, Plurilateral):
            found.update(
                day for m in arrangement.members if m.live and (day := m.live.value.latest)
            )
    for administration in graph.administrations.values():
        if administration.coverage.through is not None:
            found.add(administration.coverage.through + timedelta(days=1))
        for member in administration.members:
            if member.since is not None:
                found.add(member.since.value)
            if member.until is not None:
                found.add(member.until.value + timedelta(days=1))
    first = start(graph)
    return [first, *sorted(d for d in found if d is not None and d > first)]


def intervals(starts: Sequence[date], value: Callable[[date], T]) -> list[int | T]:
    """``[start, value, start, value, …]``: each start an index of ``starts`` where ``value``
    changes, with its value from that day on.

    Raises:
        AssertionError: The value on an interval's last day is not that of its first.
    """
    out: list[int | T] = []
    for index, first in enumerate(starts):
        now = value(first)
        last = (
            starts[index + 1] - timedelta(days=1)
            if index + 1 < len(starts)
            else first + timedelta(days=LATER)
        )
        assert value(last) == now, f"a value changes in {first}…{last}"
        if not out or out[-1] != now:
            out += [index, now]
    return out


def value_on(series: Sequence[Any], starts: Sequence[str], day: date) -> Any:
    """The value ``series`` (from `intervals`) gives on ``day``: what the page's script does."""
    found = series[1]
    for index in range(0, len(series), 2):
        if starts[series[index]] > day.isoformat():
            break
        found = series[index + 1]
    return found


def statuses(graph: World, administration: str, day: date) -> dict[str, str]:
    """Each partner of ``administration`` on ``day``, by id, and what the map shows for it."""
    found: dict[str, str] = {}
    for partner in graph.partners(administration, on=day):
        arrangement = partner.arrangement
        pilot = isinstance(arrangement, Bilateral) and arrangement.instrument is Instrument.PILOT
        status = "pilot" if pilot else "implemented" if partner.implemented else "signed"
        other = partner.administration.id
        found[other] = min(found.get(other, status), status, key=NAMES.index)
    for _, other in graph._planned_with(administration, day):  # as summary() has them
        found.setdefault(other, "planned")
    if administration == CHINA:
        for code in graph.china.summary(day).counted_territories:
            assert code in graph.administrations, f"{code} is counted but no administration"
            found.setdefault(code, "counted")
    return found


def administration_at(graph: World, code: str, day: date) -> str | None:
    """The administration whose recognition counts at the place ``code`` on ``day``: ``None``
    when none clears goods there, or the place is outside its union's customs territory or
    its standing there is unknown."""
    administration, membership = graph.cleared_by(code, day)
    if membership is not None and membership.applies(day) and not membership.covers(day):
        return None
    return administration.id if administration is not None else None


def places(graph: World) -> list[str]:
    """Every place an administration clears goods at on some day, in code order."""
    codes: set[str] = set()
    for administration in graph.administrations.values():
        codes.update(m.territory for m in administration.members)
        if graph.china.places.is_code(administration.id):  # not a union's id (EU)
            codes.add(administration.id)
    return sorted(codes)


def map_data(graph: World) -> dict[str, Any]:
    """Everything the map page looks up: the days, each administration's partners' statuses,
    whether its list is complete and its union, and the administration of each place, as
    intervals."""
    starts = days(graph)
    administrations = {
        ident: _administration(graph, ident, starts) for ident in sorted(graph.administrations)
    }
    return {
        "days": [d.isoformat() for d in starts],
        "statuses": NAMES,
        "administrations": administrations,
        "places": {c: intervals(starts, partial(administration_at, graph, c))
                   for c in places(graph)},
    }  # fmt: skip


def _administration(graph: World, ident: str, starts: list[date]) -> dict[str, Any]:
    """An administration's name, its partners' statuses, whether its list is complete, and
    the union whose customs territory it was inside (its AEOs the union's), if any."""
    administration = graph.administrations[ident]
    on = cache(lambda day: statuses(graph, ident, day))
    others = sorted({other for day in starts for other in on(day)})

    def status(other: str, day: date) -> int:
        return NAMES.index(on(day).get(other, "none"))

    return {
        "name": administration.name,
        "partners": {other: intervals(starts, partial(status, other)) for other in others},
        "complete": intervals(
            starts, lambda d: administration.coverage.complete_on(d, graph.reviewed)
        ),
        "union": intervals(starts, partial(graph.union_of, ident)),
    }
