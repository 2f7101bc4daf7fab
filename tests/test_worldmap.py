"""The world map shows each partner's status as the library gives it."""

from __future__ import annotations

import hashlib
import re
from datetime import date, timedelta
from typing import Any

import pytest

from aeo_mra import Registry
from docs_gen import worldmap

SHAPES_SHA256 = "04342cdc1e3016bcd7db1630de95684d67b79fe3c8c460321e87aef469502394"


@pytest.fixture(scope="module")
def series(registry: Registry) -> dict[str, Any]:
    return worldmap.status_series(registry)


def test_the_shapes_are_world_atlas_2_0_2_as_published() -> None:
    assert hashlib.sha256(worldmap.SHAPES.read_bytes()).hexdigest() == SHAPES_SHA256


@pytest.mark.parametrize(
    ("code", "day", "status"),
    [
        ("SG", date(2012, 1, 1), "none"),
        ("SG", date(2013, 3, 15), "implemented"),
        ("DE", date(2015, 1, 1), "signed"),
        ("GB", date(2020, 12, 31), "implemented"),
        ("GB", date(2021, 1, 1), "counted"),
        ("TW", date(2017, 1, 1), "pilot"),
    ],
)
def test_known_statuses(registry: Registry, code: str, day: date, status: str) -> None:
    """Facts stated by the data pages, so the rule in `worldmap.status` is checked too."""
    assert worldmap.status(registry, code, day) == status


def test_the_series_give_the_status_of_every_partner_on_every_day(
    registry: Registry, series: dict[str, Any]
) -> None:
    days = {date(2012, 1, 1) + timedelta(days=n) for n in range(0, 5500, 37)}
    for event in registry.timeline():
        for day in (event.when.earliest, event.when.latest):
            if day is not None and day >= worldmap.START + timedelta(days=1):
                days.update((day - timedelta(days=1), day))
    for code in worldmap.partners(registry):
        for day in sorted(days):
            assert worldmap.status_on(series, code, day) == worldmap.status(registry, code, day)


def test_every_partner_has_a_shape_and_small_ones_a_dot(registry: Registry) -> None:
    svg = worldmap.map_svg(registry)
    shaped = set(re.findall(r'<path data-code="(\w\w)"', svg))
    assert shaped == set(worldmap.partners(registry))
    dotted = set(re.findall(r'<circle data-code="(\w\w)"', svg))
    assert {"SG", "HK", "MO", "MT"} <= dotted
    assert not dotted & {"DE", "RU", "BR", "AU"}
