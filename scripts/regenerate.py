"""Regenerate the committed files derived from the code and the data, after a reviewed change.

    python scripts/regenerate.py

writes ``src/aeo_mra/data/schema.json`` (from ``aeo_mra/_schema.py``),
``src/aeo_mra/data/measures.schema.json`` (from ``aeo_mra/_home_schema.py``), the JSON
Schemas of the records' shapes in ``src/aeo_mra/schemas/`` (from the records' types) and
of every answer in ``schemas/answers/`` (from the API's table of questions),
``tests/snapshots/timeline.json`` (the golden timeline), and the compiled forms the bundled
registry starts from: ``data/arrangements.compiled`` (from the validated TOML),
``data/world.compiled`` (from the validated world TOML) and ``data/places.compiled`` (from
the installed pycountry). Tests fail until all are current.
"""

from __future__ import annotations

import json
import sys
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from snapshot import PATH as TIMELINE  # noqa: E402
from snapshot import render as render_timeline  # noqa: E402

from aeo_mra import _compiled, places  # noqa: E402
from aeo_mra._api import answer_schemas  # noqa: E402
from aeo_mra._home_schema import render as render_measures_schema  # noqa: E402
from aeo_mra._jsonschema import render as render_shape  # noqa: E402
from aeo_mra._jsonschema import shapes  # noqa: E402
from aeo_mra._loader import parse  # noqa: E402
from aeo_mra._schema import render as render_schema  # noqa: E402
from aeo_mra.world._load import parse as parse_world  # noqa: E402

SCHEMA = ROOT / "src" / "aeo_mra" / "data" / "schema.json"
MEASURES_SCHEMA = SCHEMA.with_name("measures.schema.json")
SHAPES = ROOT / "src" / "aeo_mra" / "schemas"


def compiled() -> list[tuple[Path, bytes]]:
    """The compiled dataset and world data, from their TOML parsed and validated, and the
    place index."""
    toml = Path(_compiled.TOML).read_bytes()
    dataset = parse(toml.decode("utf-8"), "aeo_mra/data/arrangements.toml")
    key = _compiled.places_key()
    if key is None:
        sys.exit("pycountry's files are not where it ships them: cannot compile the places")
    index = places.live_index()
    world_toml = Path(_compiled.WORLD_TOML).read_bytes()
    world = parse_world(world_toml.decode("utf-8"), dataset, "aeo_mra/data/world.toml")
    china = _compiled.dataset_key(toml, dataset.version)
    return [
        (Path(_compiled.DATASET), _compiled.dump_dataset(dataset, toml)),
        (Path(_compiled.WORLD), _compiled.dump_world(world, world_toml, china)),
        (Path(_compiled.PLACES), _compiled.dump_places(index, key, version("pycountry"))),
    ]


def _text(schema: object) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def main() -> None:
    # The compiled files first: the timeline is rendered by the registry that reads them.
    files: list[tuple[Path, str | bytes]] = [
        *compiled(),
        (SCHEMA, render_schema()),
        (MEASURES_SCHEMA, render_measures_schema()),
        (TIMELINE, render_timeline()),
    ]
    files += [(SHAPES / f"{r.__name__}.schema.json", render_shape(r)) for r in shapes()]
    files += [
        (SHAPES / "answers" / f"{name}.schema.json", _text(schema))
        for name, schema in answer_schemas().items()
    ]
    for path, content in files:
        path.parent.mkdir(exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
