"""The golden snapshot of the timeline: every data change shows up as a reviewable diff.

Regenerate after a reviewed data change with ``python scripts/regenerate.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

import aeo_mra

PATH = Path(__file__).parent / "snapshots" / "timeline.json"


def render() -> str:
    """The timeline as JSON, one event per line."""
    rows = [
        json.dumps(
            {
                "when": str(event.when),
                "kind": event.kind.value,
                "arrangement": event.arrangement,
                "territory": event.territory,
                "description": event.description,
                "confidence": str(event.confidence),
                "sources": [s.id for s in event.sources],
            },
            ensure_ascii=False,
        )
        for event in aeo_mra.timeline()
    ]
    return "[\n" + ",\n".join(rows) + "\n]\n"
