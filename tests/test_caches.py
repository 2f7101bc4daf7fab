"""Caches are bounded, hold no long caller strings, and keep no registry alive."""

from __future__ import annotations

import gc
import weakref
from datetime import date, timedelta
from pathlib import Path

import pytest

import aeo_mra
from aeo_mra import Registry, Role, Tier, _limits, codes
from aeo_mra import registry as registry_module

BUNDLED = Path(aeo_mra.__file__).parent / "data" / "arrangements.toml"


def _keys(registry: Registry) -> list[object]:
    return [key for table in registry._tables.values() for key in table] + list(registry._resolved)


def test_cached_keys_are_short_whatever_callers_pass() -> None:
    registry = Registry.bundled()
    for width in range(2, _limits.MAX_PLACE, 7):
        assert registry.check("DE".center(width), on=date(2020, 1, 1)).place.code == "DE"
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


def test_codes_keep_no_registry_alive(tmp_path: Path) -> None:
    path = tmp_path / "copy.toml"
    path.write_text(BUNDLED.read_text(encoding="utf-8"), encoding="utf-8")
    registry = aeo_mra.load(path)
    assert codes.is_valid("SG123456789012", registry=registry)
    gone = weakref.ref(registry)
    del registry
    gc.collect()
    assert gone() is None
