"""Regenerate the committed files derived from the code and the data, after a reviewed change.

    python scripts/regenerate.py

writes ``src/aeo_mra/data/schema.json`` (from ``aeo_mra/_schema.py``),
``src/aeo_mra/data/measures.schema.json`` (from ``aeo_mra/_home_schema.py``), the JSON
Schemas of the answers' shapes in ``src/aeo_mra/schemas/`` (from the records' types) and
``tests/snapshots/timeline.json`` (the golden timeline). Tests fail until all are current.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from snapshot import PATH as TIMELINE  # noqa: E402
from snapshot import render as render_timeline  # noqa: E402

from aeo_mra._home_schema import render as render_measures_schema  # noqa: E402
from aeo_mra._jsonschema import render as render_shape  # noqa: E402
from aeo_mra._jsonschema import shapes  # noqa: E402
from aeo_mra._schema import render as render_schema  # noqa: E402

SCHEMA = ROOT / "src" / "aeo_mra" / "data" / "schema.json"
MEASURES_SCHEMA = SCHEMA.with_name("measures.schema.json")
SHAPES = ROOT / "src" / "aeo_mra" / "schemas"


def main() -> None:
    files = [
        (SCHEMA, render_schema()),
        (MEASURES_SCHEMA, render_measures_schema()),
        (TIMELINE, render_timeline()),
    ]
    files += [(SHAPES / f"{r.__name__}.schema.json", render_shape(r)) for r in shapes()]
    for path, text in files:
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
