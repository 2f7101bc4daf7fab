"""Caches are bounded, hold no long caller strings, and keep no registry alive."""

from __future__ import annotations

import gc
import weakref
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

import aeo_mra
from aeo_mra import PartnerKind, Precision, Reason, Registry, Role, Tier, _dates, _limits, codes
from aeo_mra import registry as registry_module
from aeo_mra.places import iso_territories

BUNDLED = Path(aeo_mra.__file__).parent / "data" / "arrangements.toml"


def _keys(registry: Registry) -> list[object]:
    tables = [*registry._tables.values(), registry._today[-1]]
    return [key for table in tables for key in table] + list(registry._resolved)


def test_cached_keys_are_short_whatever_callers_pass() -> None:
    registry = Registry.bundled()
    for width in range(2, _limits.MAX_PLACE, 7):
        assert registry.check("DE".center(width), on=date(2020, 1, 1)).place.code == "DE"
        assert registry.check("DE".center(width)).place.code == "DE"
    assert registry.check("DE", on=date(2020, 1, 1)).place.code == "DE"
    lengths = [len(k if isinstance(k, str) else str(k[0])) for k in _keys(registry)]
    assert lengths
    assert max(lengths) <= _limits.MAX_CACHED_KEY


def test_all_answer_caches_together_hold_at_most_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry_module, "_CACHE_LIMIT", 50)
    registry = Registry.bundled()
    day = date(2022, 1, 1)
    for offset in range(40):
        for role in Role:
            for tier in (None, Tier.ADVANCED_CERTIFIED):
                registry.check("DE", on=day + timedelta(days=offset), role=role, tier=tier)
    assert sum(map(len, registry._tables.values())) <= 50
    for code in sorted(iso_territories())[:120]:
        if code != "CN":
            registry.check(code)  # today's table
    assert len(registry._today[-1]) <= sum(map(len, registry._tables.values())) <= 50


def _clock(monkeypatch: pytest.MonkeyPatch, moment: datetime) -> None:
    """Set the clock the library reads today from (a naive ``moment`` is local time)."""
    monkeypatch.setattr(_dates, "today_window", (0.0, 0.0, date.min))
    for module in (_dates, registry_module):
        monkeypatch.setattr(module, "time" if module is _dates else "_time", moment.timestamp)


def test_today_s_answers_turn_at_local_midnight(monkeypatch: pytest.MonkeyPatch) -> None:
    registry = Registry.bundled()
    arrangement = next(
        a
        for a in registry.arrangements()
        if a.partner_kind is PartnerKind.COUNTRY
        and a.implemented is not None
        and a.implemented.value.precision is Precision.DAY
    )
    place, first = arrangement.members[0].territory, arrangement.implemented.value.earliest
    assert first is not None
    _clock(monkeypatch, datetime.combine(first, datetime.min.time()) - timedelta(seconds=1))
    before = registry.check(place)
    assert before is registry.check(place)  # remembered for the rest of the day
    _clock(monkeypatch, datetime.combine(first, datetime.min.time()))
    after = registry.check(place)
    assert (before.on, after.on) == (first - timedelta(days=1), first)
    assert before == registry.check(place, on=before.on) != after
    assert after == registry.check(place, on=first)
    assert before.reason is not Reason.COVERED
    assert after.reason is Reason.COVERED


def test_codes_keep_no_registry_alive(tmp_path: Path) -> None:
    path = tmp_path / "copy.toml"
    path.write_text(BUNDLED.read_text(encoding="utf-8"), encoding="utf-8")
    registry = aeo_mra.load(path)
    assert codes.is_valid("SG123456789012", registry=registry)
    gone = weakref.ref(registry)
    del registry
    gc.collect()
    assert gone() is None


class _Cell(str):
    """A str subclass, as numpy.str_ is, whose str() says something else."""

    def __str__(self) -> str:
        return "FR"


def test_a_datetime_is_answered_from_its_own_day() -> None:
    registry = Registry.bundled()
    utc = datetime(2021, 10, 7, 23, tzinfo=UTC)
    tokyo = datetime(2021, 10, 8, 8, tzinfo=timezone(timedelta(hours=9)))
    assert utc == tokyo  # one instant, two days
    for moment in (utc, tokyo, utc, tokyo):
        answer = registry.check("CL", on=moment)
        assert answer.on == moment.date()
        assert answer is registry.check("CL", on=moment.date())  # remembered under the day
    assert all(type(key[-1]) is date for key in _keys(registry) if isinstance(key, tuple))


def test_a_str_subclass_is_answered_as_the_str_it_holds() -> None:
    registry = Registry.bundled()
    day = date(2020, 1, 1)
    answer = registry.check(_Cell("DE"), on=day)
    assert answer.place.code == "DE"
    assert answer is registry.check("DE", on=day)
    assert registry.check(_Cell("DE"), on=day) is answer
    assert all(type(key[0]) in (str, type) for key in _keys(registry) if isinstance(key, tuple))


def test_today_s_answers_keep_codes_and_str_subclasses_apart_from_lookalikes() -> None:
    registry = Registry.bundled()
    numeric = registry.check(276)
    assert numeric is registry.check(276)  # remembered for today
    assert numeric == registry.check("DE", on=numeric.on)
    for odd in (276.0, True):
        with pytest.raises(TypeError):
            registry.check(odd)  # type: ignore[arg-type]
    answer = registry.check(_Cell("DE"))
    assert answer.place.code == "DE"
    assert answer is registry.check("DE") is registry.check(_Cell("DE"))
    assert {type(key) for key in registry._today[-1]} == {str, int}


@pytest.mark.parametrize("odd", [276.0, True])
def test_an_equal_number_of_another_type_never_finds_an_int_code_answer(odd: object) -> None:
    registry = Registry.bundled()
    registry.check(276, on=date(2020, 1, 1))
    with pytest.raises(TypeError):
        registry.check(odd, on=date(2020, 1, 1))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        registry.check(odd, on=datetime(2020, 1, 1, 12))  # type: ignore[arg-type]


def test_answers_made_in_bulk_go_straight_to_the_oldest_generation() -> None:
    days = [date(2019, 1, 1) + timedelta(days=n) for n in range(50)]
    answers = Registry.bundled().check_many(["DE"] * len(days), on=days)
    assert gc.isenabled()
    assert any(a is answers[-1] for a in gc.get_objects(generation=2))
    assert not any(a is answers[-1] for a in gc.get_objects(generation=0))


def test_bulk_answers_leave_a_program_s_frozen_objects_frozen() -> None:
    kept = [object()]  # a list: an object the collector tracks
    gc.freeze()
    try:
        Registry.bundled().check_many(["DE", "FR"], on=[date(2019, 1, 1), date(2019, 1, 2)])
        assert not any(o is kept for o in gc.get_objects())  # still frozen
    finally:
        gc.unfreeze()
    assert any(o is kept for o in gc.get_objects())


def test_bulk_answers_leave_a_paused_collector_paused() -> None:
    gc.disable()
    try:
        Registry.bundled().check_many(["DE", "FR"], on=[date(2019, 1, 1), date(2019, 1, 2)])
        assert not gc.isenabled()
    finally:
        gc.enable()
