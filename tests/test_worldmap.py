"""The world map shows what the library gives: each administration's partners as
`aeo_mra.world.partners` gives them, China's as `aeo_mra.check` does, and each place as the
administration that `aeo_mra.world.check` says clears goods there."""

from __future__ import annotations

import hashlib
import re
from datetime import date, timedelta
from typing import Any

import pytest

from aeo_mra import Instrument, Reason, Registry, world
from aeo_mra.world import SameAdministrationError, WorldReason
from docs_gen import mapdata, worldmap

SHAPES_SHA256 = "04342cdc1e3016bcd7db1630de95684d67b79fe3c8c460321e87aef469502394"


@pytest.fixture(scope="module")
def graph() -> world.World:
    return world.bundled()


@pytest.fixture(scope="module")
def data(graph: world.World) -> dict[str, Any]:
    return mapdata.map_data(graph)


@pytest.fixture(scope="module")
def grid(graph: world.World, data: dict[str, Any]) -> list[date]:
    """Every 37th day since the replay's start, and each day the map changes on and the day
    before it."""
    first = mapdata.start(graph)
    days = {first + timedelta(days=n) for n in range(0, (date.today() - first).days, 37)}
    for change in data["days"][1:]:
        day = date.fromisoformat(change)
        days.update((day - timedelta(days=1), day))
    return sorted(days)


def shown(data: dict[str, Any], administration: str, day: date) -> dict[str, str]:
    """The partners the map shows for ``administration`` on ``day``, with their statuses."""
    partners = data["administrations"][administration]["partners"]
    statuses = {o: data["statuses"][mapdata.value_on(s, data["days"], day)]
                for o, s in partners.items()}  # fmt: skip
    return {o: s for o, s in statuses.items() if s != "none"}


def test_the_shapes_are_world_atlas_2_0_2_as_published() -> None:
    assert hashlib.sha256(worldmap.SHAPES.read_bytes()).hexdigest() == SHAPES_SHA256


def test_every_administration_s_partners_are_those_world_partners_gives(
    graph: world.World, data: dict[str, Any], grid: list[date]
) -> None:
    assert set(data["administrations"]) == set(graph.administrations)
    for administration in graph.administrations:
        for day in grid:
            partners = world.partners(administration, on=day)
            found = shown(data, administration, day)
            counted = {o for o, s in found.items() if s == "counted"}
            planned = {o for o, s in found.items() if s == "planned"}
            assert set(found) - counted - planned == {p.administration.id for p in partners}
            for partner in partners:
                status = found[partner.administration.id]
                assert status in ("implemented", "signed", "pilot")
                assert status != "signed" or not partner.implemented, (day, partner)
                assert status != "implemented" or any(
                    p.implemented for p in partners if p.administration is partner.administration
                ), (day, partner)
            assert not counted or administration == "CN"


def test_an_administration_inside_a_union_is_shown_as_its_union_s(
    graph: world.World, data: dict[str, Any], grid: list[date]
) -> None:
    inside = set()
    for administration in graph.administrations:
        series = data["administrations"][administration]["union"]
        for day in grid:
            union = mapdata.value_on(series, data["days"], day)
            assert union == graph.union_of(administration, day), (administration, day)
            if union is not None:
                inside.add((administration, union))
    assert ("GB", "EU") in inside


def test_a_joint_work_plan_is_shown_as_the_summary_counts_it(
    graph: world.World, data: dict[str, Any], grid: list[date]
) -> None:
    for administration in graph.administrations:
        for day in grid:
            found = {o for o, s in shown(data, administration, day).items() if s == "planned"}
            assert found == set(world.summary(administration, on=day).planned), (
                administration,
                day,
            )


def _china(registry: Registry, code: str, day: date) -> str:
    """What China's map should show for a place, in `aeo_mra.check`'s answers."""
    answer = registry.check(code, on=day)
    uncovered = {
        Reason.NOT_A_PARTNER, Reason.NOT_YET_SIGNED, Reason.NOT_YET_COVERED,
        Reason.NO_LONGER_COVERED,
    }  # fmt: skip
    if answer.reason in uncovered or answer.arrangement is None:
        return "counted" if code in registry.summary(day).counted_territories else "none"
    if answer.arrangement.instrument is Instrument.PILOT or not answer.arrangement.counted:
        return "pilot"
    # in effect only where check() says so firmly: an inferred date is "not known in effect"
    return "implemented" if answer.qualifies else "signed"


