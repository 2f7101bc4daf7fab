"""Shared fixtures: the bundled registry and its records."""

from __future__ import annotations

import pytest

import aeo_mra
from aeo_mra import Registry


@pytest.fixture(scope="session")
def registry() -> Registry:
    """The registry of the bundled dataset."""
    return aeo_mra._default()
