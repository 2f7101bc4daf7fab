"""The committed timeline snapshot matches the data."""

from __future__ import annotations

from snapshot import PATH, render


def test_timeline_snapshot_matches_the_data() -> None:
    assert PATH.read_text(encoding="utf-8") == render(), (
        "the data changed: review the diff of `python scripts/regenerate.py` and commit it"
    )