def _place(data: dict[str, Any], administration: str, code: str, day: date) -> str:
    """The status the map gives a place (as the page's script finds it)."""
    clearing = mapdata.value_on(data["places"][code], data["days"], day)
    if clearing is None:
        return "none"
    return (
        "self"
        if clearing == administration
        else shown(data, administration, day).get(clearing, "none")
    )


def test_china_s_map_is_what_check_gives(
    registry: Registry, data: dict[str, Any], grid: list[date]
) -> None:
    codes = {m.territory for a in registry.dataset.arrangements for m in a.members}
    codes |= {c.territory for c in registry.dataset.counted_territories}
    for code in sorted(codes):
        for day in grid:
            assert _place(data, "CN", code, day) == _china(registry, code, day), (code, day)


@pytest.mark.parametrize(
    ("administration", "code", "day", "status"),
    [
        ("CN", "SG", date(2012, 1, 1), "none"),
        ("CN", "SG", date(2013, 3, 15), "implemented"),
        ("CN", "DE", date(2015, 1, 1), "signed"),
        ("CN", "GB", date(2020, 12, 31), "implemented"),
        ("CN", "GB", date(2021, 1, 1), "counted"),
        ("CN", "TW", date(2017, 1, 1), "pilot"),
        ("CN", "CN", date(2017, 1, 1), "self"),
        ("EU", "FR", date(2017, 1, 1), "self"),
        ("EU", "GB", date(2021, 1, 1), "implemented"),
        ("KR", "DE", date(2024, 1, 1), "none"),
        ("US", "JP", date(2009, 5, 31), "none"),
        ("US", "JP", date(2010, 1, 31), "implemented"),
        ("HK", "CL", date(2024, 12, 2), "none"),
        ("HK", "CL", date(2024, 12, 3), "planned"),
        ("HK", "PE", date(2025, 12, 29), "planned"),
        ("HK", "PE", date(2025, 12, 30), "signed"),
        ("HK", "AE", date(2024, 6, 3), "none"),  # planned between 06-03 and 06-04
        ("HK", "AE", date(2024, 6, 4), "planned"),
        ("AR", "BR", date(2019, 11, 12), "planned"),
        ("AR", "BR", date(2019, 11, 13), "signed"),  # Mercosur's, not their own
    ],
)
def test_known_statuses(
    data: dict[str, Any], administration: str, code: str, day: date, status: str
) -> None:
    """Facts the data pages state: the EU's members are drawn as the EU, and recognition
    is not transitive (Korea has no arrangement with the EU, though both have one with China)."""
    assert _place(data, administration, code, day) == status


def test_each_place_is_the_administration_world_check_finds_there(
    graph: world.World, data: dict[str, Any], grid: list[date]
) -> None:
    for code in mapdata.places(graph):
        for day in grid[::5]:
            drawn = mapdata.value_on(data["places"][code], data["days"], day)
            holder = "JP" if drawn != "JP" else "US"
            try:
                answer = world.check(holder, code, on=day)
            except SameAdministrationError:
                pytest.fail(f"{code} on {day} is {holder}'s, not {drawn}'s")
            outside = answer.reason in (WorldReason.OUTSIDE_TERRITORY, WorldReason.COVERAGE_UNKNOWN)
            _, membership = graph.cleared_by(code, day)  # a place not known to be in a union's
            unsettled = membership is not None and not membership.covers(day)  # territory, too
            unsettled = unsettled and membership is not None and membership.applies(day)
            found = answer.administration.id if answer.administration else None
            found = None if outside or unsettled else found
            assert drawn == found, (code, day)


def test_every_place_with_a_shape_is_marked_and_small_ones_have_a_dot(
    registry: Registry, graph: world.World
) -> None:
    svg = worldmap.map_svg(registry, graph)
    shaped = set(re.findall(r'<path data-code="(\w\w)"', svg))
    assert set(graph.administrations) - {"EU"} <= shaped <= set(mapdata.places(graph))
    assert {"DE", "FR", "GB"} <= shaped  # the EU as its member states
    dotted = set(re.findall(r'<circle data-code="(\w\w)"', svg))
    assert {"SG", "HK", "MO", "MT"} <= dotted
    assert not dotted & {"DE", "RU", "BR", "AU"}
