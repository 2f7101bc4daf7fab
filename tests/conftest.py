"""Shared fixtures: the bundled registry and its records."""

from __future__ import annotations

import pytest
from hypothesis import settings

import aeo_mra
from aeo_mra import Registry

# Speed is measured in benchmarks/, not in tests: a loaded machine must not fail a property.
settings.register_profile("untimed", deadline=None)
settings.load_profile("untimed")


@pytest.fixture(scope="session")
def registry() -> Registry:
    """The registry of the bundled dataset."""
    return aeo_mra._default()
