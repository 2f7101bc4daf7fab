"""The JSON Schemas of the answers' shapes, for the JSON shapes page."""

from __future__ import annotations

import json

from aeo_mra import Registry, json_schema
from aeo_mra._jsonschema import shapes


def json_schemas(registry: Registry) -> str:
    """A section per shape: what it is, and its schema folded, as the package ships it."""
    out = []
    for record in shapes():
        schema = json_schema(record)
        text = json.dumps(schema, ensure_ascii=False, indent=2).replace("\n", "\n    ")
        out += [
            f"### {record.__name__}",
            f"{schema['description']} File: `aeo_mra/schemas/{record.__name__}.schema.json`.",
            f'??? note "Schema"\n\n    ```json\n    {text}\n    ```',
        ]
    return "\n\n".join(out)
